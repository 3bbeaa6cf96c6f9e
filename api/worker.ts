// Cloudflare Workers entry: the same Hono app as the Node server. Static pages come from the
// [assets] binding (wrangler.toml); only /api/* runs this code. The database must be remote
// (Turso or sqld over HTTP): Workers have no filesystem, and migrations run from Node.
import manifest from '../generated/manifest.json' with { type: 'json' };
import { createApp, type AccordApp } from './app.ts';
import { connectRemote, drizzleFor } from './db/client.ts';
import { indexManifest, type Manifest } from '#core/curriculum/manifest.ts';
import { parseSettings } from './settings.ts';
import { makeLogger } from './log.ts';
import { EDGE_MATCHING_LIMIT } from './matching/solver.ts';
import packageJson from '../package.json' with { type: 'json' };

export interface WorkerEnv {
  ASSETS: { fetch(request: Request): Promise<Response> };
  [variable: string]: unknown;
}

let app: AccordApp | undefined;

function build(env: WorkerEnv): AccordApp {
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const settings = parseSettings(vars);
  if (settings.DATABASE_URL.startsWith('file:') || settings.DATABASE_URL === ':memory:') {
    throw new Error('DATABASE_URL: on Workers it must be a remote libSQL URL (libsql://, https://), set with `wrangler secret put DATABASE_URL`.');
  }
  const client = connectRemote(settings.DATABASE_URL, settings.DATABASE_AUTH_TOKEN);
  return createApp(
    {
      db: drizzleFor(client),
      curriculum: indexManifest(manifest as Manifest),
      publicOrigin: settings.PUBLIC_ORIGIN,
      version: packageJson.version,
      log: makeLogger(settings.LOG_LEVEL),
      clientIp: (c) => c.req.header('cf-connecting-ip'),
      matchingLimit: EDGE_MATCHING_LIMIT,
    },
    { serveSite: (c) => env.ASSETS.fetch(c.req.raw) },
  );
}

export default {
  fetch(request: Request, env: WorkerEnv): Response | Promise<Response> {
    app ??= build(env);
    return app.fetch(request);
  },
};
