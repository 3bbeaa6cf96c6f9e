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
}

const fmt = (n: number) => n.toLocaleString('en-US');

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [learners, mentors] of [
    [1_000, 100],
    [10_000, 1_000],
  ] as const) {
    const out = execFileSync(process.execPath, ['bench/matching-solve.ts', String(learners), String(mentors)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as Solve;
    const line = `matching ${fmt(learners)} learners x ${fmt(mentors)} mentors: ${r.seconds.toFixed(2)} s, ${Math.round(r.maxRssMB)} MB, fit ${fmt(r.totals.fit)} vs greedy ${fmt(r.greedy.fit)}, matched ${fmt(r.totals.matched)} vs greedy ${fmt(r.greedy.matched)}, optimal: ${r.optimal}`;
    process.stderr.write(`${line}\n`);
    const name = `matching ${fmt(learners)} x ${fmt(mentors)}`;
    rows.push(
      { benchmark: name, figure: 'solve time', value: `${r.seconds.toFixed(2)} s`, note: `${fmt(r.candidatePairs)} candidate pairs` },
      { benchmark: name, figure: 'peak memory', value: `${Math.round(r.maxRssMB)} MB`, note: 'maxRSS of the solving process' },
      { benchmark: name, figure: 'matched', value: `${fmt(r.totals.matched)}`, note: `greedy ${fmt(r.greedy.matched)}` },
      { benchmark: name, figure: 'total fit', value: `${fmt(r.totals.fit)}`, note: `greedy ${fmt(r.greedy.fit)}; optimal: ${r.optimal}` },
    );
  }
  return rows;
}
