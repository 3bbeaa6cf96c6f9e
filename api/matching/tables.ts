import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from '../auth/tables.ts';
import { cohorts } from '../programs/tables.ts';

export const MATCH_MODES = ['group', 'one-to-one'] as const;
/** `changes`: keep approved pairs, place only new learners and those whose mentor left; `full`: re-match everyone. */
export const MATCH_SCOPES = ['changes', 'full'] as const;
export const MATCH_STATUSES = ['running', 'proposed', 'approved', 'discarded', 'failed'] as const;

/** One run of the matching engine for a cohort: its progress while it runs, then its proposals until approved or discarded. */
export const matchRuns = sqliteTable(
  'match_runs',
  {
    id: text('id').primaryKey(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    /** Runs started together for every cohort of a program share a batch (null: one cohort's own run). */
    batchId: text('batch_id'),
    mode: text('mode', { enum: MATCH_MODES }).notNull(),
    scope: text('scope', { enum: MATCH_SCOPES }).notNull(),
    status: text('status', { enum: MATCH_STATUSES }).notNull(),
    /** While running: the engine's phase and how far it is, 0 to 1. */
    phase: text('phase').notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    /** JSON: totals, greedy totals, optimality and the engine's stats (api/matching/types.ts MatchResult). */
    summary: text('summary').notNull().default('{}'),
    error: text('error'),
    startedBy: text('started_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: text('decided_at'),
  },
  (t) => [index('match_runs_cohort_idx').on(t.cohortId, t.startedAt), index('match_runs_batch_idx').on(t.batchId)],
);

/** What a run proposes for one learner: a mentor (and slot) with the reasons, or the constraint that blocked them. */
export const matchProposals = sqliteTable(
  'match_proposals',
  {
    runId: text('run_id')
      .notNull()
      .references(() => matchRuns.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mentorId: text('mentor_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Group mode: the mentor's slot (api/matching/slots.ts slotKey). */
    slotId: text('slot_id'),
    language: text('language'),
    score: integer('score').notNull().default(0),
    /** JSON Reason[] */
    reasons: text('reasons').notNull().default('[]'),
    /** Unmatched: the first hard constraint that left no mentor (Blocker), and the mentors left after each check (JSON). */
    blocker: text('blocker'),
    remaining: text('remaining'),
    /** 1: an approved pair kept from before (a `changes` run). */
    kept: integer('kept').notNull().default(0),
    /** The manager who moved this learner by hand, if any. */
    overriddenBy: text('overridden_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.learnerId] }), index('match_proposals_mentor_idx').on(t.runId, t.mentorId)],
);
