import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';

/**
 * Node client for every placement: `file:` (embedded), `:memory:` (tests) and remote URLs.
 * One client per process (libSQL does not honour busy_timeout across clients).
 */
export function connectNode(url: string, authToken?: string): Client {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  return createClient({ url, authToken });
}
