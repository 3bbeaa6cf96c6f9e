// Named situations, built by hand: what the engine must do and how it explains it, and how
// prepare.ts turns wall-clock times into UTC across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { match } from '../../../api/matching/engine.ts';
import { personRanges, regimesFor, slotRanges } from '../../../api/matching/prepare.ts';
import { slotFits } from '../../../api/matching/scoring.ts';
import { DEFAULT_WEIGHTS, type MatchInput, type MatchLearner, type MatchMentor, type MatchRules } from '../../../api/matching/types.ts';

const DAY = 1440;
const rules: MatchRules = {
  mode: 'group',
  languages: ['en'],
  excludeSameCountry: false,
  courseIds: ['foundations'],
  tags: [],
  minOverlapMinutes: 60,
  weights: DEFAULT_WEIGHTS,
};
const mondayMorning = [[[8 * 60, 12 * 60]]] as MatchLearner['availability'];
const learner = (id: string, extra: Partial<MatchLearner> = {}): MatchLearner => ({
  id,
  languages: ['en'],
  organisationId: null,
  country: 'KE',
  regions: ['014', '202', '002'],
  availability: mondayMorning,
  ...extra,
});
const mentor = (id: string, extra: Partial<MatchMentor> = {}): MatchMentor => ({
  id,
  languages: ['en'],
  organisationId: null,
  country: 'GH',
  availability: mondayMorning,
  expertise: [],
  countries: [],
  regions: [],
  tags: [],
  capacity: 4,
  slots: [{ id: 'mon-9', size: 4, times: [[[9 * 60, 10 * 60]]] }],
  ...extra,
});
const run = (input: Partial<MatchInput>) => match({ rules, learners: [], mentors: [], ...input });

describe('the engine in named situations', () => {
  it('prefers the mentor who knows the course and the country, and says so', () => {
    const result = run({ learners: [learner('amina')], mentors: [mentor('a'), mentor('b', { expertise: ['foundations'], countries: ['KE'] })] });
    expect(result.matches).toEqual([
      {
        learnerId: 'amina',
        mentorId: 'b',
        slotId: 'mon-9',
        language: 'en',
        score: 70,
        reasons: [
          { term: 'expertise', points: 40, detail: { course: 'foundations' } },
          { term: 'region', points: 30, detail: { country: 'KE' } },
        ],
      },
    ]);
    expect(result.optimal).toBe('certified');
  });

  it('never pairs a learner with a mentor from their own organisation, and names that as the reason', () => {
    const result = run({ learners: [learner('amina', { organisationId: 'ke-ict' })], mentors: [mentor('a', { organisationId: 'ke-ict' })] });
    expect(result.matches).toEqual([]);
    expect(result.unmatched).toEqual([
      { learnerId: 'amina', blocker: 'conflict-of-interest', remaining: { language: 1, 'conflict-of-interest': 0, 'same-country': 0, time: 0 } },
    ]);
  });

  it('names the language, the country rule and the time when each is what blocks', () => {
    expect(run({ learners: [learner('x', { languages: ['fr'] })], mentors: [mentor('a')] }).unmatched[0]!.blocker).toBe('language');
    expect(
      run({ rules: { ...rules, excludeSameCountry: true }, learners: [learner('x', { country: 'GH' })], mentors: [mentor('a')] }).unmatched[0]!.blocker,
    ).toBe('same-country');
    expect(run({ learners: [learner('x', { availability: [[[DAY + 8 * 60, DAY + 12 * 60]]] })], mentors: [mentor('a')] }).unmatched[0]!.blocker).toBe('time');
    expect(run({ learners: [learner('x')], mentors: [] }).unmatched[0]!.blocker).toBe('no-mentors');
  });

  it('places two learners rather than one better pair, where one mentor is the only choice of one of them', () => {
    // a suits both better, but only a fits x's time; greedy in id order gives a to w and leaves x out.
    const a = mentor('a', { capacity: 1, expertise: ['foundations'], slots: [{ id: 'mon-9', size: 1, times: [[[9 * 60, 10 * 60]]] }] });
    const b = mentor('b', { slots: [{ id: 'mon-11', size: 1, times: [[[11 * 60, 12 * 60]]] }] });
    const w = learner('w');
    const x = learner('x', { availability: [[[8 * 60, 10 * 60]]] });
    const result = run({ learners: [w, x], mentors: [a, b] });
    expect(result.totals.matched).toBe(2);
    expect(result.greedy.matched).toBe(1);
    expect(result.matches.map((m) => `${m.learnerId}→${m.mentorId}`)).toEqual(['x→a', 'w→b']);
  });

  it('spreads the load: a mentor’s second mentee costs the load weight', () => {
    const result = run({ learners: [learner('p'), learner('q')], mentors: [mentor('a'), mentor('b')] });
    expect(new Set(result.matches.map((m) => m.mentorId))).toEqual(new Set(['a', 'b']));
    const crowded = run({ learners: [learner('p'), learner('q')], mentors: [mentor('a')] });
    expect(crowded.matches.map((m) => m.score)).toEqual([0, -DEFAULT_WEIGHTS.load]);
    expect(crowded.matches[1]!.reasons).toEqual([{ term: 'load', points: -DEFAULT_WEIGHTS.load, detail: { rank: 2 } }]);
  });

  it('keeps approved pairs, counts them against capacity and places only the newcomer', () => {
    const a = mentor('a', { capacity: 1 });
    const b = mentor('b');
    const result = run({ learners: [learner('old'), learner('new')], mentors: [a, b], fixed: [{ learnerId: 'old', mentorId: 'a', slotId: 'mon-9' }] });
    expect(result.totals.matched).toBe(1);
    expect(result.matches.find((m) => m.learnerId === 'new')!.mentorId).toBe('b');
    expect(result.matches.find((m) => m.learnerId === 'old')!.mentorId).toBe('a');
  });

  it('one to one: earns overlap points and refuses a pair under the least overlap', () => {
    const one = { ...rules, mode: 'one-to-one' as const };
    const result = run({ rules: one, learners: [learner('x', { availability: [[[9 * 60, 10 * 60]]] })], mentors: [mentor('a')] });
    expect(result.matches[0]!.reasons).toEqual([{ term: 'overlap', points: Math.round((DEFAULT_WEIGHTS.overlap * 60) / 180), detail: { minutes: 60 } }]);
    const short = run({ rules: one, learners: [learner('x', { availability: [[[9 * 60, 9 * 60 + 30]]] })], mentors: [mentor('a')] });
    expect(short.unmatched[0]!.blocker).toBe('time');
  });
});

describe('times across zones and daylight saving (prepare.ts)', () => {
  // Europe/Paris moves to summer time on 29 March 2026; Africa/Lagos (UTC+1) never does.
  const zones = ['Europe/Paris', 'Africa/Lagos'];

  it('splits a cohort that spans a clock change into regimes, and keeps one where nothing changes', () => {
    expect(regimesFor(zones, '2026-03-02', '2026-04-27').length).toBeGreaterThanOrEqual(2);
    expect(regimesFor(zones, '2026-05-04', '2026-06-29')).toHaveLength(1);
    expect(regimesFor(['Africa/Nairobi', 'Africa/Lagos'], '2026-03-02', '2026-04-27')).toHaveLength(1);
  });

  it('a Paris 10:00 slot fits a Lagos learner free 09:00–11:00 local all spring, one free only 10:00–11:00 only in winter', () => {
    const refs = regimesFor(zones, '2026-03-02', '2026-04-27');
    const slot = { id: 's', size: 4, times: slotRanges({ weekday: 1, start: '10:00', minutes: 60 }, 'Europe/Paris', refs) };
    const wide = learner('wide', { availability: personRanges([{ weekday: 1, start: '09:00', end: '11:00' }], 'Africa/Lagos', refs) });
    const narrow = learner('narrow', { availability: personRanges([{ weekday: 1, start: '10:00', end: '11:00' }], 'Africa/Lagos', refs) });
    // In winter Paris 10:00 is 09:00 UTC = 10:00 Lagos; in summer it is 08:00 UTC = 09:00 Lagos.
    expect(slotFits(wide, slot)).toBe(true);
    expect(slotFits(narrow, slot)).toBe(false);
  });

  it('a slot that runs past the mentor’s midnight continues on the next day', () => {
    const refs = regimesFor(['UTC'], '2026-05-04', '2026-05-25');
    expect(slotRanges({ weekday: 7, start: '23:30', minutes: 60 }, 'UTC', refs)).toEqual([
      [
        [0, 30],
        [6 * DAY + 23 * 60 + 30, 7 * DAY],
      ],
    ]);
  });
});
