// The hard constraints and the soft fit of one placement, shared by the engine, its greedy
// baseline and the manager's overrides, so all three judge a pair the same way.
import { overlapMinutes } from '#core/schedule/availability.ts';
import { within } from './prepare.ts';
import { type Blocker, type MatchLearner, type MatchMentor, type MatchRules, type MatchSlot, OVERLAP_FULL_MINUTES, type Reason } from './types.ts';

/** The first working language of the run that both speak, or null. */
export function sharedLanguage(rules: MatchRules, learner: MatchLearner, mentor: MatchMentor): string | null {
  return rules.languages.find((l) => learner.languages.includes(l) && mentor.languages.includes(l)) ?? null;
}

export const conflictOfInterest = (learner: MatchLearner, mentor: MatchMentor) =>
  learner.organisationId !== null && mentor.organisationId !== null && learner.organisationId === mentor.organisationId;

export const sameCountry = (rules: MatchRules, learner: MatchLearner, mentor: MatchMentor) =>
  rules.excludeSameCountry && learner.country !== null && mentor.country !== null && learner.country === mentor.country;

/** The least weekly overlap, in minutes, over the regimes. */
export function leastOverlap(learner: MatchLearner, mentor: MatchMentor): number {
  let least = Number.POSITIVE_INFINITY;
  learner.availability.forEach((ranges, r) => {
    least = Math.min(least, overlapMinutes(ranges, mentor.availability[r] ?? []));
  });
  return Number.isFinite(least) ? least : 0;
}

/** Group mode: the slot lies inside the learner's availability in every regime. */
export function slotFits(learner: MatchLearner, slot: MatchSlot): boolean {
  return slot.times.length > 0 && slot.times.every((times, r) => times.length > 0 && within(times, learner.availability[r] ?? []));
}

/** The hard constraint (other than capacity) this placement breaks, in BLOCKERS order, or null. */
export function hardBlocker(
  rules: MatchRules,
  learner: MatchLearner,
  mentor: MatchMentor,
  slot: MatchSlot | null,
): Exclude<Blocker, 'capacity' | 'no-mentors'> | null {
  if (learner.id === mentor.id || !sharedLanguage(rules, learner, mentor)) return 'language';
  if (conflictOfInterest(learner, mentor)) return 'conflict-of-interest';
  if (sameCountry(rules, learner, mentor)) return 'same-country';
  if (rules.mode === 'group') return slot && slotFits(learner, slot) ? null : 'time';
  return leastOverlap(learner, mentor) >= rules.minOverlapMinutes ? null : 'time';
}

/** The soft terms without load: what the pair is worth whoever else the mentor takes. */
export function fitReasons(rules: MatchRules, learner: MatchLearner, mentor: MatchMentor): Reason[] {
  const reasons = baseReasons(rules, learner, mentor);
  if (rules.mode === 'one-to-one') {
    const overlap = overlapReason(rules, leastOverlap(learner, mentor));
    if (overlap) reasons.push(overlap);
  }
  return reasons;
}

/** One to one: the overlap term for `minutes` of weekly time free together, or null when it earns nothing. */
export function overlapReason(rules: MatchRules, minutes: number): Reason | null {
  const points = Math.round((rules.weights.overlap * Math.min(minutes, OVERLAP_FULL_MINUTES)) / OVERLAP_FULL_MINUTES);
  return points > 0 ? { term: 'overlap', points, detail: { minutes } } : null;
}

/**
 * Expertise, region and tags: they depend only on the mentor and the learner's country (regions
 * follow from it), so the engine computes them once per mentor and country.
 */
export function baseReasons(rules: MatchRules, learner: Pick<MatchLearner, 'country' | 'regions'>, mentor: MatchMentor): Reason[] {
  const w = rules.weights;
  const reasons: Reason[] = [];
  const course = rules.courseIds.find((c) => mentor.expertise.includes(c));
  if (course && w.expertise > 0) reasons.push({ term: 'expertise', points: w.expertise, detail: { course } });
  if (learner.country && mentor.countries.includes(learner.country)) {
    if (w.region > 0) reasons.push({ term: 'region', points: w.region, detail: { country: learner.country } });
  } else {
    const region = learner.regions.find((r) => mentor.regions.includes(r));
    const points = Math.round(w.region / 2);
    if (region && points > 0) reasons.push({ term: 'region', points, detail: { region } });
  }
  if (rules.tags.length > 0 && w.tags > 0) {
    const tags = rules.tags.filter((t) => mentor.tags.includes(t));
    const points = Math.round((w.tags * tags.length) / rules.tags.length);
    if (points > 0) reasons.push({ term: 'tags', points, detail: { tags } });
  }
  return reasons;
}

export const fitOf = (rules: MatchRules, learner: MatchLearner, mentor: MatchMentor) => fitReasons(rules, learner, mentor).reduce((n, r) => n + r.points, 0);

/** The k-th mentee of a mentor (k from 1) costs load × (k − 1). */
export const loadCost = (rules: MatchRules, rank: number) => rules.weights.load * (rank - 1);

/** The placement's score and reasons when the learner is the mentor's `rank`-th mentee. */
export function scorePlacement(rules: MatchRules, learner: MatchLearner, mentor: MatchMentor, _slot: MatchSlot | null, rank: number) {
  const reasons = fitReasons(rules, learner, mentor);
  const load = loadCost(rules, rank);
  if (load > 0) reasons.push({ term: 'load', points: -load, detail: { rank } });
  return { score: reasons.reduce((n, r) => n + r.points, 0), reasons, language: sharedLanguage(rules, learner, mentor) };
}
