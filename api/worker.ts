// Cloudflare Workers entry: the same Hono app as the Node server. Static pages come from the
// [assets] binding (wrangler.toml); only /api/* runs this code. The database must be remote
// (Turso or sqld over HTTP): Workers have no filesystem, and migrations run from Node.
import manifest from '../generated/manifest.json' with { type: 'json' };
import { createApp, type AccordApp } from './app.ts';
import { connectRemote, drizzleFor } from './db/client.ts';
import { indexManifest, type Manifest } from '#core/curriculum/manifest.ts';
import { parseSettings } from './settings.ts';
import { makeLogger } from './log.ts';
import { issuerFromSettings } from './certification/issuer-config.ts';
import { EDGE_MATCHING_LIMIT } from './matching/solver.ts';
import { verifyRoute } from './http/verify-route.ts';
import packageJson from '../package.json' with { type: 'json' };

export interface WorkerEnv {
  ASSETS: { fetch(request: Request): Promise<Response> };
  [variable: string]: unknown;
}

let app: Promise<AccordApp> | undefined;

async function build(env: WorkerEnv): Promise<AccordApp> {
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const settings = parseSettings(vars);
  if (settings.DATABASE_URL.startsWith('file:') || settings.DATABASE_URL === ':memory:') {
    throw new Error('DATABASE_URL: on Workers it must be a remote libSQL URL (libsql://, https://), set with `wrangler secret put DATABASE_URL`.');
  }
  const client = connectRemote(settings.DATABASE_URL, settings.DATABASE_AUTH_TOKEN);
  return createApp(
    {
      db: drizzleFor(client),
      // A secret (`wrangler secret put ISSUER_KEY`); without it the Worker serves everything but issuing.
      issuer: await issuerFromSettings(settings),
      curriculum: indexManifest(manifest as Manifest),
      publicOrigin: settings.PUBLIC_ORIGIN,
      version: packageJson.version,
      log: makeLogger(settings.LOG_LEVEL),
      clientIp: (c) => c.req.header('cf-connecting-ip'),
      matchingLimit: EDGE_MATCHING_LIMIT,
    },
    { serveSite: (c) => serveSite(env, c.req.raw) },
  );
}

/**
 * What the assets binding serves, except a certificate's verification address (wrangler.toml's
 * run_worker_first sends every path under a locale's verify/ here): its locale's verification page, fetched from the assets
 * under the shell's own address (api/http/verify-route.ts, the rule the Node server follows too).
 */
async function serveSite(env: WorkerEnv, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const route = verifyRoute(url.pathname);
  if (!route) return env.ASSETS.fetch(request);
  if ('redirect' in route) return Response.redirect(new URL(`${route.redirect}${url.search}`, url).href, 301);
  return env.ASSETS.fetch(new Request(new URL(route.serve, url), request));
}

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    app ??= build(env);
    return (await app).fetch(request);
  },
};
