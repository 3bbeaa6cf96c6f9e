import { drizzle } from 'drizzle-orm/libsql/web';
import { createClient, type Client } from '@libsql/client/web';
import * as schema from './schema.ts';

export type Database = ReturnType<typeof drizzleFor>;

/** Wraps a libSQL client (embedded, in-memory or remote) in drizzle with our schema. */
export function drizzleFor(client: Client) {
  return drizzle(client, { schema });
}

/** Remote-only client for runtimes without a filesystem (Workers). */
export function connectRemote(url: string, authToken?: string): Client {
  return createClient({ url, authToken });
}
