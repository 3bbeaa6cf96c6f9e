// From what the database holds about a cohort to the engine's input, and from the engine's result
// back to proposals. Plain TypeScript: no Hono, no drizzle.
import { regionsOf } from '#core/regions/index.ts';
import type { AvailabilityWindow } from '#core/schedule/availability.ts';
import { slotKey, type GroupSlot } from '../profiles/rules.ts';
import { personRanges, regimesFor, slotRanges } from './prepare.ts';
import type { ProgramMatchingRules } from './rules.ts';
import { cohortRules } from './rules.ts';
import type { FixedPair, MatchInput, MatchLearner, MatchMentor, MatchMode, MatchResult } from './types.ts';

/** A person as the store reads them (api/profiles/store.ts PersonProfile, structurally). */
export interface PersonRecord {
  user: { id: string; name: string; country: string | null };
  profile: { organisation: { id: string } | null; languages: readonly string[]; timeZone: string | null; availability: readonly AvailabilityWindow[] };
  mentorProfile: {
    expertise: readonly string[];
    tags: readonly string[];
    countries: readonly string[];
    regions: readonly string[];
    capacity: number;
    groupSlots: readonly GroupSlot[];
  } | null;
}

export interface SnapshotData {
  cohort: { id: string; locale: string; courseId: string; startsOn: string; endsOn: string };
  rules: ProgramMatchingRules;
  learners: readonly PersonRecord[];
  mentors: readonly PersonRecord[];
  groups: ReadonlyArray<{ id: string; mentorId: string; slotId: string; source: 'manual' | 'matching'; learnerIds: readonly string[] }>;
  busyElsewhere: ReadonlyMap<string, { mentees: number; slotIds: ReadonlySet<string> }>;
}

export type MatchScope = 'changes' | 'full';

export interface PreparedRun {
  input: MatchInput;
  /** Learners who keep their approved mentor (scope `changes`). */
  kept: Set<string>;
  /** Learners in a group whose mentor can no longer mentor: they are matched again and leave that group. */
  orphaned: Set<string>;
  /** Learners with no time zone or no weekly availability on their profile (their blocker is then likely 'time'). */
  incomplete: Set<string>;
}

/**
 * The engine's input for one cohort. Scope `changes` keeps every learner already in a group with a
 * current mentor (they are fixed pairs); `full` re-matches everyone. Mentors' places and slots
 * already taken by groups in other cohorts running at the same time are left out.
 */
export function prepareRun(data: SnapshotData, mode: MatchMode, scope: MatchScope): PreparedRun {
  const rules = cohortRules(data.rules, data.cohort, mode);
  const mentorIds = new Set(data.mentors.filter((m) => m.mentorProfile).map((m) => m.user.id));
  const zones = [...data.learners, ...data.mentors].flatMap((p) => (p.profile.timeZone ? [p.profile.timeZone] : []));
  const refs = regimesFor([...new Set(zones)], data.cohort.startsOn, data.cohort.endsOn);
  const none = refs.map(() => []);
  const ranges = (p: PersonRecord) => (p.profile.timeZone ? personRanges([...p.profile.availability], p.profile.timeZone, refs) : none);

  const kept = new Set<string>();
  const orphaned = new Set<string>();
  const fixed: FixedPair[] = [];
  for (const g of data.groups) {
    for (const learnerId of g.learnerIds) {
      if (!mentorIds.has(g.mentorId)) orphaned.add(learnerId);
      else if (scope === 'changes') {
        kept.add(learnerId);
        const offered = data.mentors.find((m) => m.user.id === g.mentorId)?.mentorProfile?.groupSlots.some((s) => slotKey(s) === g.slotId);
        fixed.push({ learnerId, mentorId: g.mentorId, slotId: mode === 'group' && offered ? g.slotId : null });
      }
    }
  }

  const asLearner = (p: (typeof data.learners)[number]): MatchLearner => ({
    id: p.user.id,
    languages: p.profile.languages,
    organisationId: p.profile.organisation?.id ?? null,
    country: p.user.country,
    regions: p.user.country ? regionsOf(p.user.country) : [],
    availability: ranges(p),
  });
  const learners = data.learners.filter((p) => !kept.has(p.user.id)).map(asLearner);
  const keptLearners = data.learners.filter((p) => kept.has(p.user.id)).map(asLearner);
  const mentors: MatchMentor[] = data.mentors.flatMap((p) => {
    const mp = p.mentorProfile;
    if (!mp) return [];
    const busy = data.busyElsewhere.get(p.user.id);
    const tz = p.profile.timeZone;
    return [
      {
        id: p.user.id,
        languages: p.profile.languages,
        organisationId: p.profile.organisation?.id ?? null,
        country: p.user.country,
        availability: ranges(p),
        expertise: mp.expertise,
        countries: mp.countries,
        regions: mp.regions,
        tags: mp.tags,
        capacity: Math.max(0, mp.capacity - (busy?.mentees ?? 0)),
        slots:
          mode === 'group' && tz
            ? mp.groupSlots
                .filter((s) => !busy?.slotIds.has(slotKey(s)))
                .map((s) => ({ id: slotKey(s), size: s.size, times: slotRanges({ weekday: s.weekday, start: s.start, minutes: s.minutes }, tz, refs) }))
            : [],
      },
    ];
  });
  const incomplete = new Set(data.learners.filter((p) => !p.profile.timeZone || p.profile.availability.length === 0).map((p) => p.user.id));
  // Kept learners are listed too, so their fixed pairs' reasons can be explained.
  return { input: { rules, learners: [...learners, ...keptLearners], mentors, fixed }, kept, orphaned, incomplete };
}

/** One proposal per learner of the run, matched or not (api/matching/store.ts NewProposal, structurally). */
export function proposalsFrom(result: MatchResult, kept: ReadonlySet<string>) {
  return [
    ...result.matches.map((m) => ({
      learnerId: m.learnerId,
      mentorId: m.mentorId,
      slotId: m.slotId,
      language: m.language,
      score: m.score,
      reasons: m.reasons,
      blocker: null,
      remaining: null,
      kept: kept.has(m.learnerId),
    })),
    ...result.unmatched.map((u) => ({
      learnerId: u.learnerId,
      mentorId: null,
      slotId: null,
      language: null,
      score: 0,
      reasons: [],
      blocker: u.blocker,
      remaining: u.remaining,
      kept: false,
    })),
  ];
}
