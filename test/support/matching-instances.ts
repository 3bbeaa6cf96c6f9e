// Small random matching instances built to collide: few languages, shared organisations and
// countries, narrow availability, small slots and capacities, random weights. Seeded, so a failing
// seed can be replayed. The scenario tests build their own instances by hand.
import { generator } from '../../api/matching/synthetic.ts';
import type { MatchInput, MatchLearner, MatchMentor, MatchMode } from '../../api/matching/types.ts';

const LANGS = ['en', 'fr', 'sw'];
const COUNTRIES = ['KE', 'TZ', 'SN', 'GH'];
const REGIONS: Record<string, string[]> = { KE: ['014', '202', '002'], TZ: ['014', '202', '002'], SN: ['011', '202', '002'], GH: ['011', '202', '002'] };
const DAY = 1440;

export interface SmallOptions {
  learners: number;
  mentors: number;
  mode: MatchMode;
  seed: number;
  /**
   * Learners in few classes (two countries, two language sets, two weekly patterns), from four
   * organisations the mentors share, and one learner who is also a mentor: what the engine's
   * compression by class (classes.ts) must get exactly right.
   */
  alike?: boolean;
}

export function smallInstance({ learners, mentors, mode, seed, alike = false }: SmallOptions): MatchInput {
  const random = generator(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[]) => {
    const chosen = list.filter(() => random() < 0.5);
    return chosen.length ? chosen : [pick(list)];
  };
  // Availability: one or two windows on Monday and Tuesday, in whole hours (UTC, one regime).
  const windows = () => {
    const ranges: Array<[number, number]> = [];
    for (const day of [0, 1]) {
      if (random() < 0.3) continue;
      const from = int(6, 16);
      ranges.push([day * DAY + from * 60, day * DAY + (from + int(1, 6)) * 60]);
    }
    return ranges.length ? ranges : [[8 * 60, 12 * 60] as [number, number]];
  };
  const person = (id: string) => {
    const country = pick(COUNTRIES);
    return { id, languages: some(LANGS), organisationId: random() < 0.8 ? `org-${int(1, 3)}` : null, country, availability: [windows()] };
  };
  const patterns: Array<Array<[number, number]>> = [
    [[8 * 60, 14 * 60]],
    [
      [10 * 60, 12 * 60],
      [DAY + 9 * 60, DAY + 17 * 60],
    ],
  ];
  const alikePerson = (id: string) => ({
    id,
    languages: pick([['en'], ['en', 'fr']]),
    organisationId: random() < 0.9 ? `org-${int(1, 4)}` : null,
    country: pick(['KE', 'SN']),
    availability: [pick(patterns)],
  });
  const ls: MatchLearner[] = Array.from({ length: learners }, (_, i) => {
    const p = alike ? alikePerson(i === 0 ? 'm0' : `l${i}`) : person(`l${i}`);
    return { ...p, regions: REGIONS[p.country]! };
  });
  const ms: MatchMentor[] = Array.from({ length: mentors }, (_, i) => {
    const p = person(`m${i}`);
    const slots = Array.from({ length: int(1, 2) }, (_, k) => {
      const day = int(0, 1);
      const hour = int(7, 17);
      return { id: `s${k}`, size: int(1, 3), times: [[[day * DAY + hour * 60, day * DAY + hour * 60 + 60] as [number, number]]] };
    });
    return {
      ...p,
      expertise: random() < 0.5 ? ['foundations'] : [],
      countries: random() < 0.4 ? [pick(COUNTRIES)] : [],
      regions: random() < 0.5 ? [pick(['011', '014', '002'])] : [],
      tags: random() < 0.4 ? ['senior'] : [],
      capacity: int(1, 4),
      slots,
    };
  });
  return {
    rules: {
      mode,
      languages: some(LANGS),
      excludeSameCountry: random() < 0.3,
      courseIds: ['foundations'],
      tags: random() < 0.7 ? ['senior'] : [],
      minOverlapMinutes: pick([0, 30, 60, 120]),
      weights: { expertise: int(0, 60), region: int(0, 40), overlap: int(0, 30), tags: int(0, 20), load: int(0, 15) },
    },
    learners: ls,
    mentors: ms,
  };
}

/** A place a learner can take: a mentor's slot (group) or the mentor (one to one). */
export interface Place {
  mentor: MatchMentor;
  slotId: string | null;
  size: number;
}

export function placesOf(input: MatchInput): Place[] {
  return input.mentors.flatMap((m): Place[] =>
    input.rules.mode === 'group' ? m.slots.map((s) => ({ mentor: m, slotId: s.id, size: s.size })) : [{ mentor: m, slotId: null, size: m.capacity }],
  );
}

/** What an answer is worth, lexicographically: every placed learner first, then fit. */
export const worth = (totals: { matched: number; fit: number }, big: number) => big * totals.matched + totals.fit;
