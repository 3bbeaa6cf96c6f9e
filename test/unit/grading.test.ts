import { describe, expect, it } from 'vitest';
import { drawQuestions, gradeAttempt, isCorrect, publicQuestions } from '../../api/assessments/grading.ts';
import { loadManifest } from '../support/app.ts';
import { gradeQuiz } from '../../api/progress/rules.ts';
import { assessmentBank, type AssessmentBank } from '#core/curriculum/schema.ts';

const bank: AssessmentBank = assessmentBank.parse({
  passMark: 0.75,
  questions: [
    {
      id: 's',
      type: 'single',
      lessons: [1],
      prompt: 'p',
      explanation: 'e',
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
      answer: 'b',
    },
    {
      id: 'm',
      type: 'multiple',
      lessons: [1],
      prompt: 'p',
      explanation: 'e',
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
        { id: 'c', text: 'C' },
      ],
      answer: ['a', 'c'],
    },
    {
      id: 'o',
      type: 'ordering',
      lessons: [2],
      prompt: 'p',
      explanation: 'e',
      options: [
        { id: 'x', text: 'X' },
        { id: 'y', text: 'Y' },
        { id: 'z', text: 'Z' },
      ],
      answer: ['z', 'x', 'y'],
    },
    {
      id: 't',
      type: 'matching',
      lessons: [2, 3],
      prompt: 'p',
      explanation: 'e',
      left: [
        { id: 'l1', text: '1' },
        { id: 'l2', text: '2' },
      ],
      right: [
        { id: 'r1', text: 'R1' },
        { id: 'r2', text: 'R2' },
      ],
      answer: { l1: 'r2', l2: 'r1' },
    },
  ],
});
const [single, multiple, ordering, matching] = bank.questions as [any, any, any, any];

describe('formative quiz grading', () => {
  it('counts one point per question answered with the key; unknown or missing answers score 0', () => {
    expect(gradeQuiz({ q1: 'a', q2: 'b', q3: 'c' }, { q1: 'a', q2: 'x', q9: 'c' })).toEqual({ score: 1, maxScore: 3 });
  });
});

describe('assessment grading', () => {
  it('single choice needs the exact option', () => {
    expect(isCorrect(single, 'b')).toBe(true);
    expect(isCorrect(single, ['b'])).toBe(false);
  });
  it('multiple choice needs all and only the right options, in any order', () => {
    expect(isCorrect(multiple, ['c', 'a'])).toBe(true);
    expect(isCorrect(multiple, ['a'])).toBe(false);
    expect(isCorrect(multiple, ['a', 'b', 'c'])).toBe(false);
    expect(isCorrect(multiple, ['a', 'a'])).toBe(false);
  });
  it('ordering needs the exact sequence', () => {
    expect(isCorrect(ordering, ['z', 'x', 'y'])).toBe(true);
    expect(isCorrect(ordering, ['x', 'z', 'y'])).toBe(false);
  });
  it('matching needs every pair and nothing extra', () => {
    expect(isCorrect(matching, { l1: 'r2', l2: 'r1' })).toBe(true);
    expect(isCorrect(matching, { l1: 'r2' })).toBe(false);
    expect(isCorrect(matching, { l1: 'r2', l2: 'r1', l3: 'r1' })).toBe(false);
  });
  it('passes at the pass mark, rounding the needed score up', () => {
    const three = gradeAttempt(bank, bank.questions, { s: 'b', m: ['a', 'c'], o: ['z', 'x', 'y'] });
    expect(three).toMatchObject({ score: 3, maxScore: 4, passed: true });
    const two = gradeAttempt(bank, bank.questions, { s: 'b', m: ['a', 'c'] });
    expect(two).toMatchObject({ score: 2, passed: false });
  });
  it('grades only the questions asked', () => {
    expect(gradeAttempt(bank, [single, multiple], { s: 'b', o: ['z', 'x', 'y'] })).toMatchObject({ score: 1, maxScore: 2, passed: false });
  });
  it('counts right answers per lesson tested, a question of two lessons in both', () => {
    const graded = gradeAttempt(bank, bank.questions, { s: 'b', t: { l1: 'r2', l2: 'r1' } });
    expect(graded.topics).toEqual([
      { lesson: 1, asked: 2, correct: 1 },
      { lesson: 2, asked: 2, correct: 1 },
      { lesson: 3, asked: 1, correct: 1 },
    ]);
  });
  it('never shows answer keys or explanations before submission', () => {
    const shown = JSON.stringify(publicQuestions(bank.questions, 'seed'));
    expect(shown).not.toContain('"answer"');
    expect(shown).not.toContain('"explanation"');
    expect(publicQuestions(bank.questions, 'seed')).toHaveLength(4);
  });
  it('refuses a bank whose key names options the question lacks', () => {
    const bad = { passMark: 0.7, questions: [{ ...single, answer: 'zz' }] };
    expect(assessmentBank.safeParse(bad).success).toBe(false);
    const badOrder = { passMark: 0.7, questions: [{ ...ordering, answer: ['z', 'x'] }] };
    expect(assessmentBank.safeParse(badOrder).success).toBe(false);
  });
});

describe('option order', () => {
  it('is stable for a question and not "right answer first" across many', async () => {
    const { stableShuffle } = await import('#core/curriculum/shuffle.ts');
    const options = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    expect(stableShuffle(options, 'q1')).toEqual(stableShuffle(options, 'q1'));
    const firsts = Array.from({ length: 200 }, (_, i) => stableShuffle(options, `lesson/q${i}`)[0]!.id);
    const share = firsts.filter((id) => id === 'a').length / firsts.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.4);
    expect(new Set(firsts)).toEqual(new Set(['a', 'b', 'c', 'd']));
  });
  it('shuffles every question’s choices in the public assessment, keeping every option', () => {
    const shown = publicQuestions(bank.questions, 'seed') as Array<{ id: string; options?: Array<{ id: string }>; right?: Array<{ id: string }> }>;
    const ids = (id: string) => (shown.find((q) => q.id === id)!.options ?? shown.find((q) => q.id === id)!.right!).map((o) => o.id).sort();
    expect(ids('m')).toEqual(['a', 'b', 'c']);
    expect(ids('o')).toEqual(['x', 'y', 'z']);
    expect(ids('t')).toEqual(['r1', 'r2']);
  });
});

// The real banks, as the API serves them (option ids made opaque by the manifest build).
const banks = Object.entries(loadManifest().assessments).flatMap(([course, byLocale]) =>
  Object.entries(byLocale).map(([locale, b]) => ({ course, locale, bank: b })),
);
const seeds = Array.from({ length: 60 }, (_, i) => `learner-${i}:course`);

describe('drawing an attempt', () => {
  for (const { course, locale, bank: real } of banks) {
    it(`${course}/${locale}: each pair of attempts asks ${real.attemptSize} and ${real.attemptSize} different questions, lessons shared evenly`, () => {
      for (const seed of seeds) {
        for (const pair of [1, 3]) {
          const a = drawQuestions(real, seed, pair);
          const b = drawQuestions(real, seed, pair + 1);
          expect(a).toHaveLength(real.attemptSize);
          expect(b).toHaveLength(real.attemptSize);
          expect(a.filter((q) => b.includes(q))).toEqual([]);
          const per = (hand: typeof a, lesson: number) => hand.filter((q) => q.lessons[0] === lesson).length;
          for (const lesson of new Set(real.questions.map((q) => q.lessons[0]!))) expect(Math.abs(per(a, lesson) - per(b, lesson))).toBeLessThanOrEqual(1);
          expect(drawQuestions(real, seed, pair)).toEqual(a);
        }
      }
    });
  }

  it('a new pair draws afresh: attempts 1 and 3 are not the same questions', () => {
    const real = banks[0]!.bank;
    const same = seeds.filter((seed) => {
      const one = drawQuestions(real, seed, 1)
        .map((q) => q.id)
        .sort();
      return (
        JSON.stringify(one) ===
        JSON.stringify(
          drawQuestions(real, seed, 3)
            .map((q) => q.id)
            .sort(),
        )
      );
    });
    expect(same.length).toBeLessThan(seeds.length / 4);
  });
});

/**
 * Strategies of someone who has not studied, on every bank, over 60 learners × 3 attempts each
 * (fixed seeds, so the figures are the same on every run). Each picks by position on the page,
 * which is all that is left once ids carry nothing. Chance is about a quarter; the pass mark is 70%.
 */
type Shown = ReturnType<typeof publicQuestions>[number];
const byPosition = (pick: <T>(items: T[]) => T) => (q: Shown) => {
  if (q.type === 'matching') return Object.fromEntries(q.left.map((l) => [l.id, pick(q.right).id]));
  if (q.type === 'single') return pick(q.options).id;
  if (q.type === 'multiple') return [pick(q.options).id];
  return q.options.map((o) => o.id);
};
const strategies = {
  'first option shown': byPosition((items) => items[0]!),
  'last option shown': byPosition((items) => items[items.length - 1]!),
  'second option shown': byPosition((items) => items[1]!),
};

describe('guessing by position does not pass', () => {
  for (const { course, bank: real } of banks.filter((b) => b.locale === 'en')) {
    for (const [name, answer] of Object.entries(strategies)) {
      it(`${course}: ${name}`, () => {
        let passed = 0;
        let score = 0;
        let asked = 0;
        for (const seed of seeds) {
          for (const ordinal of [1, 2, 3]) {
            const questions = drawQuestions(real, seed, ordinal);
            const shown = publicQuestions(questions, `${seed}:${ordinal}`);
            const graded = gradeAttempt(real, questions, Object.fromEntries(shown.map((q) => [q.id, answer(q)])));
            passed += graded.passed ? 1 : 0;
            score += graded.score;
            asked += graded.maxScore;
          }
        }
        expect(passed / (seeds.length * 3)).toBeLessThanOrEqual(0.01);
        expect(score / asked).toBeLessThan(0.4);
      });
    }
  }
});

describe('opaque option ids', () => {
  const singles = banks.filter((b) => b.locale === 'en').flatMap((b) => b.bank.questions.filter((q) => q.type === 'single'));
  it('say nothing about the key: sorted by id, the right option is not mostly in one place', () => {
    const ranks = singles.map((q) =>
      q.options
        .map((o) => o.id)
        .sort()
        .indexOf(q.answer),
    );
    const share = Math.max(...[0, 1, 2, 3].map((r) => ranks.filter((x) => x === r).length)) / ranks.length;
    expect(singles.length).toBeGreaterThan(50);
    expect(share).toBeLessThan(0.4);
  });
  it('are the same in every translation, so grading and statistics agree across locales', () => {
    for (const { course, locale, bank: translated } of banks.filter((b) => b.locale !== 'en')) {
      const canonical = banks.find((b) => b.course === course && b.locale === 'en')!.bank;
      const ids = (b: AssessmentBank) =>
        b.questions.map((q) => [q.id, q.type === 'matching' ? q.right.map((o) => o.id) : q.options.map((o) => o.id), q.answer]);
      expect(ids(translated), `${course}/${locale}`).toEqual(ids(canonical));
    }
  });
});
