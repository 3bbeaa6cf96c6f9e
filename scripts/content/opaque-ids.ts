import { createHash } from 'node:crypto';
import type { AssessmentBank, AssessmentQuestion } from '#core/curriculum/schema.ts';

/**
 * Authors name a question's options a, b, c, d, and tend to put the right one first: in 2026 the
 * key was `a` for 66 of 124 single-choice bank questions. The manifest therefore renames every
 * option a learner picks from to a hash of course, question and author id: the same in every
 * locale (so grading and statistics agree across translations), unrelated to the author's order.
 * Matching questions keep their left ids, which are prompts, not choices.
 */
export function withOpaqueOptionIds(courseId: string, bank: AssessmentBank): AssessmentBank {
  return { ...bank, questions: bank.questions.map((q) => opaqueQuestion(courseId, q)) };
}

function opaqueQuestion(courseId: string, q: AssessmentQuestion): AssessmentQuestion {
  const rename = renamer(courseId, q.id);
  switch (q.type) {
    case 'single':
      return { ...q, options: q.options.map((o) => ({ ...o, id: rename(o.id) })), answer: rename(q.answer) };
    case 'multiple':
    case 'ordering':
      return { ...q, options: q.options.map((o) => ({ ...o, id: rename(o.id) })), answer: q.answer.map(rename) };
    case 'matching':
      return {
        ...q,
        right: q.right.map((o) => ({ ...o, id: rename(o.id) })),
        answer: Object.fromEntries(Object.entries(q.answer).map(([left, right]) => [left, rename(right)])),
      };
  }
}

function renamer(courseId: string, questionId: string) {
  const seen = new Map<string, string>();
  return (authorId: string) => {
    const id = createHash('sha256').update(`${courseId}/${questionId}/${authorId}`).digest('hex').slice(0, 10);
    const clash = seen.get(id);
    if (clash !== undefined && clash !== authorId) throw new Error(`${courseId}/${questionId}: options ${clash} and ${authorId} hash alike`);
    seen.set(id, authorId);
    return id;
  };
}
