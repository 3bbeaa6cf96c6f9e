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

/**
 * Embedded files use WAL with synchronous=NORMAL: durable across process crashes, one fsync per
 * checkpoint rather than per commit (a power cut can lose the last moments, never corrupt).
 */
export async function tuneEmbedded(client: Client, url: string) {
  if (!url.startsWith('file:')) return;
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = NORMAL');
}
