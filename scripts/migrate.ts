// npm run db:migrate — applies migrations/ to DATABASE_URL (embedded file, sqld or Turso).
import { parseSettings, SettingsError } from '../api/settings.ts';
import { connectNode } from '../api/db/node-client.ts';
import { drizzleFor } from '../api/db/client.ts';
import { migrateDatabase } from '../api/db/migrate.ts';

try {
  const settings = parseSettings(process.env);
  const client = connectNode(settings.DATABASE_URL, settings.DATABASE_AUTH_TOKEN);
  await migrateDatabase(drizzleFor(client));
  client.close();
  console.log(`migrated ${settings.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@')}`);
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : error);
  process.exit(1);
}
