import { type ProgressEvent, quizPassed } from '#core/progress.ts';
import type { CurriculumIndex } from '#core/curriculum/manifest.ts';

/** Formative quiz: one point per question whose chosen option is the key. Unknown ids score 0. */
export function gradeQuiz(key: Record<string, string>, answers: Record<string, string>) {
  const questions = Object.keys(key);
  const score = questions.filter((q) => answers[q] !== undefined && answers[q] === key[q]).length;
  return { score, maxScore: questions.length };
}

export interface PreparedEvent {
  id: string;
  userId: string;
  type: ProgressEvent['type'];
  courseId: string;
  lessonId: string;
  locale: string;
  score: number | null;
  maxScore: number | null;
  passed: boolean;
  payload: string | null;
  occurredAt: string;
  receivedAt: string;
}

export type Prepared = { ok: true; events: PreparedEvent[] } | { ok: false; unknown: Array<{ id: string; lessonId: string }>; missingAnswers: string[] };

/** New events one learner may store in a day: far above any study (35 lessons, their quizzes, retries), far below a flood. */
export const MAX_EVENTS_PER_DAY = 2_000;

/**
 * Checks a batch against the curriculum and grades quizzes on the server (the browser's own
 * grading is only for instant feedback). Pure: no database, no clock of its own.
 *
 * Nothing a learner did is refused for a bad date or locale; it is bounded instead: a time is
 * kept between the account's creation (`notBefore`) and now, a locale the lesson does not have
 * becomes the curriculum's default, and only the quiz's own questions are kept from the answers.
 */
export function prepareEvents(events: ProgressEvent[], curriculum: CurriculumIndex, userId: string, now: Date, notBefore: Date): Prepared {
  const unknown = events.filter((e) => !curriculum.lesson(e.lessonId)).map((e) => ({ id: e.id, lessonId: e.lessonId }));
  const missingAnswers = events.filter((e) => e.type === 'quiz.submitted' && !e.answers).map((e) => e.id);
  if (unknown.length || missingAnswers.length) return { ok: false, unknown, missingAnswers };

  const receivedAt = now.toISOString();
  const prepared = events.map((event): PreparedEvent => {
    const lesson = curriculum.lesson(event.lessonId)!;
    // A clock running ahead must not date progress in the future, nor one running behind before the account.
    const occurredAt = new Date(Math.min(now.getTime(), Math.max(notBefore.getTime(), Date.parse(event.occurredAt)))).toISOString();
    const { defaultLocale } = curriculum.manifest;
    const locale = lesson.locales.includes(event.locale)
      ? event.locale
      : lesson.locales.includes(defaultLocale)
        ? defaultLocale
        : (lesson.locales[0] ?? defaultLocale);
    const key = curriculum.manifest.quizKeys[event.lessonId] ?? {};
    const answers = event.answers ? Object.fromEntries(Object.entries(event.answers).filter(([q]) => Object.hasOwn(key, q))) : undefined;
    let score: number | null = null;
    let maxScore: number | null = null;
    let passed = false;
    if (event.type === 'quiz.submitted') {
      const graded = gradeQuiz(key, answers ?? {});
      score = graded.score;
      maxScore = graded.maxScore;
      passed = quizPassed(score, maxScore);
    }
    return {
      id: event.id,
      userId,
      type: event.type,
      courseId: lesson.courseId,
      lessonId: event.lessonId,
      locale,
      score,
      maxScore,
      passed,
      payload: answers ? JSON.stringify(answers) : null,
      occurredAt,
      receivedAt,
    };
  });
  return { ok: true, events: prepared };
}

/** The first occurrence of each id not already stored: what a batch adds to the log. */
export function freshEvents(events: PreparedEvent[], alreadyStored: ReadonlySet<string>): PreparedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (alreadyStored.has(e.id) || seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
}
