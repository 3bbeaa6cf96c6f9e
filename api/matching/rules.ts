// A program's matching rules: what the manager may set, its defaults, and the engine rules for one
// cohort's run. Plain TypeScript and zod, no Hono or database imports.
import { z } from 'zod';
import { LOCALES } from '#core/locales.ts';
import { regionCovers } from '#core/regions/index.ts';
import { DEFAULT_WEIGHTS, type MatchMode, type MatchRules, type MatchWeights } from './types.ts';

export interface ProgramMatchingRules {
  /** How cohorts of this program are mentored unless a run says otherwise. */
  mode: MatchMode;
  /** Working languages allowed besides each cohort's own locale. */
  extraLanguages: string[];
  /** No mentor from the learner's own country. */
  excludeSameCountry: boolean;
  /** Mentor tags this program values. */
  tags: string[];
  /** One-to-one: the least weekly overlap in minutes for a pair to be possible. */
  minOverlapMinutes: number;
  weights: MatchWeights;
}

export const DEFAULT_PROGRAM_RULES: ProgramMatchingRules = {
  mode: 'group',
  extraLanguages: [],
  excludeSameCountry: false,
  tags: [],
  minOverlapMinutes: 60,
  weights: DEFAULT_WEIGHTS,
};

const LOCALE_CODES = LOCALES.map((l) => l.code) as [string, ...string[]];
const weight = z.number().int('Weights are whole numbers.').min(0, 'Weights run from 0 to 100.').max(100, 'Weights run from 0 to 100.');

/** What a manager sends; every field optional (omitted: kept). */
export const programRulesPatchSchema = z
  .object({
    mode: z.enum(['group', 'one-to-one']),
    extraLanguages: z.array(z.enum(LOCALE_CODES, { message: 'Choose one of the site’s languages.' })).max(LOCALE_CODES.length),
    excludeSameCountry: z.boolean(),
    tags: z.array(z.string().trim().min(1, 'A tag cannot be empty.').max(40, 'Tags have at most 40 characters.')).max(12, 'At most 12 tags.'),
    minOverlapMinutes: z.number().int().min(0, 'From 0 minutes.').max(600, 'At most 600 minutes.'),
    weights: z.object({ expertise: weight, region: weight, overlap: weight, tags: weight, load: weight }).partial(),
  })
  .partial()
  .strict();

export type ProgramRulesPatch = z.infer<typeof programRulesPatchSchema>;

/** The stored JSON read with defaults filled in; damaged or unknown values fall back to the default. */
export function readProgramRules(json: string | null | undefined): ProgramMatchingRules {
  let stored: unknown = {};
  try {
    stored = JSON.parse(json ?? '{}');
  } catch {
    stored = {};
  }
  const parsed = programRulesPatchSchema.safeParse(stored);
  return applyRulesPatch(DEFAULT_PROGRAM_RULES, parsed.success ? parsed.data : {});
}

export function applyRulesPatch(rules: ProgramMatchingRules, patch: ProgramRulesPatch): ProgramMatchingRules {
  return {
    mode: patch.mode ?? rules.mode,
    extraLanguages: patch.extraLanguages ? [...new Set(patch.extraLanguages)] : rules.extraLanguages,
    excludeSameCountry: patch.excludeSameCountry ?? rules.excludeSameCountry,
    tags: patch.tags ? [...new Set(patch.tags.map((t) => t.trim()))] : rules.tags,
    minOverlapMinutes: patch.minOverlapMinutes ?? rules.minOverlapMinutes,
    weights: { ...rules.weights, ...stripUndefined(patch.weights ?? {}) },
  };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/** The engine's rules for one cohort: its own locale first, then the program's extra languages. */
export function cohortRules(program: ProgramMatchingRules, cohort: { locale: string; courseId: string }, mode: MatchMode = program.mode): MatchRules {
  return {
    mode,
    languages: [...new Set([cohort.locale, ...program.extraLanguages])],
    excludeSameCountry: program.excludeSameCountry,
    courseIds: [cohort.courseId],
    tags: program.tags,
    minOverlapMinutes: program.minOverlapMinutes,
    weights: program.weights,
  };
}

/**
 * Whether a mentor is available to a program: their profile names a region or country that lies
 * within one of the program's regions, or a region that contains one (a mentor who knows Africa
 * serves a Western Africa program; one who knows Ghana does too). Everyone else is left out.
 */
export function servesProgram(mentor: { regions: readonly string[]; countries: readonly string[] }, programRegions: readonly string[]): boolean {
  const known = [...mentor.regions, ...mentor.countries];
  return programRegions.some((area) => known.some((k) => regionCovers(area, k) || regionCovers(k, area)));
}
