// The Node server's static site: what browsers get for pages, redirects and hostile paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { safeSitePath } from '../../api/node/static-site.ts';
import { startTestServer } from '../support/server.ts';
import { HOSTILE_PATHS, rawGet, staysOnSite } from '../support/hostile-paths.ts';
import { pageTypes } from '../support/page-types.ts';
import { SITE_HEADERS } from '../../api/http/site-headers.ts';
import { verifyRoute } from '../../api/http/verify-route.ts';

/** A certificate id as the API makes them: 32 lowercase hexadecimal characters. */
const CERTIFICATE_ID = '0123456789abcdef0123456789abcdef';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  if (!existsSync('dist/index.html')) throw new Error('Build the site first: `npm run build` (npm test does this for you).');
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('Node static site', () => {
  it('redirects a directory path without its slash to the same path with one', async () => {
    const res = await rawGet(server.origin, '/en/courses');
    expect(res.status).toBe(301);
    expect(res.location).toBe('/en/courses/');
  });

  it('serves precompressed pages with revalidation, and hashed assets for a year', async () => {
    const page = await fetch(`${server.origin}/en/`, { headers: { 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const missing = await fetch(`${server.origin}/en/no-such-page/`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
  });

  for (const [kind, path] of Object.entries(pageTypes()))
    it(`sends the security headers with a ${kind} (${path})`, async () => {
      const res = await fetch(`${server.origin}${path}`, { headers: { 'accept-encoding': 'br' } });
      expect(res.status).toBe(kind === 'not found' ? 404 : 200);
      for (const [name, value] of Object.entries(SITE_HEADERS)) expect(res.headers.get(name), name).toBe(value);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });

  it('never serves the Workers headers file as a page', async () => {
    expect((await fetch(`${server.origin}/_headers`)).status).toBe(404);
  });

  for (const path of HOSTILE_PATHS) {
    it(`never redirects off the site: ${path}`, async () => {
      const res = await rawGet(server.origin, path);
      expect(res.status).toBeLessThan(500);
      expect(staysOnSite(res.location, server.origin), `Location: ${res.location}`).toBe(true);
    });
  }

  it("serves a certificate's address as its locale's verification page, with the security headers", async () => {
    for (const locale of ['en', 'ar']) {
      const res = await fetch(`${server.origin}/${locale}/verify/${CERTIFICATE_ID}/`, { headers: { 'accept-encoding': 'br' } });
      expect(res.status).toBe(200);
      for (const [name, value] of Object.entries(SITE_HEADERS)) expect(res.headers.get(name), name).toBe(value);
      const html = await res.text();
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).toContain('data-verify');
    }
    const bare = await rawGet(server.origin, `/fr/verify/${CERTIFICATE_ID}?from=qr`);
    expect(bare).toEqual({ status: 301, location: `/fr/verify/${CERTIFICATE_ID}/?from=qr` });
  });

  it('answers anything else under /verify/ with the 404 page', async () => {
    const id = CERTIFICATE_ID;
    for (const path of [
      `/en/verify/${id.toUpperCase()}/`,
      `/en/verify/${id.slice(1)}/`,
      `/en/verify/${id}0/`,
      `/xx/verify/${id}/`,
      `/en/verify/${id}/more/`,
      '/en/verify/abc/',
    ]) {
      expect((await fetch(`${server.origin}${path}`)).status, path).toBe(404);
    }
    expect(verifyRoute(`/sw/verify/${id}/`)).toEqual({ serve: '/sw/verify/' });
    expect(verifyRoute('/sw/verify/')).toBeNull();
  });

  it('maps only clean paths onto dist/', () => {
    expect(safeSitePath('/en/courses/')).toBe('/en/courses/');
    expect(safeSitePath('/fr/cours%20un/')).toBe('/fr/cours un/');
    for (const bad of ['//evil.example/x', '/a/%2f/b', '/a%5cb', '/a\\b', '/a/../b', '/%00', '/%E0%A4%A']) expect(safeSitePath(bad), bad).toBeNull();
  });
});
