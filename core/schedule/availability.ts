import { z } from 'zod';
import { daysToLocalDate, localDateToDays, utcToZoned, type Weekday, weekdaySchema, zonedToUtc } from './zoned.ts';

/** A time a person can usually meet, every week, on their own wall clock. `end` may be '24:00'. */
export interface AvailabilityWindow {
  weekday: Weekday;
  /** 'HH:MM', on a 15-minute grid */
  start: string;
  /** 'HH:MM', on a 15-minute grid, after `start`; '24:00' is the end of the day */
  end: string;
}

/** [startMinute, endMinute) in the UTC week: 0 is Monday 00:00Z, 10080 the next Monday 00:00Z. */
export type WeekRange = [start: number, end: number];

export const MAX_AVAILABILITY_WINDOWS = 28;
export const MINUTES_PER_WEEK = 10_080;
const MINUTES_PER_DAY = 1440;

const QUARTER_HOUR = /^([01]\d|2[0-3]):(00|15|30|45)$/;
const QUARTER_HOUR_MESSAGE = 'Times are on the quarter hour, from 00:00 to 23:45.';

export const availabilityWindowSchema = /* @__PURE__ */ z
  .object({
    weekday: weekdaySchema,
    start: z.string().regex(QUARTER_HOUR, QUARTER_HOUR_MESSAGE),
    end: z.string().refine((s) => s === '24:00' || QUARTER_HOUR.test(s), 'End times are on the quarter hour, from 00:15 to 24:00.'),
  })
  .refine((w) => w.start < w.end, { message: 'A window ends after it starts.', path: ['end'] }) satisfies z.ZodType<AvailabilityWindow>;

export const availabilitySchema = /* @__PURE__ */ z
  .array(availabilityWindowSchema)
  .max(MAX_AVAILABILITY_WINDOWS, `At most ${MAX_AVAILABILITY_WINDOWS} windows a week.`)
  .superRefine((windows, ctx) => {
    // Touching windows (09:00-10:00, 10:00-11:00) are fine and merge; overlapping ones are a mistake.
    const order = windows.map((w, index) => ({ w, index })).sort((a, b) => a.w.weekday - b.w.weekday || compareText(a.w.start, b.w.start));
    for (let i = 1; i < order.length; i++) {
      const previous = order[i - 1]!;
      const current = order[i]!;
      if (current.w.weekday === previous.w.weekday && current.w.start < previous.w.end) {
        ctx.addIssue({
          code: 'custom',
          message: `Overlaps another window on the same day (${previous.w.start}-${previous.w.end}).`,
          path: [current.index, 'start'],
        });
      }
    }
  }) satisfies z.ZodType<AvailabilityWindow[]>;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by weekday then start, with touching (or overlapping) windows on the same day merged. Does not change its input. */
export function normaliseAvailability(windows: readonly AvailabilityWindow[]): AvailabilityWindow[] {
  const sorted = [...windows].sort((a, b) => a.weekday - b.weekday || compareText(a.start, b.start));
  const merged: AvailabilityWindow[] = [];
  for (const w of sorted) {
    const last = merged.at(-1);
    if (last && last.weekday === w.weekday && w.start <= last.end) {
      if (w.end > last.end) last.end = w.end;
    } else {
      merged.push({ ...w });
    }
  }
  return merged;
}

/** Sorted, with overlapping or touching ranges merged. */
export function normaliseWeekRanges(ranges: readonly (readonly [number, number])[]): WeekRange[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: WeekRange[] = [];
  for (const [s, e] of sorted) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

function minuteOfUtcWeek(date: Date): number {
  // 1970-01-01T00:00Z was a Thursday: three days into a Monday-based week.
  const minute = Math.floor(date.getTime() / 60_000) + 3 * MINUTES_PER_DAY;
  return ((minute % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
}

/**
 * Where `windows` (on the wall clock of `tz`) fall in the UTC week, as sorted, merged
 * [start, end) minute ranges in 0..10080. A window that crosses Monday 00:00Z is split in two.
 * Offsets are those of the local week (Monday to Sunday in `tz`) that contains `referenceDate`,
 * so the same windows map differently in winter and summer.
 */
export function toUtcMinutesOfWeek(windows: readonly AvailabilityWindow[], tz: string, referenceDate: Date): WeekRange[] {
  const local = utcToZoned(referenceDate, tz);
  const monday = localDateToDays(local.date) - (local.weekday - 1);
  const ranges: WeekRange[] = [];
  for (const w of windows) {
    const date = daysToLocalDate(monday + w.weekday - 1);
    const start = zonedToUtc(date, w.start, tz);
    const end = zonedToUtc(date, w.end, tz);
    const length = Math.round((end.getTime() - start.getTime()) / 60_000);
    if (length <= 0) continue;
    const s = minuteOfUtcWeek(start);
    const e = s + length;
    if (e <= MINUTES_PER_WEEK) {
      ranges.push([s, e]);
    } else {
      ranges.push([s, MINUTES_PER_WEEK], [0, e - MINUTES_PER_WEEK]);
    }
  }
  return normaliseWeekRanges(ranges);
}

/** Minutes that two sets of UTC week ranges have in common (each set may be unsorted or overlap itself). */
export function overlapMinutes(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): number {
  const x = normaliseWeekRanges(a);
  const y = normaliseWeekRanges(b);
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [as, ae] = x[i]!;
    const [bs, be] = y[j]!;
    const overlap = Math.min(ae, be) - Math.max(as, bs);
    if (overlap > 0) total += overlap;
    if (ae < be) i++;
    else j++;
  }
  return total;
}
