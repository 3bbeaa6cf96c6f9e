// Serves the built site and the API on one port (npm start runs the build first).
import { readFileSync } from 'node:fs';
import { parseSettings, SettingsError } from '../api/settings.ts';
import { startNodeServer } from '../api/node/server.ts';

let settings: ReturnType<typeof parseSettings>;
try {
  settings = parseSettings(process.env);
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : error);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const { demoAccounts, close } = await startNodeServer(settings, { version });

console.log(`\nAccord ${version} is running at ${settings.PUBLIC_ORIGIN}/`);
console.log(`  database: ${settings.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@')}`);
if (demoAccounts.length) {
  console.log('  demo accounts (passwords made on first run, kept in data/demo-accounts.json):');
  for (const a of demoAccounts) console.log(`    ${a.role.padEnd(8)} ${a.email.padEnd(22)} ${a.password}`);
}
console.log('  press Ctrl+C to stop\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void close().then(() => process.exit(0));
  });
}
