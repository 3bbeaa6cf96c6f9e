// A mentee's progress in one line: lessons, quizzes, last activity.
import { formatInstant, t } from './ui.ts';

export interface Summary {
  lessonsCompleted: number;
  lessonsTotal: number;
  quizzesPassed: number;
  quizzesTotal: number;
  assessmentPassed: boolean | null;
  lastActivityAt: string | null;
}

export function summaryText(s: Summary): string {
  return [
    t('mentor.common.lessons', { done: s.lessonsCompleted, total: s.lessonsTotal }),
    s.quizzesTotal ? t('mentor.common.quizzes', { done: s.quizzesPassed, total: s.quizzesTotal }) : '',
    s.lastActivityAt ? t('mentor.common.lastActive', { time: formatInstant(s.lastActivityAt) }) : t('mentor.common.neverActive'),
  ]
    .filter(Boolean)
    .join(' · ');
}
