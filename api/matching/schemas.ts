// Request and response shapes of the matching capability.
import { z } from '@hono/zod-openapi';
import { BLOCKERS } from './types.ts';
import { MATCH_MODES, MATCH_SCOPES, MATCH_STATUSES } from './tables.ts';

export const id = z.uuid({ message: 'Use the id the API gave you.' });

const Weights = z.object({ expertise: z.number(), region: z.number(), overlap: z.number(), tags: z.number(), load: z.number() }).openapi('MatchWeights');

export const Rules = z
  .object({
    mode: z.enum(MATCH_MODES),
    extraLanguages: z.array(z.string()),
    excludeSameCountry: z.boolean(),
    tags: z.array(z.string()),
    minOverlapMinutes: z.number().int(),
    weights: Weights,
  })
  .openapi('ProgramMatchingRules');

export const RunBody = z
  .object({
    mode: z.enum(MATCH_MODES).optional().describe('Default: the program’s mode'),
    scope: z
      .enum(MATCH_SCOPES)
      .default('changes')
      .describe('changes: keep approved pairs and place only new learners (and those whose mentor left); full: re-match everyone'),
  })
  .strict()
  .openapi('MatchRunBody');

const Totals = z.object({ matched: z.number().int(), fit: z.number() });

export const Run = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    batchId: z.string().nullable().describe('Set when the run is one cohort of a program-wide batch'),
    mode: z.enum(MATCH_MODES),
    scope: z.enum(MATCH_SCOPES),
    status: z.enum(MATCH_STATUSES),
    phase: z.string(),
    progress: z.number().int().describe('0 to 100'),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    error: z.string().nullable(),
    summary: z
      .object({
        totals: Totals,
        greedy: Totals,
        optimal: z.literal('certified'),
        stats: z.object({
          learners: z.number(),
          mentors: z.number(),
          places: z.number(),
          candidatePairs: z.number(),
          classes: z.number().optional(),
          flowArcs: z.number().optional(),
          solveMs: z.number(),
        }),
      })
      .partial(),
  })
  .openapi('MatchRun');

export const ProgramBatch = z
  .object({
    batchId: z.string().nullable().describe('null: no program-wide matching has been run'),
    runs: z.array(Run.extend({ cohortName: z.string() })).describe('One run per cohort, in the order they are solved (earliest start first)'),
  })
  .openapi('ProgramMatchingBatch');

const Reason = z.object({ term: z.string(), points: z.number(), detail: z.record(z.string(), z.unknown()) }).openapi('MatchReason');

const Person = z.object({ id: z.string(), name: z.string(), country: z.string().nullable() });

export const Proposal = z
  .object({
    learner: Person,
    mentorId: z.string().nullable(),
    slotId: z.string().nullable(),
    language: z.string().nullable(),
    score: z.number(),
    reasons: z.array(Reason),
    blocker: z.enum(BLOCKERS).nullable(),
    remaining: z.record(z.string(), z.number()).nullable(),
    kept: z.boolean().describe('An approved pair kept from before'),
    overridden: z.boolean(),
    incompleteProfile: z.boolean().describe('The learner has no time zone or no weekly availability'),
  })
  .openapi('MatchProposal');

const Slot = z.object({
  id: z.string(),
  weekday: z.number().int(),
  start: z.string(),
  minutes: z.number().int(),
  size: z.number().int(),
  startsAt: z.string().nullable().describe('The first meeting in the cohort, as a UTC instant'),
});

export const RunDetail = z
  .object({
    run: Run,
    cohort: z.object({ id: z.string(), name: z.string(), locale: z.string(), courseId: z.string(), programId: z.string() }),
    mentors: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        country: z.string().nullable(),
        timeZone: z.string().nullable(),
        capacity: z.number().int().describe('Places left for this cohort'),
        slots: z.array(Slot),
        learners: z.array(Proposal),
      }),
    ),
    unmatched: z.array(Proposal),
  })
  .openapi('MatchRunDetail');

export const OverrideBody = z
  .object({
    mentorId: id.nullable().describe('Null: leave the learner without a mentor'),
    slotId: z.string().max(10).nullable().default(null).describe('Group mode: the mentor’s slot'),
    confirm: z.boolean().default(false).describe('Accept a placement that scores lower than the engine’s'),
  })
  .strict()
  .openapi('MatchOverrideBody');
