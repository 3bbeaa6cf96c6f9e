// Synthetic matching instances for the bench and the tests: a seeded, realistic mix of languages,
// organisations, countries, time zones, availability and mentor popularity (everyone prefers the
// same few well-known mentors). Not used by the product.
import { regionsOf } from '#core/regions/index.ts';
import type { WeekRange } from '#core/schedule/availability.ts';
import { DEFAULT_WEIGHTS, type MatchInput, type MatchLearner, type MatchMentor, type MatchMode } from './types.ts';

const COUNTRIES = [
  'GH',
  'NG',
  'SN',
  'CI',
  'KE',
  'TZ',
  'UG',
  'RW',
  'ET',
  'ZA',
  'MZ',
  'AO',
  'CM',
  'CD',
  'MA',
  'TN',
  'EG',
  'JO',
  'LB',
  'IQ',
  'BR',
  'MX',
  'CO',
  'PE',
  'CL',
  'AR',
  'BO',
  'EC',
  'GT',
  'HN',
  'IN',
  'BD',
  'PK',
  'NP',
  'LK',
  'ID',
  'PH',
  'VN',
  'KH',
  'MM',
  'FJ',
  'WS',
  'TO',
  'PG',
  'VU',
  'PT',
  'FR',
  'ES',
  'KZ',
  'UZ',
];
/** UTC offsets in minutes, one per country above (standard time; one regime). */
const OFFSETS = [
  0, 60, 0, 0, 180, 180, 180, 120, 180, 120, 120, 60, 60, 60, 60, 60, 120, 180, 120, 180, -180, -360, -300, -300, -180, -180, -240, -300, -360, -360, 330, 360,
  300, 345, 330, 420, 480, 420, 420, 390, 720, 780, 780, 600, 660, 0, 60, 60, 300, 300,
];
const LANGUAGES_OF: Record<string, string[]> = {
  fr: ['SN', 'CI', 'CM', 'CD', 'MA', 'TN', 'RW', 'VU', 'FR'],
  es: ['MX', 'CO', 'PE', 'CL', 'AR', 'BO', 'EC', 'GT', 'HN', 'ES'],
  ar: ['MA', 'TN', 'EG', 'JO', 'LB', 'IQ'],
  pt: ['BR', 'MZ', 'AO', 'PT'],
  sw: ['KE', 'TZ', 'UG', 'RW', 'CD'],
};
export const COURSES = ['foundations', 'treaty-frameworks', 'standards-harmonization', 'information-sharing', 'crisis-response', 'capacity-building'];

/** A small deterministic generator (an LCG), so a seed always makes the same instance. */
export function generator(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY = 1440;
const WEEK = 7 * DAY;

/** Local hours [from, to) on the given weekdays (1 = Monday), shifted to the UTC week. */
function weekly(days: number[], from: number, to: number, offset: number): WeekRange[] {
  const ranges: WeekRange[] = [];
  for (const d of days) {
    let s = (d - 1) * DAY + from * 60 - offset;
    s = ((s % WEEK) + WEEK) % WEEK;
    const e = s + (to - from) * 60;
    if (e <= WEEK) ranges.push([s, e]);
    else ranges.push([s, WEEK], [0, e - WEEK]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: WeekRange[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

export interface SyntheticOptions {
  learners: number;
  mentors: number;
  seed?: number;
  mode?: MatchMode;
  courseId?: string;
}

export function syntheticInstance(o: SyntheticOptions): MatchInput {
  const random = generator(o.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const organisations = Array.from({ length: 300 }, (_, i) => `org-${i}`);
  const person = (id: string) => {
    const c = Math.floor(random() * COUNTRIES.length);
    const country = COUNTRIES[c]!;
    const own = Object.entries(LANGUAGES_OF).find(([, cs]) => cs.includes(country))?.[0];
    const languages = [...new Set([own ?? 'en', ...(random() < 0.6 ? ['en'] : []), ...(random() < 0.1 ? [pick(['fr', 'es', 'ar', 'pt', 'sw'])] : [])])];
    return { id, country, offset: OFFSETS[c]!, languages, organisationId: random() < 0.85 ? pick(organisations) : null };
  };
  const learners: MatchLearner[] = Array.from({ length: o.learners }, (_, i) => {
    const p = person(`l${String(i).padStart(6, '0')}`);
    const evening = random() < 0.5;
    return {
      id: p.id,
      languages: p.languages,
      organisationId: p.organisationId,
      country: p.country,
      regions: regionsOf(p.country),
      availability: [weekly([1, 2, 3, 4, 5], evening ? 16 : 9, evening ? 20 : 17, p.offset)],
    };
  });
  const mentors: MatchMentor[] = Array.from({ length: o.mentors }, (_, i) => {
    const p = person(`m${String(i).padStart(5, '0')}`);
    // A few well-known mentors everyone would prefer: every course, every region.
    const star = random() < 0.03;
    const slots = Array.from({ length: 1 + Math.floor(random() * 2) }, () => {
      const day = 1 + Math.floor(random() * 5);
      const hour = 9 + Math.floor(random() * 9);
      return { id: `${day}-${hour}:00`, size: 4 + Math.floor(random() * 5), times: [weekly([day], hour, hour + 1, p.offset)] } as const;
    }).filter((s, k, all) => all.findIndex((t) => t.id === s.id) === k);
    return {
      id: p.id,
      languages: p.languages,
      organisationId: p.organisationId,
      country: p.country,
      availability: [weekly([1, 2, 3, 4, 5], 8, 18, p.offset)],
      expertise: star ? COURSES : COURSES.filter(() => random() < 0.25),
      countries: star ? COUNTRIES : [p.country],
      regions: star ? ['001'] : regionsOf(p.country).slice(0, 2),
      tags: random() < 0.3 ? ['senior'] : [],
      capacity: 5 + Math.floor(random() * 8),
      slots: slots.map((s) => ({ id: s.id, size: s.size, times: s.times })),
    };
  });
  return {
    rules: {
      mode: o.mode ?? 'group',
      languages: ['en', 'fr', 'es', 'ar', 'pt', 'sw'],
      excludeSameCountry: false,
      courseIds: [o.courseId ?? 'foundations'],
      tags: ['senior'],
      minOverlapMinutes: 60,
      weights: DEFAULT_WEIGHTS,
    },
    learners,
    mentors,
  };
}
