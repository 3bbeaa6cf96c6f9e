// What a certificate costs to sign and to verify. On Node, in process: eddsa-rdfc-2022 signing and
// verifying next to a bare Ed25519 signature of the same bytes (the baseline: what is left is
// JSON-LD canonicalization). On workerd (wrangler's runtime, sqld behind it), from outside: the
// passing assessment that issues a certificate next to a passing one that does not, same run.
import { connectNode } from '../api/db/node-client.ts';
import { drizzleFor } from '../api/db/client.ts';
import { migrateDatabase } from '../api/db/migrate.ts';
import { buildBadge } from '../core/credentials/badge.ts';
import { didDocument, generateIssuerKey, issuerDid } from '../core/credentials/keys.ts';
import { signCredential } from '../core/credentials/sign.ts';
import { buildStatusList, emptyStatusList } from '../core/credentials/status-list.ts';
import { verifyCredential } from '../core/credentials/verify.ts';
import { loadManifest } from '../test/support/app.ts';
import { startSqld } from '../test/support/sqld.ts';
import type { Row } from './lib.ts';

const ORIGIN = 'http://localhost:4321';
const RUNS = 30;

async function timed(runs: number, work: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { mean: ms.reduce((a, b) => a + b, 0) / ms.length, p95: ms[Math.floor(ms.length * 0.95)]! };
}

async function onNode(): Promise<Row[]> {
  const key = await generateIssuerKey();
  const did = issuerDid(ORIGIN);
  const listUrl = `${ORIGIN}/api/public/status-lists/revocation`;
  const badge = await buildBadge({
    id: `${ORIGIN}/api/public/credentials/${'a'.repeat(32)}`,
    issuer: { did, name: 'Accord', url: ORIGIN },
    achievement: {
      id: `${ORIGIN}/en/courses/foundations/`,
      name: 'Evaluating AI systems',
      description: 'A course.',
      criteria: 'Completed all 6 lessons.',
      outcomes: ['One', 'Two', 'Three'],
      language: 'en',
    },
    holder: { email: 'someone@example.org', salt: 'salt', name: 'Amina Diallo' },
    validFrom: new Date(),
    status: { index: 4242, revocationList: listUrl },
  });
  const signed = await signCredential(badge, key, did);
  const list = await signCredential(
    await buildStatusList({ url: listUrl, issuerDid: did, purpose: 'revocation', bits: emptyStatusList(), validFrom: new Date() }),
    key,
    did,
  );
  const served = new Map<string, unknown>([
    [`${ORIGIN}/.well-known/did.json`, didDocument(ORIGIN, { current: { publicKeyMultibase: key.publicKeyMultibase }, previous: [] })],
    [listUrl, list],
  ]);
  const fetchJson = async (url: string) => served.get(url) ?? null;
  const raw = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign']);
  const bytes = new TextEncoder().encode(JSON.stringify(badge));
  const bare = await timed(RUNS, () => crypto.subtle.sign('Ed25519', (raw as CryptoKeyPair).privateKey, bytes));
  const sign = await timed(RUNS, () => signCredential(badge, key, did));
  const verify = await timed(RUNS, () => verifyCredential(signed, { fetchJson }));
  const fmt = (t: { mean: number; p95: number }) => `${t.mean.toFixed(2)} ms mean · ${t.p95.toFixed(2)} ms p95`;
  return [
    { benchmark: 'certificate, Node: bare Ed25519 signature (baseline)', figure: `per signature, ${RUNS} runs`, value: fmt(bare) },
    {
      benchmark: 'certificate, Node: sign (eddsa-rdfc-2022)',
      figure: `per credential, ${RUNS} runs`,
      value: fmt(sign),
      note: `${(sign.mean / bare.mean).toFixed(0)}× the bare signature`,
    },
    { benchmark: 'certificate, Node: verify with status list', figure: `per credential, ${RUNS} runs`, value: fmt(verify) },
  ];
}

/** Registers a learner on the worker and completes `lessons` of the course. */
async function learnerOn(origin: string, courseId: string, lessonIds: string[], i: number) {
  const reg = await fetch(`${origin}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:8787' },
    body: JSON.stringify({
      email: `bench-cert-${i}-${crypto.randomUUID().slice(0, 6)}@example.org`,
      password: 'violet tractor under the mango tree',
      name: `Learner ${i}`,
    }),
  });
  const cookie = reg.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { 'content-type': 'application/json', origin: 'http://localhost:8787', cookie };
  const events = lessonIds.map((lessonId) => ({
    id: crypto.randomUUID(),
    type: 'lesson.completed',
    lessonId,
    locale: 'en',
    occurredAt: new Date().toISOString(),
  }));
  await fetch(`${origin}/api/progress/events`, { method: 'POST', headers, body: JSON.stringify({ events }) });
  const got = await fetch(`${origin}/api/courses/${courseId}/assessment`, { headers });
  if (!got.ok) throw new Error(`bench learner: registration ${reg.status}, assessment ${got.status} ${await got.text()}`);
  const draw = await got.json();
  return { headers, draw: draw as { attempt: number; questions: Array<{ id: string }> } };
}

async function onWorkerd(): Promise<Row[]> {
  const { unstable_startWorker } = await import('wrangler');
  const manifest = loadManifest();
  const course = manifest.courses.find((c) => manifest.assessments[c.id])!;
  const bank = manifest.assessments[course.id]!.en!;
  const sqld = await startSqld();
  const client = connectNode(sqld.url);
  await migrateDatabase(drizzleFor(client));
  client.close();
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: {
      DATABASE_URL: { type: 'plain_text', value: sqld.url },
      PUBLIC_ORIGIN: { type: 'plain_text', value: 'http://localhost:8787' },
      ISSUER_KEY: { type: 'plain_text', value: (await generateIssuerKey()).secretKeyMultibase },
    },
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error' },
  });
  try {
    await worker.ready;
    const origin = (await worker.url).origin;
    const lessonIds = course.lessons.map((l) => l.id);
    const pass = async (who: Awaited<ReturnType<typeof learnerOn>>) => {
      const answers = Object.fromEntries(who.draw.questions.map((q) => [q.id, bank.questions.find((b) => b.id === q.id)!.answer]));
      const start = performance.now();
      const res = await fetch(`${origin}/api/courses/${course.id}/assessment/attempts`, {
        method: 'POST',
        headers: who.headers,
        body: JSON.stringify({ locale: 'en', attempt: who.draw.attempt, answers }),
      });
      await res.arrayBuffer();
      return performance.now() - start;
    };
    // Alternating, so drift on a busy machine falls on both alike: half have a lesson left (no certificate).
    const issuing: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 16; i++) {
      const complete = i % 2 === 0;
      const who = await learnerOn(origin, course.id, complete ? lessonIds : lessonIds.slice(1), i);
      (complete ? issuing : plain).push(await pass(who));
    }
    const mean = (xs: number[]) => xs.slice(1).reduce((a, b) => a + b, 0) / (xs.length - 1);
    const cost = mean(issuing) - mean(plain);
    return [
      {
        benchmark: 'certificate, workerd: passing assessment, no certificate due (baseline)',
        figure: 'mean of 7 after 1 warm-up',
        value: `${mean(plain).toFixed(1)} ms`,
      },
      {
        benchmark: 'certificate, workerd: passing assessment that issues one',
        figure: 'mean of 7 after 1 warm-up',
        value: `${mean(issuing).toFixed(1)} ms`,
        note: `issuing adds ${cost.toFixed(1)} ms (sign + store + notify, over sqld)`,
      },
    ];
  } finally {
    await worker.dispose();
    await sqld.stop();
  }
}

export async function run(): Promise<Row[]> {
  return [...(await onNode()), ...(await onWorkerd())];
}
