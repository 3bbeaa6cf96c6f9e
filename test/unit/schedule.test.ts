import { describe, expect, it } from 'vitest';
import {
  availabilitySchema,
  formatInZone,
  isValidTimeZone,
  type MeetingPattern,
  meetingPatternSchema,
  nextOccurrence,
  normaliseAvailability,
  occurrences,
  overlapMinutes,
  timeZoneSchema,
  toUtcMinutesOfWeek,
  utcToZoned,
  zonedToUtc,
} from '#core/schedule/index.ts';

const iso = (date: Date) => date.toISOString();
const WINTER = new Date('2026-01-14T12:00:00Z');
const SUMMER = new Date('2026-07-15T12:00:00Z');

describe('time zone names', () => {
  it('accepts IANA names, including UTC and Etc zones', () => {
    for (const tz of ['Africa/Nairobi', 'Europe/Lisbon', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5']) expect(isValidTimeZone(tz)).toBe(true);
  });

  it('rejects unknown names, offsets and non-strings', () => {
    for (const tz of ['Mars/Olympus_Mons', '+05:30', '', 'Europe/Lisbon ', 42, null]) expect(isValidTimeZone(tz)).toBe(false);
  });

  it('timeZoneSchema explains what it wants', () => {
    const result = timeZoneSchema.safeParse('GMT+3:00');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/IANA/);
  });
});

describe('zonedToUtc / utcToZoned round trips', () => {
  it('Africa/Nairobi is UTC+3 all year', () => {
    const utc = zonedToUtc('2026-07-07', '14:00', 'Africa/Nairobi');
    expect(iso(utc)).toBe('2026-07-07T11:00:00.000Z');
    expect(utcToZoned(utc, 'Africa/Nairobi')).toEqual({ date: '2026-07-07', time: '14:00', weekday: 2, offsetMinutes: 180 });
  });

  it('Europe/Lisbon in winter is UTC+0', () => {
    const utc = zonedToUtc('2026-01-13', '09:00', 'Europe/Lisbon');
    expect(iso(utc)).toBe('2026-01-13T09:00:00.000Z');
    expect(utcToZoned(utc, 'Europe/Lisbon')).toEqual({ date: '2026-01-13', time: '09:00', weekday: 2, offsetMinutes: 0 });
  });

  it('Europe/Lisbon in summer is UTC+1', () => {
    const utc = zonedToUtc('2026-07-14', '09:00', 'Europe/Lisbon');
    expect(iso(utc)).toBe('2026-07-14T08:00:00.000Z');
    expect(utcToZoned(utc, 'Europe/Lisbon').offsetMinutes).toBe(60);
  });

  it('America/Santiago keeps DST in the southern summer (January, UTC-3)', () => {
    const utc = zonedToUtc('2026-01-15', '12:00', 'America/Santiago');
    expect(iso(utc)).toBe('2026-01-15T15:00:00.000Z');
    expect(utcToZoned(utc, 'America/Santiago')).toEqual({ date: '2026-01-15', time: '12:00', weekday: 4, offsetMinutes: -180 });
  });

  it('America/Santiago is on standard time in July (UTC-4)', () => {
    const utc = zonedToUtc('2026-07-15', '12:00', 'America/Santiago');
    expect(iso(utc)).toBe('2026-07-15T16:00:00.000Z');
    expect(utcToZoned(utc, 'America/Santiago').offsetMinutes).toBe(-240);
  });

  it('Pacific/Apia is UTC+13, a calendar day ahead of UTC at midday', () => {
    const utc = zonedToUtc('2026-07-15', '12:00', 'Pacific/Apia');
    expect(iso(utc)).toBe('2026-07-14T23:00:00.000Z');
    expect(utcToZoned(utc, 'Pacific/Apia')).toEqual({ date: '2026-07-15', time: '12:00', weekday: 3, offsetMinutes: 780 });
  });

  it('Pacific/Apia skipped 30 Dec 2011: a time that day moves forward a whole day', () => {
    const utc = zonedToUtc('2011-12-30', '12:00', 'Pacific/Apia');
    expect(iso(utc)).toBe('2011-12-30T22:00:00.000Z');
    expect(utcToZoned(utc, 'Pacific/Apia')).toMatchObject({ date: '2011-12-31', time: '12:00', offsetMinutes: 840 });
  });

  it('Asia/Kolkata is UTC+05:30', () => {
    const utc = zonedToUtc('2026-03-02', '09:00', 'Asia/Kolkata');
    expect(iso(utc)).toBe('2026-03-02T03:30:00.000Z');
    expect(utcToZoned(utc, 'Asia/Kolkata')).toEqual({ date: '2026-03-02', time: '09:00', weekday: 1, offsetMinutes: 330 });
  });

  it('Asia/Kathmandu is UTC+05:45', () => {
    const utc = zonedToUtc('2026-03-02', '09:00', 'Asia/Kathmandu');
    expect(iso(utc)).toBe('2026-03-02T03:15:00.000Z');
    expect(utcToZoned(utc, 'Asia/Kathmandu').offsetMinutes).toBe(345);
  });

  it('America/New_York is UTC-5 in winter', () => {
    const utc = zonedToUtc('2026-01-13', '09:00', 'America/New_York');
    expect(iso(utc)).toBe('2026-01-13T14:00:00.000Z');
    expect(utcToZoned(utc, 'America/New_York')).toEqual({ date: '2026-01-13', time: '09:00', weekday: 2, offsetMinutes: -300 });
  });

  it('America/New_York is UTC-4 in summer', () => {
    const utc = zonedToUtc('2026-07-14', '09:00', 'America/New_York');
    expect(iso(utc)).toBe('2026-07-14T13:00:00.000Z');
    expect(utcToZoned(utc, 'America/New_York').offsetMinutes).toBe(-240);
  });

  it('utcToZoned gives the local date and weekday when they differ from UTC', () => {
    // Saturday 23:30Z is already Sunday in Nairobi.
    expect(utcToZoned(new Date('2026-07-11T23:30:00Z'), 'Africa/Nairobi')).toMatchObject({ date: '2026-07-12', time: '02:30', weekday: 7 });
  });

  it('utcToZoned reads midnight as 00:00', () => {
    expect(utcToZoned(new Date('2026-07-13T21:00:00Z'), 'Africa/Nairobi')).toMatchObject({ date: '2026-07-14', time: '00:00', weekday: 2 });
  });
});

describe('DST gaps and overlaps', () => {
  it('spring forward in New York: 02:30 on 8 Mar 2026 does not exist and moves to 03:30 EDT', () => {
    const utc = zonedToUtc('2026-03-08', '02:30', 'America/New_York');
    expect(iso(utc)).toBe('2026-03-08T07:30:00.000Z');
    expect(utcToZoned(utc, 'America/New_York')).toMatchObject({ time: '03:30', offsetMinutes: -240 });
  });

  it('spring forward in Lisbon: 01:30 on 29 Mar 2026 moves to 02:30 WEST', () => {
    const utc = zonedToUtc('2026-03-29', '01:30', 'Europe/Lisbon');
    expect(iso(utc)).toBe('2026-03-29T01:30:00.000Z');
    expect(utcToZoned(utc, 'Europe/Lisbon').time).toBe('02:30');
  });

  it('spring forward in Santiago happens at midnight: 00:30 on 6 Sep 2026 moves to 01:30', () => {
    const utc = zonedToUtc('2026-09-06', '00:30', 'America/Santiago');
    expect(iso(utc)).toBe('2026-09-06T04:30:00.000Z');
    expect(utcToZoned(utc, 'America/Santiago')).toMatchObject({ date: '2026-09-06', time: '01:30', offsetMinutes: -180 });
  });

  it('fall back in New York: 01:30 on 1 Nov 2026 happens twice and the earlier (EDT) wins', () => {
    const utc = zonedToUtc('2026-11-01', '01:30', 'America/New_York');
    expect(iso(utc)).toBe('2026-11-01T05:30:00.000Z');
    expect(utcToZoned(utc, 'America/New_York')).toMatchObject({ time: '01:30', offsetMinutes: -240 });
    // The later 01:30 (EST) is an hour on, and still reads 01:30.
    expect(utcToZoned(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toMatchObject({ time: '01:30', offsetMinutes: -300 });
  });

  it('fall back in Lisbon: 01:30 on 25 Oct 2026 resolves to the earlier, WEST instant', () => {
    expect(iso(zonedToUtc('2026-10-25', '01:30', 'Europe/Lisbon'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('fall back in Santiago: 23:30 on 4 Apr 2026 resolves to the earlier (UTC-3) instant', () => {
    expect(iso(zonedToUtc('2026-04-04', '23:30', 'America/Santiago'))).toBe('2026-04-05T02:30:00.000Z');
  });

  it('times just outside the change are unaffected', () => {
    expect(iso(zonedToUtc('2026-10-25', '00:59', 'Europe/Lisbon'))).toBe('2026-10-24T23:59:00.000Z');
    expect(iso(zonedToUtc('2026-10-25', '02:00', 'Europe/Lisbon'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('rejects impossible dates, malformed times and unknown zones', () => {
    expect(() => zonedToUtc('2026-02-30', '09:00', 'Europe/Lisbon')).toThrow(RangeError);
    expect(() => zonedToUtc('2026-02-01', '9:00', 'Europe/Lisbon')).toThrow(RangeError);
    expect(() => zonedToUtc('2026-02-01', '24:30', 'Europe/Lisbon')).toThrow(RangeError);
    expect(() => zonedToUtc('2026-02-01', '09:00', 'Mars/Base')).toThrow(RangeError);
  });
});

describe('formatInZone', () => {
  it('shows the time and the short zone name of the viewer', () => {
    const text = formatInZone(new Date('2026-10-27T09:00:00Z'), 'Africa/Nairobi', 'en-GB');
    expect(text).toContain('12:00');
    expect(text).toContain('GMT+3');
  });

  it('takes other fields, but always the given zone', () => {
    const text = formatInZone(new Date('2026-10-27T09:00:00Z'), 'America/New_York', 'en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
    expect(text).toMatch(/^5:00\sAM EDT$/);
  });

  it('works with timeStyle (the zone name comes from timeStyle long)', () => {
    expect(formatInZone(new Date('2026-10-27T09:00:00Z'), 'Europe/Lisbon', 'en-GB', { timeStyle: 'long' })).toMatch(/^09:00:00 (GMT|WET)$/);
  });
});

const lisbonTuesday: MeetingPattern = { weekday: 2, time: '09:00', durationMinutes: 60, timeZone: 'Europe/Lisbon' };

describe('meeting patterns', () => {
  it('meetingPatternSchema accepts a valid pattern', () => {
    expect(meetingPatternSchema.parse({ weekday: 2, time: '14:00', durationMinutes: 60, timeZone: 'Africa/Nairobi' })).toEqual({
      weekday: 2,
      time: '14:00',
      durationMinutes: 60,
      timeZone: 'Africa/Nairobi',
    });
  });

  it('meetingPatternSchema rejects weekday 0 and 8, short and long durations, bad times and zones', () => {
    const paths = (value: unknown) => meetingPatternSchema.safeParse(value).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ weekday: 0, time: '14:00', durationMinutes: 60, timeZone: 'Africa/Nairobi' })).toEqual(['weekday']);
    expect(paths({ weekday: 8, time: '14:00', durationMinutes: 60, timeZone: 'Africa/Nairobi' })).toEqual(['weekday']);
    expect(paths({ weekday: 2, time: '14:00', durationMinutes: 10, timeZone: 'Africa/Nairobi' })).toEqual(['durationMinutes']);
    expect(paths({ weekday: 2, time: '14:00', durationMinutes: 481, timeZone: 'Africa/Nairobi' })).toEqual(['durationMinutes']);
    expect(paths({ weekday: 2, time: '2pm', durationMinutes: 60, timeZone: 'Nairobi' })).toEqual(['time', 'timeZone']);
  });

  it('weekly 09:00 in Lisbon stays 09:00 local across 25 Oct 2026 while UTC moves from 08:00Z to 09:00Z', () => {
    const list = occurrences(lisbonTuesday, '2026-10-14', '2026-11-04');
    expect(list.map((o) => o.startsAt)).toEqual(['2026-10-20T08:00:00.000Z', '2026-10-27T09:00:00.000Z', '2026-11-03T09:00:00.000Z']);
    expect(list.map((o) => utcToZoned(new Date(o.startsAt), 'Europe/Lisbon').time)).toEqual(['09:00', '09:00', '09:00']);
  });

  it('the same Lisbon meeting seen from Nairobi moves from 11:00 to 12:00', () => {
    const list = occurrences(lisbonTuesday, '2026-10-20', '2026-10-27');
    expect(list.map((o) => utcToZoned(new Date(o.startsAt), 'Africa/Nairobi'))).toEqual([
      { date: '2026-10-20', time: '11:00', weekday: 2, offsetMinutes: 180 },
      { date: '2026-10-27', time: '12:00', weekday: 2, offsetMinutes: 180 },
    ]);
  });

  it('ends durationMinutes after it starts', () => {
    const [first] = occurrences({ ...lisbonTuesday, durationMinutes: 90 }, '2026-10-20', '2026-10-20');
    expect(first).toEqual({ startsAt: '2026-10-20T08:00:00.000Z', endsAt: '2026-10-20T09:30:00.000Z' });
  });

  it('includes both ends of the range, and only matching weekdays', () => {
    expect(occurrences(lisbonTuesday, '2026-10-20', '2026-10-27')).toHaveLength(2);
    expect(occurrences(lisbonTuesday, '2026-10-21', '2026-10-26')).toEqual([]);
  });

  it('uses the local weekday, not the UTC one (Monday 02:00 in Nairobi is Sunday in UTC)', () => {
    const list = occurrences({ weekday: 1, time: '02:00', durationMinutes: 60, timeZone: 'Africa/Nairobi' }, '2026-07-13', '2026-07-13');
    expect(list.map((o) => o.startsAt)).toEqual(['2026-07-12T23:00:00.000Z']);
  });

  it('an occurrence in a DST gap moves forward by the gap', () => {
    const list = occurrences({ weekday: 7, time: '02:30', durationMinutes: 30, timeZone: 'America/New_York' }, '2026-03-01', '2026-03-08');
    expect(list.map((o) => o.startsAt)).toEqual(['2026-03-01T07:30:00.000Z', '2026-03-08T07:30:00.000Z']);
  });

  it('returns nothing for a reversed range and refuses a very long one', () => {
    expect(occurrences(lisbonTuesday, '2026-11-01', '2026-10-01')).toEqual([]);
    expect(() => occurrences(lisbonTuesday, '2026-01-01', '2046-01-01')).toThrow(RangeError);
  });

  it('nextOccurrence finds later today when the meeting has not started', () => {
    expect(nextOccurrence(lisbonTuesday, new Date('2026-10-20T07:59:00Z')).startsAt).toBe('2026-10-20T08:00:00.000Z');
  });

  it('nextOccurrence counts a meeting starting right now', () => {
    expect(nextOccurrence(lisbonTuesday, new Date('2026-10-20T08:00:00Z')).startsAt).toBe('2026-10-20T08:00:00.000Z');
  });

  it('nextOccurrence skips a meeting under way, to next week, across the clock change', () => {
    expect(nextOccurrence(lisbonTuesday, new Date('2026-10-20T08:30:00Z'))).toEqual({
      startsAt: '2026-10-27T09:00:00.000Z',
      endsAt: '2026-10-27T10:00:00.000Z',
    });
  });
});

describe('availability validation', () => {
  it('accepts windows on the quarter hour, touching windows and an end of 24:00', () => {
    const windows = [
      { weekday: 1, start: '09:00', end: '10:00' },
      { weekday: 1, start: '10:00', end: '11:15' },
      { weekday: 5, start: '22:45', end: '24:00' },
    ];
    expect(availabilitySchema.safeParse(windows).success).toBe(true);
  });

  it('rejects a window that ends before (or when) it starts', () => {
    const result = availabilitySchema.safeParse([{ weekday: 1, start: '10:00', end: '10:00' }]);
    expect(result.error?.issues.map((i) => i.path)).toEqual([[0, 'end']]);
  });

  it('rejects times off the 15-minute grid', () => {
    const result = availabilitySchema.safeParse([{ weekday: 1, start: '09:10', end: '10:05' }]);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      [0, 'start'],
      [0, 'end'],
    ]);
  });

  it('rejects 24:00 as a start and weekday 8', () => {
    const result = availabilitySchema.safeParse([{ weekday: 8, start: '24:00', end: '24:00' }]);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      [0, 'weekday'],
      [0, 'start'],
    ]);
  });

  it('rejects overlapping windows on the same day, pointing at the later one', () => {
    const result = availabilitySchema.safeParse([
      { weekday: 3, start: '13:00', end: '15:00' },
      { weekday: 3, start: '09:00', end: '13:30' },
      { weekday: 4, start: '09:00', end: '13:30' },
    ]);
    expect(result.error?.issues.map((i) => i.path)).toEqual([[0, 'start']]);
    expect(result.error?.issues[0]?.message).toMatch(/Overlaps/);
  });

  it('rejects more than 28 windows', () => {
    const windows = Array.from({ length: 29 }, (_, i) => ({ weekday: (i % 7) + 1, start: `${String(Math.floor(i / 7)).padStart(2, '0')}:00`, end: '23:00' }));
    const result = availabilitySchema.safeParse(windows);
    expect(result.error?.issues.some((i) => i.code === 'too_big')).toBe(true);
  });

  it('normaliseAvailability sorts and merges touching windows, leaving its input alone', () => {
    const input = [
      { weekday: 2 as const, start: '10:00', end: '11:00' },
      { weekday: 1 as const, start: '14:00', end: '15:00' },
      { weekday: 2 as const, start: '09:00', end: '10:00' },
      { weekday: 2 as const, start: '12:00', end: '13:00' },
    ];
    const copy = structuredClone(input);
    expect(normaliseAvailability(input)).toEqual([
      { weekday: 1, start: '14:00', end: '15:00' },
      { weekday: 2, start: '09:00', end: '11:00' },
      { weekday: 2, start: '12:00', end: '13:00' },
    ]);
    expect(input).toEqual(copy);
  });
});

describe('availability in the UTC week', () => {
  it('Nairobi Monday 09:00-11:00 is Monday 06:00-08:00Z', () => {
    expect(toUtcMinutesOfWeek([{ weekday: 1, start: '09:00', end: '11:00' }], 'Africa/Nairobi', WINTER)).toEqual([[360, 480]]);
  });

  it('a window that crosses Monday 00:00Z is split in two', () => {
    expect(toUtcMinutesOfWeek([{ weekday: 1, start: '01:00', end: '04:00' }], 'Africa/Nairobi', WINTER)).toEqual([
      [0, 60],
      [9960, 10_080],
    ]);
  });

  it('a Sunday evening window west of UTC wraps to Monday morning UTC', () => {
    expect(toUtcMinutesOfWeek([{ weekday: 7, start: '22:00', end: '24:00' }], 'America/New_York', WINTER)).toEqual([[180, 300]]);
  });

  it('touching windows across local midnight merge into one range', () => {
    const windows = [
      { weekday: 1 as const, start: '22:00', end: '24:00' },
      { weekday: 2 as const, start: '00:00', end: '02:00' },
    ];
    expect(toUtcMinutesOfWeek(windows, 'Europe/Lisbon', WINTER)).toEqual([[1320, 1560]]);
  });

  it('Lisbon windows sit an hour earlier in UTC in summer', () => {
    const windows = [{ weekday: 1 as const, start: '08:00', end: '09:00' }];
    expect(toUtcMinutesOfWeek(windows, 'Europe/Lisbon', WINTER)).toEqual([[480, 540]]);
    expect(toUtcMinutesOfWeek(windows, 'Europe/Lisbon', SUMMER)).toEqual([[420, 480]]);
  });

  it('quarter-hour offsets: Kathmandu 09:00 is 03:15Z, Kolkata 09:00 is 03:30Z', () => {
    expect(toUtcMinutesOfWeek([{ weekday: 1, start: '09:00', end: '10:00' }], 'Asia/Kathmandu', WINTER)).toEqual([[195, 255]]);
    expect(toUtcMinutesOfWeek([{ weekday: 1, start: '09:00', end: '10:00' }], 'Asia/Kolkata', WINTER)).toEqual([[210, 270]]);
  });

  it('overlapMinutes: Nairobi 09:00-11:00 Monday vs Lisbon 07:00-08:00 Monday in winter is 60', () => {
    const nairobi = toUtcMinutesOfWeek([{ weekday: 1, start: '09:00', end: '11:00' }], 'Africa/Nairobi', WINTER);
    const lisbon = toUtcMinutesOfWeek([{ weekday: 1, start: '07:00', end: '08:00' }], 'Europe/Lisbon', WINTER);
    expect(overlapMinutes(nairobi, lisbon)).toBe(60);
  });

  it('overlapMinutes: Nairobi 09:00-11:00 vs Lisbon 08:00-09:00 is 60 in summer and 0 in winter', () => {
    const lisbonWindow = [{ weekday: 1 as const, start: '08:00', end: '09:00' }];
    const nairobiWindow = [{ weekday: 1 as const, start: '09:00', end: '11:00' }];
    expect(overlapMinutes(toUtcMinutesOfWeek(nairobiWindow, 'Africa/Nairobi', SUMMER), toUtcMinutesOfWeek(lisbonWindow, 'Europe/Lisbon', SUMMER))).toBe(60);
    expect(overlapMinutes(toUtcMinutesOfWeek(nairobiWindow, 'Africa/Nairobi', WINTER), toUtcMinutesOfWeek(lisbonWindow, 'Europe/Lisbon', WINTER))).toBe(0);
  });

  it('overlapMinutes adds up several pieces, including across the week wrap', () => {
    const a: [number, number][] = [
      [0, 60],
      [9960, 10_080],
      [600, 700],
    ];
    const b: [number, number][] = [
      [30, 650],
      [10_000, 10_080],
    ];
    expect(overlapMinutes(a, b)).toBe(30 + 50 + 80);
  });

  it('overlapMinutes is 0 for empty input and for ranges that only touch', () => {
    expect(overlapMinutes([], [[0, 100]])).toBe(0);
    expect(overlapMinutes([[0, 100]], [[100, 200]])).toBe(0);
  });
});
