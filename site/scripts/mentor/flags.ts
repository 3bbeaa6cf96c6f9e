// The needs-attention flags of a mentee (api/mentoring/rules.ts), each told in words.
import { el, formatShortDate, lessonTitle, listOf, t } from './ui.ts';

export type Flag =
  | { code: 'inactive-14-days'; detail: { daysInactive: number; lastActivityAt: string | null } }
  | { code: 'quiz-failed-twice'; detail: { lessonId: string; failedAttempts: number } }
  | { code: 'missed-two-meetings'; detail: { absences: number; meetings: Array<{ meetingId: string; date: string }> } };

export function flagText(flag: Flag, courseId: string): string {
  switch (flag.code) {
    case 'inactive-14-days':
      return t('mentor.flag.inactive', { days: flag.detail.daysInactive });
    case 'quiz-failed-twice':
      return t('mentor.flag.quizFailed', { lesson: lessonTitle(courseId, flag.detail.lessonId), count: flag.detail.failedAttempts });
    case 'missed-two-meetings':
      return t('mentor.flag.missed', { count: flag.detail.absences, dates: listOf(flag.detail.meetings.map((m) => formatShortDate(m.date))) });
  }
}

/** The flags as a list (empty: nothing), or null when all is well. */
export function flagList(flags: readonly Flag[], courseId: string): HTMLUListElement | null {
  if (flags.length === 0) return null;
  return el('ul', { class: 'flags', 'data-flags': true }, ...flags.map((f) => el('li', { 'data-flag': f.code }, flagText(f, courseId))));
}
