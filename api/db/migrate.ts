import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './client.ts';

/** Applies migrations/ (Node only: drizzle's migrator reads the folder from disk). */
export async function migrateDatabase(db: Database, migrationsFolder = 'migrations') {
  await migrate(db, { migrationsFolder });
}
