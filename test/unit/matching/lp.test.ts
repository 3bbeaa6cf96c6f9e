// The engine's optimum against an independent solver: each random instance is written as a linear
// program and solved by HiGHS (its npm WebAssembly build). The LP has one variable per feasible
// (learner, place) pair and one per unit of each mentor's load, so its optimum is the best
// assignment (the constraint matrix is a network's, so the LP optimum is integral). Seeds are split
// over several tests so no test runs long.
import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { match } from '../../../api/matching/engine.ts';
import { fitOf, hardBlocker } from '../../../api/matching/scoring.ts';
import type { MatchInput, MatchMode } from '../../../api/matching/types.ts';
import { placesOf, smallInstance, worth } from '../../support/matching-instances.ts';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

/** Worth one more placed learner, far more than any difference in fit in these instances. */
const BIG = 100_000;

function lpOptimum(input: MatchInput): number {
  const places = placesOf(input);
  const terms: string[] = [];
  const learnerRows = new Map<string, string[]>();
  const placeRows = new Map<number, string[]>();
  const mentorRows = new Map<string, string[]>();
  let n = 0;
  for (const l of input.learners) {
    places.forEach((p, pi) => {
      const slot = p.slotId === null ? null : (p.mentor.slots.find((s) => s.id === p.slotId) ?? null);
      if (hardBlocker(input.rules, l, p.mentor, slot) !== null) return;
      const x = `x${n++}`;
      terms.push(`+ ${BIG + fitOf(input.rules, l, p.mentor)} ${x}`);
      learnerRows.set(l.id, [...(learnerRows.get(l.id) ?? []), x]);
      placeRows.set(pi, [...(placeRows.get(pi) ?? []), x]);
      mentorRows.set(p.mentor.id, [...(mentorRows.get(p.mentor.id) ?? []), x]);
    });
  }
  if (n === 0) return 0;
  const rows: string[] = [];
  const ys: string[] = [];
  for (const [id, xs] of learnerRows) rows.push(` learner_${id}: ${xs.join(' + ')} <= 1`);
  for (const [pi, xs] of placeRows) rows.push(` place_${pi}: ${xs.join(' + ')} <= ${places[pi]!.size}`);
  for (const m of input.mentors) {
    const xs = mentorRows.get(m.id);
    if (!xs) continue;
    // The k-th mentee of a mentor costs load × (k − 1); the y's cap the mentor at capacity.
    const units = Array.from({ length: m.capacity }, (_, k) => `y_${m.id}_${k + 1}`);
    units.forEach((y, k) => {
      ys.push(y);
      if (k > 0) terms.push(`- ${input.rules.weights.load * k} ${y}`);
    });
    rows.push(` mentor_${m.id}: ${xs.join(' + ')} - ${units.join(' - ')} = 0`);
  }
  const bounds = [...Array.from({ length: n }, (_, i) => ` 0 <= x${i} <= 1`), ...ys.map((y) => ` 0 <= ${y} <= 1`)];
  const lp = `Maximize\n obj: ${terms.join(' ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
  const solution = highs.solve(lp, { output_flag: false });
  if (solution.Status !== 'Optimal') throw new Error(`HiGHS: ${solution.Status}`);
  return solution.ObjectiveValue;
}

const cases: Array<{ size: 'small' | 'medium' | 'alike'; mode: MatchMode; from: number }> = [];
for (const mode of ['group', 'one-to-one'] as const) {
  for (let from = 1; from <= 120; from += 30) cases.push({ size: 'small', mode, from });
  for (let from = 1001; from <= 1040; from += 20) cases.push({ size: 'medium', mode, from });
  // Many learners per class, split by organisation: the engine's compression by class.
  for (let from = 2001; from <= 2040; from += 20) cases.push({ size: 'alike', mode, from });
}

describe('the engine’s optimum equals HiGHS’s on random instances', () => {
  for (const { size, mode, from } of cases) {
    const count = size === 'small' ? 30 : 20;
    it(`${count} ${size} ${mode} instances, seeds ${from}–${from + count - 1}`, () => {
      let placedSomeone = 0;
      for (let seed = from; seed < from + count; seed++) {
        const input =
          size === 'small'
            ? smallInstance({ learners: 3 + (seed % 8), mentors: 2 + (seed % 3), mode, seed })
            : smallInstance({ learners: 20 + (seed % 21), mentors: 5 + (seed % 6), mode, seed, alike: size === 'alike' });
        const result = match(input);
        const expected = lpOptimum(input);
        expect(Math.abs(worth(result.totals, BIG) - expected), `seed ${seed}`).toBeLessThan(1e-6 * BIG);
        if (result.totals.matched > 0) placedSomeone++;
      }
      // The instances are not trivial: most place someone.
      expect(placedSomeone).toBeGreaterThan(count / 2);
    });
  }
});
