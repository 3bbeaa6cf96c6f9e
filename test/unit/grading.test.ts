import { describe, expect, it } from 'vitest';
import { gradeAssessment, isCorrect, publicQuestions } from '../../api/assessments/grading.ts';
import { gradeQuiz } from '../../api/progress/rules.ts';
import { assessmentBank, type AssessmentBank } from '#core/curriculum/schema.ts';

const bank: AssessmentBank = assessmentBank.parse({
  passMark: 0.75,
  questions: [
    {
      id: 's',
      type: 'single',
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
    const three = gradeAssessment(bank, { s: 'b', m: ['a', 'c'], o: ['z', 'x', 'y'] });
    expect(three).toMatchObject({ score: 3, maxScore: 4, passed: true });
    const two = gradeAssessment(bank, { s: 'b', m: ['a', 'c'] });
    expect(two).toMatchObject({ score: 2, passed: false });
  });
  it('never shows answer keys or explanations before submission', () => {
    const shown = JSON.stringify(publicQuestions(bank));
    expect(shown).not.toContain('"answer"');
    expect(shown).not.toContain('"explanation"');
    expect(publicQuestions(bank)).toHaveLength(4);
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
  it('shuffles single and multiple choice options in the public assessment, keeping every option', () => {
    const shown = publicQuestions(bank) as Array<{ id: string; options?: Array<{ id: string }> }>;
    expect(
      shown
        .find((q) => q.id === 'm')!
        .options!.map((o) => o.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(shown.find((q) => q.id === 'o')!.options!.map((o) => o.id)).toEqual(['x', 'y', 'z']);
  });
});
