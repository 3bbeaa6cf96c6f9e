import { z } from 'zod';

/**
 * Wall-clock time in IANA time zones with nothing but `Intl` (no Temporal: workerd and some
 * browsers lack it). Local dates are 'YYYY-MM-DD', local times 'HH:MM' (24-hour).
 */

/** 1 = Monday ... 7 = Sunday (ISO 8601). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A moment as read on a wall clock in one time zone. */
export interface ZonedParts {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM' (seconds are dropped) */
  time: string;
  weekday: Weekday;
  /** Local time minus UTC, in minutes: Asia/Kathmandu is 345, America/New_York -300 or -240. */
  offsetMinutes: number;
}

export const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** IANA names start with a letter ('Europe/Lisbon', 'UTC', 'Etc/GMT+5'); this keeps out offsets like '+05:30'. */
const ZONE_NAME_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

// Building a DateTimeFormat is slow, reading one is cheap: keep one per zone.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `tz` is an IANA time zone name this runtime's `Intl` knows (matched case-insensitively, as `Intl` does). */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length > 64 || !ZONE_NAME_SHAPE.test(tz)) return false;
  if (partsFormatters.has(tz)) return true;
  try {
    partsFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = /* @__PURE__ */ z
  .string()
  .max(64)
  .refine(isValidTimeZone, { message: 'Use an IANA time zone name, such as Europe/Lisbon or Africa/Nairobi.' });

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export const localDateSchema = /* @__PURE__ */ z
  .string()
  .regex(LOCAL_DATE_PATTERN, 'Dates look like 2026-10-25.')
  .refine((s) => {
    const [, y, m, d] = LOCAL_DATE_PATTERN.exec(s)!;
    return isRealDate(Number(y), Number(m), Number(d));
  }, 'That day does not exist.');

export const weekdaySchema = /* @__PURE__ */ z.literal([1, 2, 3, 4, 5, 6, 7], { message: 'Weekdays run from 1 (Monday) to 7 (Sunday).' });

export const localTimeSchema = /* @__PURE__ */ z.string().regex(LOCAL_TIME_PATTERN, 'Times look like 09:30 (24-hour clock).');

/** 'YYYY-MM-DD' -> days since 1970-01-01. Throws RangeError on a malformed or impossible date. */
export function localDateToDays(localDate: string): number {
  const match = LOCAL_DATE_PATTERN.exec(localDate);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  }
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Days since 1970-01-01 -> 'YYYY-MM-DD'. */
export function daysToLocalDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day count (1970-01-01 was a Thursday). */
export function weekdayOfDays(days: number): Weekday {
  return (((((days + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** 'HH:MM' -> minutes after midnight. Throws RangeError on a malformed time. '24:00' only when `allowEndOfDay`. */
export function localTimeToMinutes(localTime: string, allowEndOfDay = false): number {
  if (allowEndOfDay && localTime === '24:00') return 1440;
  const match = LOCAL_TIME_PATTERN.exec(localTime);
  if (!match) throw new RangeError(`Not a local time (HH:MM): ${localTime}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The wall clock in `tz` at `epochMs`, as if that reading were UTC (ms), plus the offset. */
function wallClock(epochMs: number, tz: string): { wallMs: number; offsetMs: number } {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(tz).formatToParts(seconds)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  // Some older engines print midnight as 24 even with hourCycle h23.
  const hour = fields.hour === 24 ? 0 : fields.hour!;
  const wallMs = Date.UTC(fields.year!, fields.month! - 1, fields.day!, hour, fields.minute!, fields.second!);
  return { wallMs, offsetMs: wallMs - seconds };
}

function offsetAt(epochMs: number, tz: string): number {
  return wallClock(epochMs, tz).offsetMs;
}

/** What a wall clock in `tz` shows at `date`. Throws RangeError for an unknown zone or an invalid date. */
export function utcToZoned(date: Date, tz: string): ZonedParts {
  const epochMs = date.getTime();
  if (Number.isNaN(epochMs)) throw new RangeError('Invalid date');
  const { wallMs, offsetMs } = wallClock(epochMs, tz);
  const wall = new Date(wallMs);
  return {
    date: wall.toISOString().slice(0, 10),
    time: `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`,
    weekday: weekdayOfDays(Math.floor(wallMs / DAY_MS)),
    // Whole minutes for every zone since the 1970s; historic local mean time can give a fraction.
    offsetMinutes: offsetMs / MINUTE_MS,
  };
}

/**
 * The instant at which a wall clock in `tz` shows `localDate` `localTime`.
 *
 * - DST gap (the clock jumps, e.g. 01:30 on 29 Mar 2026 in Europe/Lisbon never happens): the time
 *   moves forward by the length of the gap, so 01:30 becomes 02:30 WEST (01:30Z).
 * - DST overlap (the clock repeats, e.g. 01:30 on 25 Oct 2026 in Lisbon happens twice): the earlier
 *   instant wins, i.e. the one still on the pre-change offset (01:30 WEST = 00:30Z).
 *
 * This is what Temporal calls `disambiguation: 'compatible'`. It assumes at most one offset change
 * within a day either side of the wall time, which holds for every zone in the tz database.
 * Throws RangeError for a malformed date or time, or an unknown zone.
 */
export function zonedToUtc(localDate: string, localTime: string, tz: string): Date {
  // '24:00' is accepted as the end of `localDate` (the next day's 00:00), for window ends.
  const wallMs = localDateToDays(localDate) * DAY_MS + localTimeToMinutes(localTime, true) * MINUTE_MS;
  const before = offsetAt(wallMs - DAY_MS, tz);
  const after = offsetAt(wallMs + DAY_MS, tz);
  if (before === after) return new Date(wallMs - before);

  const onBefore = wallMs - before;
  const onAfter = wallMs - after;
  const beforeFits = offsetAt(onBefore, tz) === before;
  const afterFits = offsetAt(onAfter, tz) === after;
  if (beforeFits && afterFits) return new Date(Math.min(onBefore, onAfter)); // overlap: the earlier
  if (afterFits) return new Date(onAfter);
  // In a gap (or on the pre-change side): reading the wall time with the old offset lands after the
  // change, the gap's length later on the new wall clock.
  return new Date(onBefore);
}

const DEFAULT_FORMAT: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

const displayFormatters = new Map<string, Intl.DateTimeFormat>();
const MAX_DISPLAY_FORMATTERS = 200;

/**
 * `date` for a person in `tz`, in `locale`, with the zone's short name ('GMT+3', 'WEST', 'EDT').
 * `options` replace the default fields (weekday, date, hour, minute); `timeZone` is always `tz`.
 * With `dateStyle`/`timeStyle` (which `Intl` will not mix with `timeZoneName`) pick `timeStyle: 'long'`
 * to keep the zone name.
 */
export function formatInZone(date: Date, tz: string, locale: string | readonly string[], options?: Intl.DateTimeFormatOptions): string {
  const base = options ?? DEFAULT_FORMAT;
  const styled = base.dateStyle !== undefined || base.timeStyle !== undefined;
  const resolved: Intl.DateTimeFormatOptions = styled ? { ...base, timeZone: tz } : { timeZoneName: 'short', ...base, timeZone: tz };
  const key = JSON.stringify([locale, resolved]);
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    if (displayFormatters.size >= MAX_DISPLAY_FORMATTERS) displayFormatters.clear();
    formatter = new Intl.DateTimeFormat(locale as string | string[], resolved);
    displayFormatters.set(key, formatter);
  }
  return formatter.format(date);
}
