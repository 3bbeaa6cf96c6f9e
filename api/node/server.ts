import { existsSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../app.ts';
import { drizzleFor } from '../db/client.ts';
import { connectNode, tuneEmbedded } from '../db/node-client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { indexManifest, type Manifest } from '#core/curriculum/manifest.ts';
import { seedDemo, type DemoAccount } from '../seed/demo.ts';
import type { Settings } from '../settings.ts';
import { staticSite } from './static-site.ts';
import { solveInThread } from './match-thread.ts';
import { makeLogger } from '../log.ts';
import { deleteExpiredSessions } from '../auth/sessions.ts';

export const DEMO_ACCOUNTS_FILE = 'data/demo-accounts.json';

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

/** Node entry: migrate, seed on first run, then serve dist/ and /api/* on one port. */
export async function startNodeServer(settings: Settings, options: { siteDir?: string; manifestPath?: string; version: string }) {
  const manifest = readJson<Manifest>(options.manifestPath ?? 'generated/manifest.json');
  if (!manifest) throw new Error('generated/manifest.json is missing: run `npm run build` first.');
  const client = connectNode(settings.DATABASE_URL, settings.DATABASE_AUTH_TOKEN);
  await tuneEmbedded(client, settings.DATABASE_URL);
  const db = drizzleFor(client);
  await migrateDatabase(db);
  // Expired sessions are removed when presented; this sweeps the ones never presented again.
  await deleteExpiredSessions(db, new Date());
  const sweep = setInterval(() => void deleteExpiredSessions(db, new Date()).catch(() => undefined), 24 * 3600_000);
  sweep.unref();

  let demoAccounts: DemoAccount[] = [];
  if (settings.SEED_DEMO) {
    const known = readJson<DemoAccount[]>(DEMO_ACCOUNTS_FILE);
    const seeded = await seedDemo(db, known, { curriculum: indexManifest(manifest), now: new Date() });
    demoAccounts = seeded.accounts;
    if (seeded.created > 0) {
      mkdirSync(dirname(DEMO_ACCOUNTS_FILE), { recursive: true });
      writeFileSync(DEMO_ACCOUNTS_FILE, JSON.stringify(seeded.accounts, null, 2));
      chmodSync(DEMO_ACCOUNTS_FILE, 0o600);
    }
  }

  const app = createApp(
    {
      db,
      curriculum: indexManifest(manifest),
      publicOrigin: settings.PUBLIC_ORIGIN,
      version: options.version,
      log: makeLogger(settings.LOG_LEVEL),
      solveMatching: solveInThread,
      clientIp: (c) => (settings.TRUST_PROXY ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined) ?? getConnInfo(c).remote.address,
    },
    { serveSite: staticSite(options.siteDir ?? 'dist'), compress: true },
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: settings.PORT, hostname: settings.HOST }, () => resolve(s));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      clearInterval(sweep);
      server.close(() => {
        client.close();
        resolve();
      });
    });
  return { server, app, db, client, demoAccounts, close };
}
