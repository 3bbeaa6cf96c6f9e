import { describe, expect, it } from 'vitest';
import { buildIcs, type CalendarEvent, occurrences } from '#core/schedule/index.ts';

const NOW = new Date('2026-10-01T12:00:00Z');

const weekly: CalendarEvent = {
  uid: 'meeting-1@accord',
  startsAt: '2026-10-27T09:00:00.000Z',
  endsAt: '2026-10-27T10:00:00.000Z',
  summary: 'Cohort 3: weekly seminar',
};

/** RFC 5545 unfolding: a CRLF followed by one space or tab continues the previous line. */
function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

/** The value of each `name` property (parameters dropped), in order. */
function values(lines: string[], name: string): string[] {
  return lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`)).map((l) => l.slice(l.indexOf(':') + 1));
}

/** RFC 5545 TEXT unescaping. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The VEVENT blocks, each as its unfolded lines. */
function vevents(lines: string[]): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      blocks.push(current);
      current = null;
    } else current?.push(line);
  }
  return blocks;
}

describe('buildIcs', () => {
  it('is a VCALENDAR with version, Accord PRODID, METHOD:PUBLISH and the calendar name', () => {
    const lines = unfold(buildIcs('Cohort 3', [weekly], { now: NOW }));
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(values(lines, 'VERSION')).toEqual(['2.0']);
    expect(values(lines, 'PRODID')[0]).toMatch(/Accord/);
    expect(values(lines, 'METHOD')).toEqual(['PUBLISH']);
    expect(values(lines, 'X-WR-CALNAME')).toEqual(['Cohort 3']);
  });

  it('ends every line, the last too, with CRLF and has no bare LF', () => {
    const text = buildIcs('Cohort 3', [weekly], { now: NOW });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has one VEVENT per event', () => {
    const events = [weekly, { ...weekly, uid: 'meeting-2@accord' }, { ...weekly, uid: 'meeting-3@accord' }];
    expect(vevents(unfold(buildIcs('Cohort 3', events, { now: NOW })))).toHaveLength(3);
  });

  it('writes an empty calendar for no events', () => {
    const lines = unfold(buildIcs('Cohort 3', [], { now: NOW }));
    expect(vevents(lines)).toHaveLength(0);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
  });

  it('writes DTSTART, DTEND and DTSTAMP in UTC', () => {
    const [event] = vevents(unfold(buildIcs('Cohort 3', [weekly], { now: NOW })));
    expect(values(event!, 'DTSTART')).toEqual(['20261027T090000Z']);
    expect(values(event!, 'DTEND')).toEqual(['20261027T100000Z']);
    expect(values(event!, 'DTSTAMP')).toEqual(['20261001T120000Z']);
    expect(event!.some((l) => l.startsWith('DTSTART;TZID'))).toBe(false);
  });

  it('takes Date values too', () => {
    const [event] = vevents(
      unfold(buildIcs('c', [{ ...weekly, startsAt: new Date('2026-03-29T01:30:00Z'), endsAt: new Date('2026-03-29T02:30:00Z') }], { now: NOW })),
    );
    expect(values(event!, 'DTSTART')).toEqual(['20260329T013000Z']);
  });

  it('keeps the UID and the sequence', () => {
    const [event] = vevents(unfold(buildIcs('Cohort 3', [{ ...weekly, sequence: 4 }], { now: NOW })));
    expect(values(event!, 'UID')).toEqual(['meeting-1@accord']);
    expect(values(event!, 'SEQUENCE')).toEqual(['4']);
  });

  it('marks a cancelled event STATUS:CANCELLED and others CONFIRMED', () => {
    const blocks = vevents(unfold(buildIcs('Cohort 3', [weekly, { ...weekly, uid: 'meeting-2@accord', cancelled: true, sequence: 1 }], { now: NOW })));
    expect(blocks.map((b) => values(b, 'STATUS')[0])).toEqual(['CONFIRMED', 'CANCELLED']);
  });

  it('escapes commas, semicolons, backslashes and newlines in the summary', () => {
    const summary = 'Seminar, part 1; reading\\notes\nbring questions';
    const [event] = vevents(unfold(buildIcs('c', [{ ...weekly, summary }], { now: NOW })));
    const [raw] = values(event!, 'SUMMARY');
    expect(raw).toBe('Seminar\\, part 1\\; reading\\\\notes\\nbring questions');
    expect(unescapeText(raw!)).toBe(summary);
  });

  it('escapes description, location and the calendar name', () => {
    const lines = unfold(buildIcs('Cohort 3; Nairobi, Lisbon', [{ ...weekly, description: 'Read ch. 2,\nthen 3', location: 'Room 4; floor 2' }], { now: NOW }));
    expect(values(lines, 'X-WR-CALNAME')).toEqual(['Cohort 3\\; Nairobi\\, Lisbon']);
    expect(values(lines, 'DESCRIPTION').map(unescapeText)).toEqual(['Read ch. 2,\nthen 3']);
    expect(values(lines, 'LOCATION').map(unescapeText)).toEqual(['Room 4; floor 2']);
  });

  it('a newline in the calendar name cannot start a new property', () => {
    const lines = unfold(buildIcs('Cohort\r\nMETHOD:REQUEST', [weekly], { now: NOW }));
    expect(values(lines, 'METHOD')).toEqual(['PUBLISH']);
  });

  it('writes the URL as a URI', () => {
    const [event] = vevents(unfold(buildIcs('c', [{ ...weekly, url: 'https://accord.example/cohorts/3?week=1,2' }], { now: NOW })));
    expect(values(event!, 'URL')).toEqual(['https://accord.example/cohorts/3?week=1%2C2']);
  });

  it('folds long lines to at most 75 octets, and unfolding restores them', () => {
    const summary = `Séance ${'très longue '.repeat(20)}`.trim();
    const text = buildIcs('c', [{ ...weekly, summary }], { now: NOW });
    const encoder = new TextEncoder();
    for (const line of text.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(values(unfold(text), 'SUMMARY')).toEqual([summary]);
  });

  it('writes occurrences of a weekly pattern across a DST change in UTC', () => {
    const list = occurrences({ weekday: 2, time: '09:00', durationMinutes: 60, timeZone: 'Europe/Lisbon' }, '2026-10-20', '2026-10-27');
    const events = list.map((o, i) => ({ uid: `cohort-3-${i}@accord`, summary: 'Seminar', ...o }));
    expect(values(unfold(buildIcs('c', events, { now: NOW })), 'DTSTART')).toEqual(['20261020T080000Z', '20261027T090000Z']);
  });

  it('refuses UIDs with spaces or line breaks, and an empty UID', () => {
    expect(() => buildIcs('c', [{ ...weekly, uid: 'a b' }])).toThrow(RangeError);
    expect(() => buildIcs('c', [{ ...weekly, uid: 'a\r\nSTATUS:CANCELLED' }])).toThrow(RangeError);
    expect(() => buildIcs('c', [{ ...weekly, uid: '' }])).toThrow(RangeError);
  });

  it('refuses invalid dates and an end that is not after the start', () => {
    expect(() => buildIcs('c', [{ ...weekly, startsAt: 'next Tuesday' }])).toThrow(RangeError);
    expect(() => buildIcs('c', [{ ...weekly, endsAt: weekly.startsAt }])).toThrow(RangeError);
  });

  it('refuses non-http URLs and negative sequences', () => {
    expect(() => buildIcs('c', [{ ...weekly, url: 'javascript:alert(1)' }])).toThrow(RangeError);
    expect(() => buildIcs('c', [{ ...weekly, sequence: -1 }])).toThrow(RangeError);
  });
});
