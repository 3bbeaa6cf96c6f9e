import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

async function isFile(path: string) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the prebuilt site from dist/ the way the Workers assets binding does: directory paths get
 * index.html, paths without a trailing slash are redirected, unknown paths get 404.html.
 * Hashed assets (/_astro/) are cached for a year; everything else is revalidated.
 */
export function staticSite(root: string): MiddlewareHandler {
  const base = normalize(root) + sep;
  return async (c) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text('Bad request', 400);
    }
    const target = normalize(join(base, pathname));
    if (!target.startsWith(base) && target + sep !== base) return c.text('Not found', 404);

    let file = pathname.endsWith('/') ? join(target, 'index.html') : target;
    if (!pathname.endsWith('/') && !extname(pathname) && (await isFile(join(target, 'index.html')))) {
      const url = new URL(c.req.url);
      return c.redirect(`${url.pathname}/${url.search}`, 301);
    }
    let status: 200 | 404 = 200;
    if (!(await isFile(file))) {
      file = join(base, '404.html');
      status = 404;
      if (!(await isFile(file))) return c.text('Not found', 404);
    }
    // Precompressed copies (scripts/precompress.ts) when the browser accepts them.
    const accepts = c.req.header('accept-encoding') ?? '';
    let encoding: 'br' | 'gzip' | undefined;
    if (/\bbr\b/.test(accepts) && (await isFile(`${file}.br`))) encoding = 'br';
    else if (/\bgzip\b/.test(accepts) && (await isFile(`${file}.gz`))) encoding = 'gzip';
    const body = await readFile(encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : file);
    if (encoding) c.header('Content-Encoding', encoding);
    c.header('Vary', 'Accept-Encoding');
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(body, status);
  };
}
