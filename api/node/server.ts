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
import { generateIssuerKey, type IssuerKey, parseIssuerKey } from '#core/credentials/keys.ts';
import { issuerFromSettings } from '../certification/issuer-config.ts';
import { awardIfEarned } from '../certification/issuing.ts';

export const DEMO_ACCOUNTS_FILE = 'data/demo-accounts.json';
/** The local signing key, made on first start when ISSUER_KEY is not set; never committed (data/ is ignored). */
export const LOCAL_ISSUER_KEY_FILE = 'data/issuer-key.json';

async function localIssuerKey(): Promise<Required<IssuerKey>> {
  const known = readJson<Required<IssuerKey>>(LOCAL_ISSUER_KEY_FILE);
  if (known) return parseIssuerKey(known.secretKeyMultibase);
  const key = await generateIssuerKey();
  mkdirSync(dirname(LOCAL_ISSUER_KEY_FILE), { recursive: true });
  writeFileSync(LOCAL_ISSUER_KEY_FILE, JSON.stringify(key, null, 2), { mode: 0o600 });
  return key;
}

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

  const issuer = await issuerFromSettings(settings, localIssuerKey);
  const curriculum = indexManifest(manifest);
  let demoAccounts: DemoAccount[] = [];
  if (settings.SEED_DEMO) {
    const known = readJson<DemoAccount[]>(DEMO_ACCOUNTS_FILE);
    const award = (userId: string, courseId: string) =>
      awardIfEarned({ db, curriculum, publicOrigin: settings.PUBLIC_ORIGIN, clock: () => new Date(), issuer }, userId, courseId);
    const seeded = await seedDemo(db, known, { curriculum, now: new Date(), award });
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
      issuer,
      curriculum,
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
