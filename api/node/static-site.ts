import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { SITE_HEADERS } from '../http/site-headers.ts';
import { verifyRoute } from '../http/verify-route.ts';

const hasControlCharacter = (text: string) => [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/**
 * A request path that is safe to map onto dist/ and to redirect to: decoded once, no dot
 * segments, no empty segments (`//host` would be read by browsers as another site), no
 * backslashes, no encoded slashes or control characters. Null means "no such page".
 */
export function safeSitePath(rawPath: string): string | null {
  if (/%(?:2f|5c|00)/i.test(rawPath)) return null;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!path.startsWith('/') || path.includes('\\') || path.includes('//') || hasControlCharacter(path)) return null;
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  return path;
}

async function isFile(path: string) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the prebuilt site from dist/ the way the Workers assets binding does: directory paths get
 * index.html, directory paths without a trailing slash are redirected (to the checked path, never
 * the raw one), unknown paths get 404.html. Precompressed .br/.gz copies are sent when accepted.
 * Hashed assets (/_astro/) are cached for a year; everything else is revalidated. A certificate's
 * verification address is its locale's verification page (api/http/verify-route.ts).
 */
export function staticSite(root: string): MiddlewareHandler {
  const files = serveStatic({
    root,
    precompressed: true,
    rewriteRequestPath: (path) => {
      const route = verifyRoute(path);
      return route && 'serve' in route ? route.serve : path;
    },
    onFound: (_path, c) => {
      c.header('Cache-Control', c.req.path.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
      for (const [name, value] of Object.entries(SITE_HEADERS)) c.header(name, value);
    },
  });
  const notFound = serveStatic({ root, path: '404.html', precompressed: true });

  const missing = async (c: Context) => {
    const page = await notFound(c, async () => undefined);
    if (!page) return c.text('Not found', 404);
    const headers = new Headers(page.headers);
    for (const [name, value] of Object.entries(SITE_HEADERS)) headers.set(name, value);
    return new Response(page.body, { status: 404, headers });
  };

  return async (c) => {
    const path = safeSitePath(new URL(c.req.url).pathname);
    // dist/_headers is the Workers assets' configuration, not a page (Workers never serve it either).
    if (path === null || path === '/_headers') return missing(c);
    const verify = verifyRoute(path);
    if (verify && 'redirect' in verify) return c.redirect(`${verify.redirect}${new URL(c.req.url).search}`, 301);
    if (!path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path) && (await isFile(join(root, path, 'index.html')))) {
      return c.redirect(`${encodeURI(path)}/${new URL(c.req.url).search}`, 301);
    }
    const served = await files(c, async () => undefined);
    if (served) return served;
    return missing(c);
  };
}
