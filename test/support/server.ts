import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSettings } from '../../api/settings.ts';
import { startNodeServer } from '../../api/node/server.ts';
import { freePort } from './ports.ts';
import { generateIssuerKey } from '#core/credentials/keys.ts';

/**
 * The real Node server (site + API) on a free port with a throwaway embedded database.
 * `goDown()` / `comeBack()` cut and restore the network for real: the port stops answering,
 * then the same server (same database, same port) returns.
 */
export async function startTestServer() {
  const dir = mkdtempSync(join(tmpdir(), 'accord-server-'));
  const port = await freePort();
  const settings = parseSettings({
    DATABASE_URL: `file:${join(dir, 'accord.db')}`,
    PORT: String(port),
    PUBLIC_ORIGIN: `http://localhost:${port}`,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    // A key of its own, so parallel test servers never share or race for data/issuer-key.json.
    ISSUER_KEY: (await generateIssuerKey()).secretKeyMultibase,
  });
  let server = await startNodeServer(settings, { version: 'test' });
  return {
    origin: settings.PUBLIC_ORIGIN,
    get db() {
      return server.db;
    },
    goDown: () => server.close(),
    comeBack: async () => {
      server = await startNodeServer(settings, { version: 'test' });
    },
    stop: async () => {
      await server.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
