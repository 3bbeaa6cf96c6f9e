import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSettings } from '../../api/settings.ts';
import { startNodeServer } from '../../api/node/server.ts';
import { freePort } from './ports.ts';

/** The real Node server (site + API) on a free port with a throwaway embedded database. */
export async function startTestServer() {
  const dir = mkdtempSync(join(tmpdir(), 'accord-server-'));
  const port = await freePort();
  const settings = parseSettings({
    DATABASE_URL: `file:${join(dir, 'accord.db')}`,
    PORT: String(port),
    PUBLIC_ORIGIN: `http://localhost:${port}`,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
  const server = await startNodeServer(settings, { version: 'test' });
  return {
    ...server,
    origin: settings.PUBLIC_ORIGIN,
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
