// The engine against brute force on tiny instances: every way of giving each learner one place or
// none, within slot sizes and mentor capacities, scored as the engine scores (fit minus the load
// of each mentor's k-th mentee), the best kept by (placed, fit).
import { describe, expect, it } from 'vitest';
import { match } from '../../../api/matching/engine.ts';
import { fitOf, hardBlocker, loadCost } from '../../../api/matching/scoring.ts';
import type { MatchInput, MatchMode } from '../../../api/matching/types.ts';
import { placesOf, smallInstance } from '../../support/matching-instances.ts';

function bruteForce(input: MatchInput): { matched: number; fit: number } {
  const places = placesOf(input);
  const options = input.learners.map((l) =>
    places.flatMap((p, pi) => {
      const slot = p.slotId === null ? null : (p.mentor.slots.find((s) => s.id === p.slotId) ?? null);
      return hardBlocker(input.rules, l, p.mentor, slot) === null ? [{ pi, fit: fitOf(input.rules, l, p.mentor) }] : [];
    }),
  );
  let best = { matched: 0, fit: 0 };
  const inPlace = new Array(places.length).fill(0);
  const perMentor = new Map<string, number>();
  const walk = (i: number, matched: number, fit: number) => {
    if (i === options.length) {
      if (matched > best.matched || (matched === best.matched && fit > best.fit)) best = { matched, fit };
      return;
    }
    walk(i + 1, matched, fit);
    for (const o of options[i]!) {
      const p = places[o.pi]!;
      const taken = perMentor.get(p.mentor.id) ?? 0;
      if (inPlace[o.pi] >= p.size || taken >= p.mentor.capacity) continue;
      inPlace[o.pi]++;
      perMentor.set(p.mentor.id, taken + 1);
      walk(i + 1, matched + 1, fit + o.fit - loadCost(input.rules, taken + 1));
      inPlace[o.pi]--;
      perMentor.set(p.mentor.id, taken);
    }
  };
  walk(0, 0, 0);
  return best;
}

describe('the engine’s optimum equals brute force on tiny instances', () => {
  for (const mode of ['group', 'one-to-one'] as MatchMode[]) {
    for (let from = 1; from <= 100; from += 25) {
      it(`25 ${mode} instances of up to 5 learners, seeds ${from}–${from + 24}`, () => {
        for (let seed = from; seed < from + 25; seed++) {
          const input = smallInstance({ learners: 2 + (seed % 4), mentors: 1 + (seed % 3), mode, seed });
          const result = match(input);
          expect(result.totals, `seed ${seed}`).toEqual(bruteForce(input));
        }
      });
    }
  }
});
