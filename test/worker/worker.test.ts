// The same app in a real Workers runtime: wrangler's startWorker runs wrangler.toml's worker in
// workerd, static pages from the [assets] binding, the database through @libsql/client/web on sqld.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync } from 'node:fs';
import { unstable_startWorker } from 'wrangler';
import { HOSTILE_PATHS, rawGet, staysOnSite } from '../support/hostile-paths.ts';
import { pageTypes } from '../support/page-types.ts';
import { SITE_HEADERS } from '../../api/http/site-headers.ts';
import { generateIssuerKey } from '#core/credentials/keys.ts';
import { verifyCredential } from '#core/credentials/verify.ts';
import { independentlyVerify } from '../support/independent-verifier.ts';
import { completions, loadManifest } from '../support/app.ts';

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;
let worker: Worker;
let origin: string;

beforeAll(async () => {
  if (!existsSync('dist/index.html') || !existsSync('generated/manifest.json')) {
    throw new Error('Build the site first: `npm run build` (npm test does this for you).');
  }
  worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: {
      DATABASE_URL: { type: 'plain_text', value: inject('databaseUrl') },
      PUBLIC_ORIGIN: { type: 'plain_text', value: 'http://localhost:8787' },
      ISSUER_KEY: { type: 'plain_text', value: (await generateIssuerKey()).secretKeyMultibase },
    },
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'warn' },
  });
  await worker.ready;
  origin = (await worker.url).origin;
});
afterAll(async () => {
  await worker?.dispose();
});

const post = (path: string, body: unknown, cookie = '') =>
  worker.fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:8787', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe('Workers runtime (workerd)', () => {
  it('serves a prebuilt static page from the assets binding', async () => {
    const res = await worker.fetch(`${origin}/en/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<html lang="en" dir="ltr"');
  });

  for (const [kind, path] of Object.entries(pageTypes()))
    it(`sends the security headers with a ${kind} from the assets binding (${path}), as dist/_headers says`, async () => {
      const res = await worker.fetch(`${origin}${path}`);
      expect(res.status).toBe(kind === 'not found' ? 404 : 200);
      for (const [name, value] of Object.entries(SITE_HEADERS)) expect(res.headers.get(name), name).toBe(value);
      await res.arrayBuffer();
    });

  it("serves a certificate's address as its locale's verification page; anything else under /verify/ is the 404 page", async () => {
    const id = '0123456789abcdef0123456789abcdef';
    const res = await worker.fetch(`${origin}/ar/verify/${id}/`);
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries(SITE_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    const html = await res.text();
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain('data-verify');
    const bare = await rawGet(origin, `/fr/verify/${id}`);
    expect(bare.status).toBe(301);
    expect(new URL(bare.location!, origin).pathname).toBe(`/fr/verify/${id}/`);
    for (const path of [`/en/verify/${id.toUpperCase()}/`, `/en/verify/${id.slice(1)}/`, `/xx/verify/${id}/`, `/en/verify/${id}/more/`]) {
      const missing = await worker.fetch(`${origin}${path}`);
      expect(missing.status, path).toBe(404);
      await missing.arrayBuffer();
    }
    // The shell itself is still the plain page.
    expect((await worker.fetch(`${origin}/en/verify/`)).status).toBe(200);
  });

  it('answers /api/health with the database reachable', async () => {
    const res = await worker.fetch(`${origin}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('refuses a common password on workerd too (the bundled list loads there)', async () => {
    const reg = await post('/api/auth/register', { email: `worker-${crypto.randomUUID().slice(0, 8)}@example.org`, password: 'password1234', name: 'W' });
    expect(reg.status).toBe(400);
    expect(((await reg.json()) as { error: { details: Array<{ path: string; message: string }> } }).error.details[0]).toMatchObject({
      path: 'password',
      message: expect.stringMatching(/most common/),
    });
  });

  it('registers a user (scrypt on workerd) and stores progress in sqld', async () => {
    const email = `worker-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const reg = await post('/api/auth/register', { email, password: 'a long password', name: 'W' });
    expect(reg.status).toBe(201);
    const cookie = reg.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const manifest = (await (await worker.fetch(`${origin}/api/public/courses`)).json()) as { courses: Array<{ lessons: Array<{ id: string }> }> };
    const lessonId = manifest.courses[0]!.lessons[0]!.id;
    const event = { id: crypto.randomUUID(), type: 'lesson.completed', lessonId, locale: 'en', occurredAt: new Date().toISOString() };
    const stored = await post('/api/progress/events', { events: [event] }, cookie);
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { results: unknown[] }).results).toEqual([{ id: event.id, status: 'stored' }]);

    // Read it back from sqld directly, not through the worker.
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url: inject('databaseUrl') });
    const rows = await client.execute({ sql: 'select lesson_id from progress_events where id = ?', args: [event.id] });
    client.close();
    expect(rows.rows.map((r) => r.lesson_id)).toEqual([lessonId]);
  });

  it('reads my inbox and serves my calendar feed (ical-generator on workerd) from sqld', async () => {
    const email = `worker-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const reg = await post('/api/auth/register', { email, password: 'a long password', name: 'W' });
    const cookie = reg.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const inbox = await worker.fetch(`${origin}/api/notifications`, { headers: { cookie } });
    expect(inbox.status).toBe(200);
    expect(await inbox.json()).toEqual({ unread: 0, notifications: [] });
    const feed = await post('/api/calendar/feeds', { kind: 'person' }, cookie);
    expect(feed.status).toBe(201);
    const { url } = (await feed.json()) as { url: string };
    const calendar = await worker.fetch(`${origin}${new URL(url).pathname}`);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await calendar.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
  });

  it('issues a certificate on completion and serves what verifies it: credential, revocation list, DID document', async () => {
    const manifest = loadManifest();
    const course = manifest.courses.find((c) => manifest.assessments[c.id])!;
    const bank = manifest.assessments[course.id]!.en!;
    const reg = await post('/api/auth/register', {
      email: `worker-${crypto.randomUUID().slice(0, 8)}@example.org`,
      password: 'a long password',
      name: 'Wanjiru Kamau',
    });
    const cookie = reg.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const events = completions(course.lessons);
    expect((await post('/api/progress/events', { events }, cookie)).status).toBe(200);
    const draw = (await (await worker.fetch(`${origin}/api/courses/${course.id}/assessment`, { headers: { cookie } })).json()) as {
      attempt: number;
      questions: Array<{ id: string }>;
    };
    const answers = Object.fromEntries(draw.questions.map((q) => [q.id, bank.questions.find((b) => b.id === q.id)!.answer]));
    const passed = await post(`/api/courses/${course.id}/assessment/attempts`, { locale: 'en', attempt: draw.attempt, answers }, cookie);
    expect(((await passed.json()) as { passed: boolean }).passed).toBe(true);
    const mine = (await (await worker.fetch(`${origin}/api/my/credentials`, { headers: { cookie } })).json()) as { credentials: Array<{ url: string }> };
    expect(mine.credentials).toHaveLength(1);
    // Everything a verifier needs comes from the Worker itself.
    const fetchJson = async (url: string) => {
      const res = await worker.fetch(`${origin}${new URL(url).pathname}`);
      return res.ok ? res.json() : null;
    };
    const doc = await fetchJson(mine.credentials[0]!.url);
    expect(await verifyCredential(doc, { fetchJson })).toMatchObject({ outcome: 'valid', statusChecked: true, holderName: 'Wanjiru Kamau' });
    const didDoc = await fetchJson('http://localhost:8787/.well-known/did.json');
    expect(await independentlyVerify(doc, didDoc)).toEqual({ verified: true });
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await worker.fetch(`${origin}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('never redirects off the site, whatever the path encodes', async () => {
    for (const path of HOSTILE_PATHS) {
      const res = await rawGet(origin, path);
      expect(res.status, path).toBeLessThan(500);
      expect(staysOnSite(res.location, origin), `${path} → Location: ${res.location}`).toBe(true);
    }
  });
});
