import { quizPassed } from '#core/progress.ts';
import {
  daysToLocalDate,
  localDateToDays,
  MAX_OCCURRENCE_RANGE_DAYS,
  type MeetingPattern,
  type Occurrence,
  occurrences,
  utcToZoned,
  weekdayOfDays,
  zonedToUtc,
} from '#core/schedule/index.ts';

/**
 * Mentoring's rules, without Hono or drizzle: who needs attention, when attendance may be
 * recorded, what a capstone may do next, what a meeting change does. The store gathers the facts,
 * these decide; every "now" is passed in (the app's clock).
 */

const DAY_MS = 86_400_000;

// ---- needs attention ----------------------------------------------------------------------------

export const INACTIVE_DAYS = 14;
export const QUIZ_FAILURES_FLAGGED = 2;
export const ABSENCES_FLAGGED = 2;

export const FLAG_CODES = ['inactive-14-days', 'quiz-failed-twice', 'missed-two-meetings'] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export type Flag =
  | { code: 'inactive-14-days'; detail: { daysInactive: number; lastActivityAt: string | null } }
  | { code: 'quiz-failed-twice'; detail: { lessonId: string; failedAttempts: number } }
  | { code: 'missed-two-meetings'; detail: { absences: number; meetings: Array<{ meetingId: string; date: string }> } };

export interface MenteeFacts {
  /** The cohort's first day ('YYYY-MM-DD') and zone: inactivity counts only once it has begun. */
  cohortStartsOn: string;
  timeZone: string;
  /** When the learner joined the cohort (ISO instant); a late joiner is not idle for the days before. */
  joinedAt: string | null;
  /** The latest progress event in the cohort's course (ISO instant), or null. */
  lastActivityAt: string | null;
  /** Quiz submissions in the cohort's course, in any order. */
  quizEvents: ReadonlyArray<{ lessonId: string; passed: boolean }>;
  /** Meetings of the cohort the learner was expected at and was recorded absent from (excused does not count). */
  absences: ReadonlyArray<{ meetingId: string; startsAt: string }>;
}

/** The instant a cohort begins: midnight of its first day on its own wall clock. */
export function cohortStart(startsOn: string, timeZone: string): Date {
  return zonedToUtc(startsOn, '00:00', timeZone);
}

/** Whole days from `from` to `now` (0 when `from` is later). */
export function daysBetween(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

/** The flags a mentor sees beside a mentee, most urgent kind first; empty when all is well. */
export function needsAttention(facts: MenteeFacts, now: Date): Flag[] {
  const flags: Flag[] = [];

  const start = cohortStart(facts.cohortStartsOn, facts.timeZone);
  if (now.getTime() >= start.getTime()) {
    // Idle since the last thing they did, or (never active) since they could have started.
    const candidates = [start.getTime(), facts.joinedAt ? Date.parse(facts.joinedAt) : 0, facts.lastActivityAt ? Date.parse(facts.lastActivityAt) : 0];
    const since = new Date(Math.max(...candidates));
    const days = daysBetween(since, now);
    if (days >= INACTIVE_DAYS) flags.push({ code: 'inactive-14-days', detail: { daysInactive: days, lastActivityAt: facts.lastActivityAt } });
  }

  const failures = new Map<string, number>();
  const passed = new Set<string>();
  for (const e of facts.quizEvents) {
    if (e.passed) passed.add(e.lessonId);
    else failures.set(e.lessonId, (failures.get(e.lessonId) ?? 0) + 1);
  }
  for (const [lessonId, failedAttempts] of [...failures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (failedAttempts >= QUIZ_FAILURES_FLAGGED && !passed.has(lessonId)) flags.push({ code: 'quiz-failed-twice', detail: { lessonId, failedAttempts } });
  }

  if (facts.absences.length >= ABSENCES_FLAGGED) {
    const meetings = [...facts.absences]
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
      .map((a) => ({ meetingId: a.meetingId, date: utcToZoned(new Date(a.startsAt), facts.timeZone).date }));
    flags.push({ code: 'missed-two-meetings', detail: { absences: meetings.length, meetings } });
  }
  return flags;
}

/** A lesson's quiz for a mentor: best score, attempts, passed (at the pass mark of core/progress.ts). */
export function quizSummary(questions: number, row: { bestScore: number | null; maxScore: number | null; quizAttempts: number } | undefined) {
  if (questions === 0) return null;
  const best = row?.bestScore ?? null;
  const max = row?.maxScore ?? questions;
  return { best, max, attempts: row?.quizAttempts ?? 0, passed: best !== null && quizPassed(best, max) };
}

// ---- attendance ---------------------------------------------------------------------------------

/** Attendance is recorded from the meeting's start until this many days after it. */
export const ATTENDANCE_EDIT_DAYS = 7;

export type AttendanceWindow = { state: 'not-started' | 'open' | 'closed'; opensAt: string; closesAt: string };

export function attendanceWindow(startsAt: string, now: Date): AttendanceWindow {
  const opens = Date.parse(startsAt);
  const closes = opens + ATTENDANCE_EDIT_DAYS * DAY_MS;
  const at = now.getTime();
  const state = at < opens ? 'not-started' : at > closes ? 'closed' : 'open';
  return { state, opensAt: new Date(opens).toISOString(), closesAt: new Date(closes).toISOString() };
}

// ---- meetings -----------------------------------------------------------------------------------

/** The cohort's weekly pattern, or null when the cohort has none (any field missing). */
export function cohortPattern(cohort: {
  meetingWeekday: number | null;
  meetingTime: string | null;
  meetingMinutes: number | null;
  timeZone: string;
}): MeetingPattern | null {
  if (cohort.meetingWeekday === null || cohort.meetingTime === null || cohort.meetingMinutes === null) return null;
  if (cohort.meetingWeekday < 1 || cohort.meetingWeekday > 7) return null;
  return {
    weekday: cohort.meetingWeekday as MeetingPattern['weekday'],
    time: cohort.meetingTime,
    durationMinutes: cohort.meetingMinutes,
    timeZone: cohort.timeZone,
  };
}

/**
 * Every meeting of the pattern over the cohort's dates (inclusive), each with the local date it
 * was made for: the wall-clock time stays put across DST changes, the UTC instant moves.
 */
export function patternMeetings(pattern: MeetingPattern, startsOn: string, endsOn: string): Array<Occurrence & { patternDate: string }> {
  const from = localDateToDays(startsOn);
  const to = localDateToDays(endsOn);
  if (to - from + 1 > MAX_OCCURRENCE_RANGE_DAYS) throw new RangeError(`At most ${MAX_OCCURRENCE_RANGE_DAYS} days at a time.`);
  const result: Array<Occurrence & { patternDate: string }> = [];
  for (let day = from + ((pattern.weekday - weekdayOfDays(from) + 7) % 7); day <= to; day += 7) {
    const patternDate = daysToLocalDate(day);
    result.push({ ...occurrences(pattern, patternDate, patternDate)[0]!, patternDate });
  }
  return result;
}

export interface MeetingState {
  startsAt: string;
  endsAt: string;
  title: string;
  sequence: number;
  cancelledAt: string | null;
}

export interface MeetingChange {
  title?: string | undefined;
  startsAt?: string | undefined;
  durationMinutes?: number | undefined;
  cancelled?: true | undefined;
}

export type ChangeOutcome =
  | { ok: true; update: MeetingState & { rescheduled: boolean } }
  | { ok: false; reason: 'cancelled' | 'started' | 'start-in-past' | 'nothing-to-change' };

/**
 * A reschedule or cancellation. A cancelled meeting stays cancelled; one that has started is no
 * longer moved; a new start is in the future. Every change raises SEQUENCE so calendars update.
 */
export function changeMeeting(meeting: MeetingState, change: MeetingChange, now: Date): ChangeOutcome {
  if (meeting.cancelledAt !== null) return { ok: false, reason: 'cancelled' };
  if (Date.parse(meeting.startsAt) <= now.getTime()) return { ok: false, reason: 'started' };
  const currentMinutes = Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000);
  const startsAt = change.startsAt !== undefined ? new Date(change.startsAt).toISOString() : meeting.startsAt;
  if (change.startsAt !== undefined && Date.parse(startsAt) <= now.getTime()) return { ok: false, reason: 'start-in-past' };
  const minutes = change.durationMinutes ?? currentMinutes;
  const endsAt = new Date(Date.parse(startsAt) + minutes * 60_000).toISOString();
  const title = change.title ?? meeting.title;
  const cancelledAt = change.cancelled ? now.toISOString() : null;
  if (startsAt === meeting.startsAt && endsAt === meeting.endsAt && title === meeting.title && cancelledAt === null) {
    return { ok: false, reason: 'nothing-to-change' };
  }
  return {
    ok: true,
    update: { startsAt, endsAt, title, cancelledAt, sequence: meeting.sequence + 1, rescheduled: startsAt !== meeting.startsAt || endsAt !== meeting.endsAt },
  };
}

// ---- capstone -----------------------------------------------------------------------------------

export const MAX_CAPSTONE_TEXT = 20_000;
export const MAX_CAPSTONE_LINK = 500;
export const MAX_FEEDBACK = 4000;
export const MAX_NOTE = 4000;

export type CapstoneStatus = 'submitted' | 'approved' | 'changes_requested';

/**
 * The capstone's states: each version starts `submitted`; a review of the latest version makes it
 * `approved` (final: no more versions) or `changes_requested` (the learner sends a new version).
 * A learner may also replace a version still waiting for review with a newer one.
 */
export function canSubmitCapstone(latest: { status: CapstoneStatus } | undefined): boolean {
  return latest?.status !== 'approved';
}

export type ReviewProblem = 'not-latest' | 'already-reviewed';

export function reviewProblem(submission: { version: number; status: CapstoneStatus }, latestVersion: number): ReviewProblem | null {
  if (submission.version !== latestVersion) return 'not-latest';
  if (submission.status !== 'submitted') return 'already-reviewed';
  return null;
}
