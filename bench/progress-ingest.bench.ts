// Progress ingest on the Node server with embedded libSQL, next to a bare Hono route measured in
// the same run: 50 connections over loopback for 5 s each. The ratio is the figure that matters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../test/support/app.ts';
import { load, startProcess, type Row } from './lib.ts';

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  const lessons = loadManifest().courses.flatMap((c) => c.lessons.map((l) => l.id));
  const bare = await startProcess('bench/servers/bare-hono.ts', {}, (p) => `http://127.0.0.1:${p}/`);
  const accord = await startProcess(
    'scripts/serve.ts',
    { DATABASE_URL: `file:${join(dir, 'bench.db')}`, SEED_DEMO: 'false', LOG_LEVEL: 'error', HOST: '127.0.0.1' },
    (p) => `http://127.0.0.1:${p}/api/health`,
  );
  try {
    const origin = `http://localhost:${accord.port}`;
    // Realistic spread: 20 learners, events across every lesson (one learner repeating one lesson
    // thousands of times would measure an ever-growing aggregate instead of the ingest path).
    const cookies: string[] = [];
    for (let i = 0; i < 20; i++) {
      const reg = await fetch(`http://127.0.0.1:${accord.port}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ email: `bench-${i}@example.org`, password: 'violet tractor under the mango tree', name: `Learner ${i}` }),
      });
      cookies.push(
        reg.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      );
    }
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
    const batch = () =>
      JSON.stringify({
        events: [{ id: crypto.randomUUID(), type: 'lesson.completed', lessonId: pick(lessons), locale: 'en', occurredAt: new Date().toISOString() }],
      });

    const baseline = await load({
      url: `http://127.0.0.1:${bare.port}/bare`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (r) => ({ ...r, body: batch() }) }],
    });
    const ingest = await load({
      url: `http://127.0.0.1:${accord.port}/api/progress/events`,
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      requests: [{ setupRequest: (r) => ({ ...r, body: batch(), headers: { ...r.headers, cookie: pick(cookies) } }) }],
    });
    const fmt = (n: number) => n.toFixed(0);
    return [
      {
        benchmark: 'bare Hono route (baseline)',
        figure: 'req/s · p50 · p99',
        value: `${fmt(baseline.rps)} · ${baseline.p50} ms · ${baseline.p99} ms`,
        note: `${baseline.non2xx} non-2xx, ${baseline.errors} errors`,
      },
      {
        benchmark: 'progress ingest (1 event/batch)',
        figure: 'req/s · p50 · p99',
        value: `${fmt(ingest.rps)} · ${ingest.p50} ms · ${ingest.p99} ms`,
        note: `${ingest.non2xx} non-2xx, ${ingest.errors} errors`,
      },
      { benchmark: 'progress ingest / baseline', figure: 'throughput ratio', value: (ingest.rps / baseline.rps).toFixed(3) },
    ];
  } finally {
    await Promise.all([bare.stop(), accord.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
