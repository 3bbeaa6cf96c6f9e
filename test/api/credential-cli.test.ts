// `npm run credential:verify`, as an institution would run it: a real Node server issues a
// certificate over HTTP, and the CLI (a separate process) checks it from a file and from its URL.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';
import { completions, loadManifest } from '../support/app.ts';

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof startTestServer>>;
let dir: string;
let url: string;
let doc: Record<string, any>;

/** A learner who registers, completes a course and passes its assessment, over HTTP. */
async function earnOne() {
  const manifest = loadManifest();
  const course = manifest.courses.find((c) => manifest.assessments[c.id])!;
  const bank = manifest.assessments[course.id]!.en!;
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.origin}${path}`, {
      method,
      headers: { origin: server.origin, cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const set = res.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0]!;
    return res.json();
  };
  await call('POST', '/api/auth/register', {
    email: `cli-${crypto.randomUUID().slice(0, 8)}@example.org`,
    password: 'a long pass phrase for the cli',
    name: 'Naledi Dlamini',
  });
  const events = completions(course.lessons);
  await call('POST', '/api/progress/events', { events });
  const draw = await call('GET', `/api/courses/${course.id}/assessment`);
  const answers = Object.fromEntries(draw.questions.map((q: { id: string }) => [q.id, bank.questions.find((b) => b.id === q.id)!.answer]));
  await call('POST', `/api/courses/${course.id}/assessment/attempts`, { locale: 'en', attempt: draw.attempt, answers });
  const { credentials } = await call('GET', '/api/my/credentials');
  return credentials[0].url as string;
}

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'accord-cli-'));
  url = await earnOne();
  doc = await (await fetch(url)).json();
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  run(process.execPath, ['scripts/credential-verify.ts', ...args]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );

describe('credential:verify', () => {
  it('says VALID for the file and for the URL, naming holder and course, and exits 0', async () => {
    const file = join(dir, 'badge.json');
    writeFileSync(file, JSON.stringify(doc));
    const { code, out } = await cli(file, url);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/: VALID · Naledi Dlamini · /);
    expect(out).not.toContain('status not checked');
  });

  it('says TAMPERED for an edited copy and exits 1; offline it says the status was not checked', async () => {
    const edited = structuredClone(doc);
    edited.credentialSubject.achievement.name = 'Another course';
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const bad = await cli(file);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/edited\.json: TAMPERED/);
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(doc));
    const offline = await cli(good, '--offline');
    expect(offline).toMatchObject({ code: 0 });
    expect(offline.out).toMatch(/VALID .* · status not checked/);
  });
});
