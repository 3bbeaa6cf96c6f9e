// vitest globalSetup: one real sqld for the project, migrated once; tests get its URL by inject().
import type { TestProject } from 'vitest/node';
import { connectNode } from '../../api/db/node-client.ts';
import { drizzleFor } from '../../api/db/client.ts';
import { migrateDatabase } from '../../api/db/migrate.ts';
import { startSqld } from './sqld.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const sqld = await startSqld();
  const client = connectNode(sqld.url);
  await migrateDatabase(drizzleFor(client));
  client.close();
  project.provide('databaseUrl', sqld.url);
  return sqld.stop;
}
