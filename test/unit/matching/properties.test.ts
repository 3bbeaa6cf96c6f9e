// Properties of every answer, on instances fast-check draws (a fixed seed, so a failure replays):
// no hard constraint broken, no slot or mentor over capacity, the same answer for the same input
// in any order, never fewer learners placed than greedy, never a worse (placed, fit) pair, and the
// same optimum whether the flow runs on classes of alike learners or on every learner.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { match } from '../../../api/matching/engine.ts';
import { hardBlocker } from '../../../api/matching/scoring.ts';
import type { MatchInput, MatchMode } from '../../../api/matching/types.ts';
import { smallInstance, worth } from '../../support/matching-instances.ts';

const instances = (mode: MatchMode) =>
  fc
    .record({
      learners: fc.integer({ min: 1, max: 30 }),
      mentors: fc.integer({ min: 1, max: 8 }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      alike: fc.boolean(),
    })
    .map((o) => smallInstance({ ...o, mode }));

const reversed = (input: MatchInput): MatchInput => ({
  ...input,
  learners: [...input.learners].reverse(),
  mentors: [...input.mentors].reverse().map((m) => ({ ...m, slots: [...m.slots].reverse() })),
});

const RUNS = { numRuns: 60, seed: 20261203 };

describe.each(['group', 'one-to-one'] as MatchMode[])('matching properties (%s)', (mode) => {
  it('never breaks a hard constraint', () => {
    fc.assert(
      fc.property(instances(mode), (input) => {
        const result = match(input);
        for (const m of result.matches) {
          const learner = input.learners.find((l) => l.id === m.learnerId)!;
          const mentor = input.mentors.find((x) => x.id === m.mentorId)!;
          const slot = m.slotId === null ? null : mentor.slots.find((s) => s.id === m.slotId)!;
          expect(hardBlocker(input.rules, learner, mentor, slot)).toBeNull();
        }
        // Every learner is either placed once or named unmatched with a reason.
        const ids = [...result.matches.map((m) => m.learnerId), ...result.unmatched.map((u) => u.learnerId)].sort();
        expect(ids).toEqual(input.learners.map((l) => l.id).sort());
      }),
      RUNS,
    );
  });

  it('never fills a slot or a mentor past its size or capacity', () => {
    fc.assert(
      fc.property(instances(mode), (input) => {
        const result = match(input);
        for (const mentor of input.mentors) {
          const mine = result.matches.filter((m) => m.mentorId === mentor.id);
          expect(mine.length).toBeLessThanOrEqual(mentor.capacity);
          if (mode === 'group') for (const s of mentor.slots) expect(mine.filter((m) => m.slotId === s.id).length).toBeLessThanOrEqual(s.size);
        }
      }),
      RUNS,
    );
  });

  it('gives the same answer for the same input, in whatever order it comes', () => {
    fc.assert(
      fc.property(instances(mode), (input) => {
        const { stats: a, ...first } = match(input);
        const { stats: b, ...again } = match(reversed(input));
        expect(again).toEqual(first);
        expect(b.candidatePairs).toBe(a.candidatePairs);
      }),
      RUNS,
    );
  });

  it('reaches the same optimum on classes of learners as on every learner', () => {
    fc.assert(
      fc.property(instances(mode), (input) => {
        const byClass = match(input);
        const perLearner = match(input, () => {}, { byClass: false });
        expect(byClass.totals).toEqual(perLearner.totals);
        expect(perLearner.stats.classes).toBe(input.learners.length);
        expect(byClass.stats.classes).toBeLessThanOrEqual(perLearner.stats.classes);
      }),
      RUNS,
    );
  });

  it('never places fewer learners than greedy, nor scores lower for the same number', () => {
    fc.assert(
      fc.property(instances(mode), (input) => {
        const { totals, greedy } = match(input);
        expect(totals.matched).toBeGreaterThanOrEqual(greedy.matched);
        expect(worth(totals, 1_000_000)).toBeGreaterThanOrEqual(worth(greedy, 1_000_000));
      }),
      RUNS,
    );
  });
});
