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

/**
 * The questions attempt number `ordinal` (1, 2, …) asks, a pure function of the learner's seed and
 * the ordinal, so reloading the page never redraws and the grader knows what was asked.
 *
 * Attempts come in pairs from one shuffle of the bank: each lesson's questions are dealt in turn
 * to two hands, so each hand covers every lesson about equally and the two attempts of a pair share
 * no question. The next pair deals afresh. A bank of at least twice `attemptSize` fills both hands.
 */
export function drawQuestions(bank: AssessmentBank, seed: string, ordinal: number): AssessmentQuestion[] {
  const pairSeed = `${seed}:pair${Math.floor((ordinal - 1) / 2)}`;
  const byLesson = new Map<number, AssessmentQuestion[]>();
  for (const q of bank.questions) byLesson.set(q.lessons[0]!, [...(byLesson.get(q.lessons[0]!) ?? []), q]);
  const groups = stableShuffle(
    [...byLesson].map(([lesson, questions]) => ({ id: String(lesson), questions })),
    pairSeed,
  );
  const hands: [AssessmentQuestion[], AssessmentQuestion[]] = [[], []];
  let turn = 0;
  for (const group of groups) {
    for (const q of stableShuffle(group.questions, `${pairSeed}:${group.id}`)) {
      hands[turn]!.push(q);
      turn ^= 1;
    }
  }
  const hand = hands[(ordinal - 1) % 2]!.slice(0, bank.attemptSize);
  return stableShuffle(hand, `${seed}:${ordinal}`);
}

/**
 * The drawn questions as the learner sees them: no answer keys, no explanations, and the choices in
 * an order of this attempt's own. Option ids are opaque (the manifest hashes them), so neither the
 * id nor the position says which option the author wrote first.
 */
export function publicQuestions(questions: readonly AssessmentQuestion[], seed: string) {
  return questions.map((q) => {
    const { answer: _answer, explanation: _explanation, ...visible } = q;
    const order = `${seed}:${q.id}`;
    if (visible.type === 'matching') return { ...visible, right: stableShuffle(visible.right, order) };
    return { ...visible, options: stableShuffle(visible.options, order) };
  });
}

export interface TopicResult {
  /** The lesson's number in the course. */
  lesson: number;
  asked: number;
  correct: number;
}

/**
 * Grades the questions an attempt asked. `results` carries each question's explanation, which is
 * the key in words: the route shows it only once the learner has passed. `topics` counts right
 * answers per lesson, the feedback a failed attempt gets.
 */
export function gradeAttempt(bank: AssessmentBank, asked: readonly AssessmentQuestion[], answers: Record<string, AssessmentAnswer>) {
  const results = asked.map((q) => ({ id: q.id, lessons: q.lessons, correct: isCorrect(q, answers[q.id]), explanation: q.explanation }));
  const score = results.filter((r) => r.correct).length;
  const maxScore = asked.length;
  const topics = new Map<number, TopicResult>();
  for (const r of results) {
    for (const lesson of r.lessons) {
      const topic = topics.get(lesson) ?? { lesson, asked: 0, correct: 0 };
      topic.asked += 1;
      if (r.correct) topic.correct += 1;
      topics.set(lesson, topic);
    }
  }
  return {
    score,
    maxScore,
    passed: score >= Math.ceil(bank.passMark * maxScore),
    results,
    topics: [...topics.values()].sort((a, b) => a.lesson - b.lesson),
  };
}
