// Mentor matching at national-program scale: each size solved in its own process (bench/matching-solve.ts),
// so the memory figure is that solve's peak. Synthetic instances: api/matching/synthetic.ts.
import { execFileSync } from 'node:child_process';
import type { Row } from './lib.ts';

interface Solve {
  learners: number;
  mentors: number;
  seconds: number;
  maxRssMB: number;
  totals: { matched: number; fit: number };
  greedy: { matched: number; fit: number };
  optimal: string;
  candidatePairs: number;
  classes: number;
  flowArcs: number;
  loopDelayMaxMs: number;
}

const solve = (args: string[]) => {
  const out = execFileSync(process.execPath, ['bench/matching-solve.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Solve;
};

const fmt = (n: number) => n.toLocaleString('en-US');

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  let national: Solve | undefined;
  for (const [learners, mentors] of [
    [1_000, 100],
    [10_000, 1_000],
  ] as const) {
    const r = solve([String(learners), String(mentors)]);
    if (learners === 10_000) national = r;
    const line = `matching ${fmt(learners)} learners x ${fmt(mentors)} mentors: ${r.seconds.toFixed(2)} s, ${Math.round(r.maxRssMB)} MB, fit ${fmt(r.totals.fit)} vs greedy ${fmt(r.greedy.fit)}, matched ${fmt(r.totals.matched)} vs greedy ${fmt(r.greedy.matched)}, optimal: ${r.optimal}`;
    process.stderr.write(`${line}\n`);
    const name = `matching ${fmt(learners)} x ${fmt(mentors)}`;
    rows.push(
      {
        benchmark: name,
        figure: 'solve time',
        value: `${r.seconds.toFixed(2)} s`,
        note: `${fmt(r.candidatePairs)} candidate pairs; flow on ${fmt(r.classes)} classes, ${fmt(r.flowArcs)} arcs`,
      },
      { benchmark: name, figure: 'peak memory', value: `${Math.round(r.maxRssMB)} MB`, note: 'maxRSS of the solving process' },
      { benchmark: name, figure: 'matched', value: `${fmt(r.totals.matched)}`, note: `greedy ${fmt(r.greedy.matched)}` },
      { benchmark: name, figure: 'total fit', value: `${fmt(r.totals.fit)}`, note: `greedy ${fmt(r.greedy.fit)}; optimal: ${r.optimal}` },
    );
  }
  // The baseline, in the same run: the same solver on the per-learner network (no classes).
  const b = solve(['10000', '1000', '1', '--per-learner']);
  const byClass = national!;
  const same = b.totals.fit === byClass.totals.fit && b.totals.matched === byClass.totals.matched;
  const base = `matching 10,000 x 1,000 per learner (baseline): ${b.seconds.toFixed(2)} s, ${Math.round(b.maxRssMB)} MB, ${fmt(b.flowArcs)} arcs; by class ${(b.seconds / byClass.seconds).toFixed(1)}x faster, same optimum: ${same ? 'yes' : 'NO'}`;
  process.stderr.write(`${base}\n`);
  rows.push({
    benchmark: 'matching 10,000 x 1,000',
    figure: 'per-learner network (baseline)',
    value: `${b.seconds.toFixed(2)} s`,
    note: `${fmt(b.flowArcs)} arcs, ${Math.round(b.maxRssMB)} MB; by class ${(b.seconds / byClass.seconds).toFixed(1)}x faster; same optimum: ${same ? 'yes' : 'NO'}`,
  });
  // The server's view: the largest size solved in a worker thread, as `npm start` runs it, while
  // the event loop's delay is watched (inline, the loop is held for the whole solve).
  const t = solve(['10000', '1000', '1', '--thread']);
  const held = `matching 10,000 x 1,000 in a worker thread: ${t.seconds.toFixed(2)} s, the event loop held up ${Math.round(t.loopDelayMaxMs)} ms at most (inline: the whole solve)`;
  process.stderr.write(`${held}\n`);
  rows.push({
    benchmark: 'matching 10,000 x 1,000',
    figure: 'event-loop delay, worker thread',
    value: `${Math.round(t.loopDelayMaxMs)} ms`,
    note: `solve ${t.seconds.toFixed(2)} s; inline the loop is held for the whole solve`,
  });
  return rows;
}
