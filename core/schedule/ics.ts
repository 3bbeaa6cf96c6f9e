import ical, { escape as escapeText, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/**
 * iCalendar (RFC 5545) feeds of meetings, through ical-generator (MIT, no runtime dependencies, no
 * Node imports: runs in workerd and browsers). The library folds lines and escapes TEXT values;
 * times are written in UTC ('20261027T090000Z'), so no VTIMEZONE is needed.
 */

export interface CalendarEvent {
  /** Stable across updates (a calendar app matches on it): e.g. 'meeting-42@accord'. */
  uid: string;
  /** ISO 8601 instant or Date */
  startsAt: string | Date;
  endsAt: string | Date;
  summary: string;
  description?: string;
  location?: string;
  /** http(s) only */
  url?: string;
  /** Bump when the event changes, so calendar apps take the new version. */
  sequence?: number;
  /** Written as STATUS:CANCELLED (otherwise STATUS:CONFIRMED). */
  cancelled?: boolean;
}

export interface IcsOptions {
  /** DTSTAMP of every event; defaults to now. */
  now?: Date;
}

export const ICS_PRODID = { company: 'Accord', product: 'Accord schedule', language: 'EN' } as const;
export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

// UIDs go out unescaped: keep them printable and short.
const UID_PATTERN = /^[\x21-\x7e]{1,255}$/;

function instant(value: string | Date, field: string, uid: string): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Event ${uid}: ${field} is not a valid date.`);
  return date;
}

function httpUrl(value: string, uid: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RangeError(`Event ${uid}: url is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError(`Event ${uid}: url must be http or https.`);
  // The library TEXT-escapes URL values; percent-encoding ',' and ';' keeps the URI intact.
  return url.href.replaceAll(',', '%2C').replaceAll(';', '%3B');
}

/**
 * A VCALENDAR with METHOD:PUBLISH, Accord's PRODID, `calendarName` (NAME and X-WR-CALNAME) and one
 * VEVENT per event, in the given order, CRLF line endings. Throws RangeError for a bad UID, date
 * (or an end not after the start), sequence or URL.
 */
export function buildIcs(calendarName: string, events: readonly CalendarEvent[], options: IcsOptions = {}): string {
  const stamp = options.now ?? new Date();
  const calendar = ical({
    prodId: ICS_PRODID,
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes the calendar name as is: escape it like any TEXT value.
    name: escapeText(calendarName, false),
  });
  for (const event of events) {
    if (!UID_PATTERN.test(event.uid)) throw new RangeError('Event UIDs are 1 to 255 printable ASCII characters without spaces.');
    const start = instant(event.startsAt, 'startsAt', event.uid);
    const end = instant(event.endsAt, 'endsAt', event.uid);
    if (end.getTime() <= start.getTime()) throw new RangeError(`Event ${event.uid}: endsAt must be after startsAt.`);
    const sequence = event.sequence ?? 0;
    if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`Event ${event.uid}: sequence is a whole number, 0 or more.`);
    calendar.createEvent({
      id: event.uid,
      sequence,
      stamp,
      start,
      end,
      summary: event.summary,
      description: event.description ?? null,
      location: event.location ?? null,
      url: event.url === undefined ? null : httpUrl(event.url, event.uid),
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every content line, the last one included, with CRLF.
  return `${calendar.toString()}\r\n`;
}
