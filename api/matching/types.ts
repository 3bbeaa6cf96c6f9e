// The matching engine's input and output: plain data, no framework or database imports.
// The engine (engine.ts) reads a MatchInput and returns a MatchResult; prepare.ts builds the input
// from profiles in their own time zones; the API stores runs and proposals around it.
import type { WeekRange } from '#core/schedule/availability.ts';

export type MatchMode = 'group' | 'one-to-one';

/** How much each soft term is worth, in points (integers, 0 to 100). */
export interface MatchWeights {
  /** The mentor's expertise includes the cohort's course. */
  expertise: number;
  /** The mentor knows the learner's country (full points) or one of its regions (half). */
  region: number;
  /** One-to-one: weekly minutes learner and mentor share, full points at OVERLAP_FULL_MINUTES. */
  overlap: number;
  /** Share of the program's valued tags the mentor carries. */
  tags: number;
  /** Load spread: the k-th mentee of a mentor costs load × (k − 1) points (convex). */
  load: number;
}

export const DEFAULT_WEIGHTS: MatchWeights = { expertise: 40, region: 30, overlap: 20, tags: 10, load: 4 };

/** One-to-one: weekly overlap that earns the full overlap points. */
export const OVERLAP_FULL_MINUTES = 180;

export interface MatchRules {
  mode: MatchMode;
  /** Working languages this run allows (the cohort's locale, or others the program allows): learner and mentor must share one. */
  languages: readonly string[];
  /** Hard, per program: no mentor from the learner's own country. */
  excludeSameCountry: boolean;
  /** The cohort's course(s): mentors whose expertise includes one earn the expertise term. */
  courseIds: readonly string[];
  /** Tags the program values (for example 'senior'). Empty: the tags term is 0 for everyone. */
  tags: readonly string[];
  /** One-to-one, hard: the least weekly overlap in minutes (in every regime) for a pair to be possible. */
  minOverlapMinutes: number;
  weights: MatchWeights;
}

/**
 * UTC week ranges, one list per regime. A regime is a stretch of the cohort's weeks in which every
 * time zone in the input keeps the same UTC offset (daylight saving splits a cohort into two or
 * three). Every person and slot in one input has the same number of regimes, in the same order.
 * A slot fits a learner only if it lies inside the learner's availability in every regime.
 */
export type RegimeRanges = readonly (readonly WeekRange[])[];

export interface MatchPerson {
  id: string;
  /** Locale codes the person works in. */
  languages: readonly string[];
  organisationId: string | null;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  country: string | null;
  availability: RegimeRanges;
}

export interface MatchLearner extends MatchPerson {
  /** M49 codes of every region the learner's country belongs to (sub-region, region, groups). */
  regions: readonly string[];
}

/** A weekly group meeting a mentor offers. */
export interface MatchSlot {
  id: string;
  /** The meeting's UTC ranges per regime (two ranges when it crosses Monday 00:00Z). */
  times: RegimeRanges;
  /** The most learners in this slot. */
  size: number;
}

export interface MatchMentor extends MatchPerson {
  /** Course ids. */
  expertise: readonly string[];
  /** ISO alpha-2 countries the mentor knows. */
  countries: readonly string[];
  /** M49 region codes the mentor knows. */
  regions: readonly string[];
  tags: readonly string[];
  /** The most mentees at once, over all slots. */
  capacity: number;
  /** Group mode only; ignored one-to-one. */
  slots: readonly MatchSlot[];
}

/** An approved pair to keep as it is: it uses up its place and counts towards the mentor's load. */
export interface FixedPair {
  learnerId: string;
  mentorId: string;
  /** Group mode: the slot; one-to-one: null. */
  slotId: string | null;
}

export interface MatchInput {
  rules: MatchRules;
  learners: readonly MatchLearner[];
  mentors: readonly MatchMentor[];
  /** Learners listed here are not re-matched; they may or may not also appear in `learners`. */
  fixed?: readonly FixedPair[];
}

export type FitTerm = keyof MatchWeights;

/** One line of a match's explanation: a term and the points it gave (load is negative). */
export interface Reason {
  term: FitTerm;
  points: number;
  /** What earned it, for the page to phrase: the course, the country or region code, the shared tags, the overlap minutes, the mentee's rank k. */
  detail: { course?: string; country?: string; region?: string; tags?: string[]; minutes?: number; rank?: number };
}

export interface Match {
  learnerId: string;
  mentorId: string;
  slotId: string | null;
  /** The shared working language that made the pair possible (the first allowed one both speak). */
  language: string;
  /** Sum of the reasons' points. */
  score: number;
  reasons: Reason[];
}

/** Why a learner got no mentor: the first hard constraint, in this order, that left them no candidate. 'capacity': candidates existed but their places went to others (a bigger total). */
export type Blocker = 'no-mentors' | 'language' | 'conflict-of-interest' | 'same-country' | 'time' | 'capacity';

export const BLOCKERS: readonly Blocker[] = ['no-mentors', 'language', 'conflict-of-interest', 'same-country', 'time', 'capacity'];

export interface Unmatched {
  learnerId: string;
  blocker: Blocker;
  /** How many mentors were still possible after each check, in BLOCKERS order (without 'no-mentors'). */
  remaining: { language: number; 'conflict-of-interest': number; 'same-country': number; time: number };
}

export interface MatchTotals {
  matched: number;
  /** Sum of every match's score (load costs included). */
  fit: number;
}

export interface MatchResult {
  /** Sorted by mentor id, then slot id, then learner id. */
  matches: Match[];
  /** Sorted by learner id. */
  unmatched: Unmatched[];
  totals: MatchTotals;
  /** The same input solved greedily (learners in id order, each to their best free place), for comparison. */
  greedy: MatchTotals;
  /** 'certified': the optimum was proved on the full instance (every feasible pair), by the final potentials. */
  optimal: 'certified';
  /** Sizes: the full instance's feasible pairs, and the classes and arcs the flow was solved on (classes.ts). */
  stats: { learners: number; mentors: number; places: number; candidatePairs: number; classes: number; flowArcs: number; solveMs: number };
}

/** Progress of a long run: the phase and how far it is, 0 to 1. */
export type MatchProgress = (phase: 'candidates' | 'solving' | 'certifying' | 'explaining', fraction: number) => void;
