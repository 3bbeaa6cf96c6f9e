import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { progressEvents, sessions, users } from '../../api/db/schema.ts';
import { MAX_BODY_BYTES } from '../../api/app.ts';
import { makeTestApp, uniqueEmail } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

async function snapshot() {
  const [u, s, e] = await Promise.all([
    t.db.select({ n: count() }).from(users),
    t.db.select({ n: count() }).from(sessions),
    t.db.select({ n: count() }).from(progressEvents),
  ]);
  return [u[0]!.n, s[0]!.n, e[0]!.n];
}

function expectErrorShape(json: any, code: string) {
  expect(Object.keys(json)).toEqual(['error']);
  expect(json.error.code).toBe(code);
  expect(typeof json.error.message).toBe('string');
  expect(JSON.stringify(json)).not.toMatch(/\bat .*\.ts:\d+/); // no stack traces
}

describe('one error shape, and nothing changes', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const before = await snapshot();
    const res = await t.call('POST', '/api/auth/register', '{"email": "a@b.c",', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expectErrorShape(res.json, 'malformed_json');
    expect(await snapshot()).toEqual(before);
  });

  it('a body that is not declared as JSON → 415 unsupported_media_type (text/plain, form, none)', async () => {
    const before = await snapshot();
    const body = JSON.stringify({ email: uniqueEmail('ct'), password: 'a long password', name: 'C' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const res = await t.app.request('http://localhost:4321/api/auth/register', {
        method: 'POST',
        body,
        headers: { origin: 'http://localhost:4321', ...(type ? { 'content-type': type } : {}) },
      });
      expect(res.status, String(type)).toBe(415);
      expectErrorShape(await res.json(), 'unsupported_media_type');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('unknown route → 404 not_found', async () => {
    const res = await t.call('GET', '/api/does-not-exist');
    expect(res.status).toBe(404);
    expectErrorShape(res.json, 'not_found');
  });

  it('cross-site Origin → 403 cross_origin, even with a valid session', async () => {
    await t.call('POST', '/api/auth/register', { email: uniqueEmail('xo'), password: 'a long password', name: 'X' });
    const before = await snapshot();
    const res = await t.call('POST', '/api/auth/logout', undefined, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expectErrorShape(res.json, 'cross_origin');
    expect(await snapshot()).toEqual(before);
  });

  it('an Origin that matches only the Host header (DNS rebinding) → 403 cross_origin', async () => {
    const before = await snapshot();
    const res = await t.app.request('http://evil.example:4321/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'evil.example:4321', origin: 'http://evil.example:4321' },
      body: JSON.stringify({ email: uniqueEmail('rebind'), password: 'a long password', name: 'R' }),
    });
    expect(res.status).toBe(403);
    expectErrorShape(await res.json(), 'cross_origin');
    expect(await snapshot()).toEqual(before);
  });

  it('a state-changing request with neither Origin nor Sec-Fetch-Site is refused', async () => {
    const res = await t.app.request('http://localhost:4321/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.co', password: 'x' }),
    });
    expect(res.status).toBe(403);
    expectErrorShape(await res.json(), 'cross_origin');
  });

  it('missing session → 401 unauthenticated', async () => {
    t.cookies.clear();
    const res = await t.call('GET', '/api/progress');
    expect(res.status).toBe(401);
    expectErrorShape(res.json, 'unauthenticated');
  });

  it('oversized body → 413 payload_too_large', async () => {
    const before = await snapshot();
    const res = await t.call('POST', '/api/auth/register', JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES + 10) }), { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expectErrorShape(res.json, 'payload_too_large');
    expect(await snapshot()).toEqual(before);
  });

  it('an unexpected failure → 500 internal with a request id and no internals', async () => {
    const broken = await makeTestApp();
    broken.client.close(); // the database goes away under the app
    const res = await broken.call('POST', '/api/auth/login', { email: 'a@b.co', password: 'whatever' });
    expect(res.status).toBe(500);
    expectErrorShape(res.json, 'internal');
    expect(res.json.error.details.requestId).toBeTruthy();
    expect(res.text).not.toMatch(/libsql|sqlite|Error:/i);
    const health = await broken.call('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ status: 'degraded', database: 'unreachable' });
  });
});

describe('health and spec', () => {
  it('reports version, content version and database reachability', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', version: 'test', contentVersion: t.manifest.version, database: 'ok' });
  });

  it('serves an OpenAPI document listing the routes', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(Object.keys(res.json.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/progress/events']));
  });

  it('every operation in the spec says who may call it (x-access)', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    const operations = Object.values(res.json.paths as Record<string, Record<string, { 'x-access'?: { who: string } }>>).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) expect(['public', 'signed-in', 'role', 'scope']).toContain(op['x-access']?.who);
  });

  it('lists the courses from the manifest on the public router: any origin, cacheable, no cookies read', async () => {
    const res = await t.call('GET', '/api/public/courses', undefined, { origin: 'https://other.example', cookie: 'accord_session=bogus.token' });
    expect(res.status).toBe(200);
    expect(res.json.courses.map((c: { id: string }) => c.id)).toEqual(t.manifest.courses.map((c) => c.id));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(res.headers.get('set-cookie')).toBeNull(); // a bogus session on a private route would be cleared
  });

  it('private routes stay same-origin and uncacheable', async () => {
    const res = await t.call('GET', '/api/auth/me');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('database placement', () => {
  it('runs on the placement its vitest project names (in-memory, or a real sqld over HTTP)', async ({ task }) => {
    const project = task.file.projectName;
    expect(['api:memory', 'api:sqld']).toContain(project);
    expect(t.url).toMatch(project === 'api:sqld' ? /^http:\/\/127\.0\.0\.1:\d+$/ : /^:memory:$/);
    if (project === 'api:sqld') expect((await fetch(`${t.url}/health`)).ok).toBe(true);
  });
});
