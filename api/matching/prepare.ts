// From people's weekly times on their own clocks to UTC week ranges per regime (types.ts
// RegimeRanges). A cohort that spans a daylight-saving change in any zone involved gets one regime
// per distinct set of offsets, so a slot must fit a learner's availability before and after it.
import { type AvailabilityWindow, normaliseWeekRanges, toUtcMinutesOfWeek, type WeekRange } from '#core/schedule/availability.ts';
import { localDateToDays, utcToZoned, type Weekday } from '#core/schedule/zoned.ts';
import type { RegimeRanges } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * One reference date per regime over the cohort's weeks (from `fromDate` to `toDate`, local dates):
 * a week's key is every zone's UTC offset at the start and at the end of the week (a week in
 * which some zone changes its clocks is its own regime). Ordered by first appearance.
 */
export function regimesFor(timeZones: readonly string[], fromDate: string, toDate: string): Date[] {
  const zones = [...new Set(timeZones)].sort();
  const first = localDateToDays(fromDate);
  const last = Math.max(first, localDateToDays(toDate));
  const seen = new Map<string, Date>();
  for (let day = first; day <= last; day += 7) {
    const start = new Date(day * DAY_MS + DAY_MS / 2);
    const end = new Date(start.getTime() + 6 * DAY_MS);
    const key = zones.map((tz) => `${utcToZoned(start, tz).offsetMinutes}/${utcToZoned(end, tz).offsetMinutes}`).join(' ');
    // Weeks where clocks change differ in their two offsets: each is kept apart by its date.
    const mixed = zones.some((tz) => utcToZoned(start, tz).offsetMinutes !== utcToZoned(end, tz).offsetMinutes);
    const id = mixed ? `${key}@${day}` : key;
    if (!seen.has(id)) seen.set(id, start);
  }
  return [...seen.values()];
}

/** A person's weekly windows in UTC week ranges, one list per regime. */
export function personRanges(windows: readonly AvailabilityWindow[], tz: string, refs: readonly Date[]): RegimeRanges {
  return refs.map((ref) => toUtcMinutesOfWeek(windows, tz, ref));
}

/** A weekly meeting on the mentor's wall clock (weekday, 'HH:MM', length), in UTC week ranges per regime. */
export function slotRanges(slot: { weekday: Weekday; start: string; minutes: number }, tz: string, refs: readonly Date[]): RegimeRanges {
  return refs.map((ref) => {
    const [h, m] = slot.start.split(':').map(Number) as [number, number];
    const endMinutes = h * 60 + m + slot.minutes;
    if (endMinutes <= 1440) {
      const end = endMinutes === 1440 ? '24:00' : `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
      return toUtcMinutesOfWeek([{ weekday: slot.weekday, start: slot.start, end }], tz, ref);
    }
    // Past local midnight: the rest falls on the next day.
    const next = ((slot.weekday % 7) + 1) as Weekday;
    const rest = endMinutes - 1440;
    const restEnd = `${String(Math.floor(rest / 60)).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}`;
    return normaliseWeekRanges([
      ...toUtcMinutesOfWeek([{ weekday: slot.weekday, start: slot.start, end: '24:00' }], tz, ref),
      ...toUtcMinutesOfWeek([{ weekday: next, start: '00:00', end: restEnd }], tz, ref),
    ]);
  });
}

/** Is every range of `inner` inside some range of `outer`? Both sorted and merged. */
export function within(inner: readonly WeekRange[], outer: readonly WeekRange[]): boolean {
  let j = 0;
  for (const [s, e] of inner) {
    while (j < outer.length && outer[j]![1] < e) j++;
    const o = outer[j];
    if (!o || o[0] > s) return false;
  }
  return true;
}
