import type { AssessmentBank, AssessmentQuestion } from '#core/curriculum/schema.ts';
import { stableShuffle } from '#core/curriculum/shuffle.ts';

export type AssessmentAnswer = string | string[] | Record<string, string>;

/** All-or-nothing per question: partial credit would reward guessing on multiple-select. */
export function isCorrect(question: AssessmentQuestion, answer: AssessmentAnswer | undefined): boolean {
  if (answer === undefined) return false;
  switch (question.type) {
    case 'single':
      return answer === question.answer;
    case 'multiple': {
      if (!Array.isArray(answer)) return false;
      const chosen = new Set(answer);
      return chosen.size === question.answer.length && question.answer.every((id) => chosen.has(id));
    }
    case 'ordering':
      return Array.isArray(answer) && answer.length === question.answer.length && answer.every((id, i) => id === question.answer[i]);
    case 'matching': {
      if (typeof answer !== 'object' || Array.isArray(answer)) return false;
      const key = Object.entries(question.answer);
      return Object.keys(answer).length === key.length && key.every(([left, right]) => answer[left] === right);
    }
  }
}

export function gradeAssessment(bank: AssessmentBank, answers: Record<string, AssessmentAnswer>) {
  const results = bank.questions.map((q) => ({ id: q.id, correct: isCorrect(q, answers[q.id]), explanation: q.explanation }));
  const score = results.filter((r) => r.correct).length;
  const maxScore = bank.questions.length;
  return { score, maxScore, passed: score >= Math.ceil(bank.passMark * maxScore), results };
}

/**
 * The bank as a learner may see it before submitting: no answer keys, no explanations, and choice
 * options in a stable shuffled order (ordering questions keep the scrambled order their author set).
 */
export function publicQuestions(bank: AssessmentBank) {
  return bank.questions.map((q) => {
    const { answer: _answer, explanation: _explanation, ...visible } = q;
    if (visible.type === 'single' || visible.type === 'multiple') return { ...visible, options: stableShuffle(visible.options, q.id) };
    if (visible.type === 'matching') return { ...visible, right: stableShuffle(visible.right, q.id) };
    return visible;
  });
}
