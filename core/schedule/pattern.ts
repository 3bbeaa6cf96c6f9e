import { z } from 'zod';
import {
  daysToLocalDate,
  localDateToDays,
  localTimeSchema,
  timeZoneSchema,
  utcToZoned,
  type Weekday,
  weekdayOfDays,
  weekdaySchema,
  zonedToUtc,
} from './zoned.ts';

/** A cohort's weekly meeting: every `weekday` at `time` on the wall clock of `timeZone`. */
export interface MeetingPattern {
  weekday: Weekday;
  /** 'HH:MM', local to `timeZone` */
  time: string;
  durationMinutes: number;
  timeZone: string;
}

/** One meeting, as instants: ISO 8601 UTC strings ('2026-10-27T09:00:00.000Z'). */
export interface Occurrence {
  startsAt: string;
  endsAt: string;
}

export const MIN_MEETING_MINUTES = 15;
export const MAX_MEETING_MINUTES = 480;
/** occurrences() refuses longer ranges, so a bad request cannot make it loop for long. */
export const MAX_OCCURRENCE_RANGE_DAYS = 3660;

export const meetingPatternSchema = /* @__PURE__ */ z.object({
  weekday: weekdaySchema,
  time: localTimeSchema,
  durationMinutes: z
    .number()
    .int()
    .min(MIN_MEETING_MINUTES, `Meetings last at least ${MIN_MEETING_MINUTES} minutes.`)
    .max(MAX_MEETING_MINUTES, `Meetings last at most ${MAX_MEETING_MINUTES} minutes.`),
  timeZone: timeZoneSchema,
}) satisfies z.ZodType<MeetingPattern>;

function occurrenceOn(pattern: MeetingPattern, localDate: string): Occurrence {
  // A time inside a DST gap moves forward by the gap (see zonedToUtc). The duration is elapsed
  // time, so a meeting across a clock change ends the same number of minutes after it started.
  const start = zonedToUtc(localDate, pattern.time, pattern.timeZone);
  const end = new Date(start.getTime() + pattern.durationMinutes * 60_000);
  return { startsAt: start.toISOString(), endsAt: end.toISOString() };
}

/**
 * Every meeting whose local date (in the pattern's zone) falls in [fromDate, toDate], both
 * 'YYYY-MM-DD' and inclusive, oldest first. The wall-clock time stays put across DST changes, so
 * the UTC instant moves. Throws RangeError for malformed dates or a range over
 * MAX_OCCURRENCE_RANGE_DAYS; an empty array when toDate is before fromDate.
 */
export function occurrences(pattern: MeetingPattern, fromDate: string, toDate: string): Occurrence[] {
  const from = localDateToDays(fromDate);
  const to = localDateToDays(toDate);
  if (to < from) return [];
  if (to - from + 1 > MAX_OCCURRENCE_RANGE_DAYS) throw new RangeError(`At most ${MAX_OCCURRENCE_RANGE_DAYS} days at a time.`);
  const result: Occurrence[] = [];
  let day = from + ((pattern.weekday - weekdayOfDays(from) + 7) % 7);
  for (; day <= to; day += 7) result.push(occurrenceOn(pattern, daysToLocalDate(day)));
  return result;
}

/** The first meeting that starts at or after `now` (one already under way is not returned). */
export function nextOccurrence(pattern: MeetingPattern, now: Date): Occurrence {
  const today = localDateToDays(utcToZoned(now, pattern.timeZone).date);
  // Yesterday to a week ahead always holds the answer; yesterday covers a gap-shifted start.
  const nowMs = now.getTime();
  const found = occurrences(pattern, daysToLocalDate(today - 1), daysToLocalDate(today + 7)).find((o) => Date.parse(o.startsAt) >= nowMs);
  if (!found) throw new RangeError('No occurrence found'); // unreachable for a valid pattern
  return found;
}
