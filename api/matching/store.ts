import { and, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { auditLog } from '../admin/tables.ts';
import { cohortMembers, cohorts, programRegions, programs } from '../programs/tables.ts';
import { groupMembers, meetings, mentorGroups } from '../mentoring/tables.ts';
import { type PersonProfile, profilesOf } from '../profiles/store.ts';
import type { Blocker, MatchMode, MatchResult, Reason } from './types.ts';
import { type ProgramMatchingRules, readProgramRules, servesProgram } from './rules.ts';
import { matchProposals, matchRuns } from './tables.ts';

/** All of matching's SQL: what a run reads about a cohort, the runs and their proposals, approval. */

export type RunRow = typeof matchRuns.$inferSelect;
export type ProposalRow = typeof matchProposals.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;

export interface CurrentGroup {
  id: string;
  mentorId: string;
  slotId: string;
  source: 'manual' | 'matching';
  learnerIds: string[];
}

/** Everything one cohort's run needs, read in a few queries. */
export interface CohortSnapshot {
  cohort: CohortRow;
  rules: ProgramMatchingRules;
  /** Cohort members (not staff), with their profiles. */
  learners: PersonProfile[];
  /** Accounts with the mentor role whose mentor profile serves the program's regions (rules.ts servesProgram). */
  mentors: PersonProfile[];
  groups: CurrentGroup[];
  /** Per mentor: mentees they already have in other cohorts whose dates overlap this one's, and the slots those groups use. */
  busyElsewhere: Map<string, { mentees: number; slotIds: Set<string> }>;
}

/**
 * What a run reads about its cohort. A run of a program-wide batch also counts, as taken, the
 * places and slots the batch's other cohorts are proposed (not yet approved), so that approving
 * every cohort of the batch never gives a mentor more than they offered.
 */
export async function cohortSnapshot(db: Database, cohortId: string, batchId: string | null = null): Promise<CohortSnapshot | null> {
  const [row] = await db
    .select({ cohort: cohorts, rules: programs.matchingRules })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(eq(cohorts.id, cohortId));
  if (!row) return null;
  const { cohort } = row;
  const [memberRows, mentorRows, groupRows, memberOfGroups, elsewhere, regionRows, batchRows] = await Promise.all([
    db.select({ id: cohortMembers.userId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId)),
    db.select({ id: users.id }).from(users).where(eq(users.role, 'mentor')),
    db.select().from(mentorGroups).where(eq(mentorGroups.cohortId, cohortId)),
    db.select({ groupId: groupMembers.groupId, learnerId: groupMembers.learnerId }).from(groupMembers).where(eq(groupMembers.cohortId, cohortId)),
    // Groups in other cohorts that run at the same time take a mentor's places and slots.
    db
      .select({ mentorId: mentorGroups.mentorId, slotId: mentorGroups.slotId, mentees: sql<number>`count(${groupMembers.learnerId})` })
      .from(mentorGroups)
      .innerJoin(cohorts, eq(cohorts.id, mentorGroups.cohortId))
      .leftJoin(groupMembers, eq(groupMembers.groupId, mentorGroups.id))
      .where(and(ne(mentorGroups.cohortId, cohortId), lte(cohorts.startsOn, cohort.endsOn), gte(cohorts.endsOn, cohort.startsOn)))
      .groupBy(mentorGroups.id),
    db.select({ region: programRegions.region }).from(programRegions).where(eq(programRegions.programId, cohort.programId)),
    batchId === null
      ? Promise.resolve([])
      : db
          .select({ mentorId: matchProposals.mentorId, slotId: matchProposals.slotId, mentees: sql<number>`count(*)` })
          .from(matchProposals)
          .innerJoin(matchRuns, eq(matchRuns.id, matchProposals.runId))
          .innerJoin(cohorts, eq(cohorts.id, matchRuns.cohortId))
          .where(
            and(
              eq(matchRuns.batchId, batchId),
              eq(matchRuns.status, 'proposed'),
              ne(matchRuns.cohortId, cohortId),
              // Kept pairs are groups already, counted above.
              eq(matchProposals.kept, 0),
              lte(cohorts.startsOn, cohort.endsOn),
              gte(cohorts.endsOn, cohort.startsOn),
            ),
          )
          .groupBy(matchProposals.mentorId, matchProposals.slotId),
  ]);
  const staffIds = new Set(mentorRows.map((m) => m.id));
  const profiles = await profilesOf(db, [...memberRows.map((m) => m.id), ...staffIds]);
  const areas = regionRows.map((r) => r.region);
  const mentorIds = new Set(
    [...staffIds].filter((id) => {
      const mp = profiles.get(id)?.mentorProfile;
      return mp !== null && mp !== undefined && servesProgram(mp, areas);
    }),
  );
  const busyElsewhere = new Map<string, { mentees: number; slotIds: Set<string> }>();
  for (const e of [...elsewhere, ...batchRows]) {
    if (!e.mentorId) continue;
    const busy = busyElsewhere.get(e.mentorId) ?? { mentees: 0, slotIds: new Set<string>() };
    busy.mentees += Number(e.mentees);
    if (e.slotId) busy.slotIds.add(e.slotId);
    busyElsewhere.set(e.mentorId, busy);
  }
  return {
    cohort,
    rules: readProgramRules(row.rules),
    learners: memberRows.filter((m) => !staffIds.has(m.id)).flatMap((m) => profiles.get(m.id) ?? []),
    mentors: [...mentorIds].flatMap((id) => profiles.get(id) ?? []),
    groups: groupRows.map((g) => ({
      id: g.id,
      mentorId: g.mentorId,
      slotId: g.slotId,
      source: g.source,
      learnerIds: memberOfGroups.filter((m) => m.groupId === g.id).map((m) => m.learnerId),
    })),
    busyElsewhere,
  };
}

export async function programRulesOf(db: Database, programId: string): Promise<ProgramMatchingRules | null> {
  const [row] = await db.select({ rules: programs.matchingRules }).from(programs).where(eq(programs.id, programId));
  return row ? readProgramRules(row.rules) : null;
}

export async function saveProgramRules(db: Database, programId: string, rules: ProgramMatchingRules, actorId: string, at: Date): Promise<void> {
  await db.batch([
    db
      .update(programs)
      .set({ matchingRules: JSON.stringify(rules) })
      .where(eq(programs.id, programId)),
    audit(db, actorId, 'matching.rules.changed', programId, rules, at),
  ]);
}

function audit(db: Database, actorId: string, action: string, target: string, data: unknown, at: Date) {
  return db.insert(auditLog).values({ actorId, action, target, data: JSON.stringify(data), at: at.toISOString() });
}

export async function createRun(
  db: Database,
  run: { cohortId: string; mode: MatchMode; scope: 'changes' | 'full'; startedBy: string; batchId?: string | null },
  at: Date,
): Promise<RunRow> {
  const id = crypto.randomUUID();
  const [, [row]] = await db.batch([
    audit(db, run.startedBy, 'matching.run.started', run.cohortId, { runId: id, mode: run.mode, scope: run.scope, batchId: run.batchId ?? null }, at),
    db
      .insert(matchRuns)
      .values({ id, ...run, status: 'running', startedAt: at.toISOString() })
      .returning(),
  ]);
  return row!;
}

export async function setRunProgress(db: Database, runId: string, phase: string, fraction: number): Promise<void> {
  await db
    .update(matchRuns)
    .set({ phase, progress: Math.round(Math.min(1, Math.max(0, fraction)) * 100) })
    .where(and(eq(matchRuns.id, runId), eq(matchRuns.status, 'running')));
}

export async function failRun(db: Database, runId: string, error: string, at: Date): Promise<void> {
  await db.update(matchRuns).set({ status: 'failed', error, finishedAt: at.toISOString() }).where(eq(matchRuns.id, runId));
}

export interface NewProposal {
  learnerId: string;
  mentorId: string | null;
  slotId: string | null;
  language: string | null;
  score: number;
  reasons: Reason[];
  blocker: Blocker | null;
  remaining: Record<string, number> | null;
  kept: boolean;
}

/** Stores the proposals (in chunks, reporting progress) and marks the run proposed. */
export async function finishRun(
  db: Database,
  runId: string,
  result: Pick<MatchResult, 'totals' | 'greedy' | 'optimal' | 'stats'>,
  proposals: readonly NewProposal[],
  at: Date,
  progress: (fraction: number) => Promise<void> = async () => {},
): Promise<void> {
  const CHUNK = 400;
  for (let i = 0; i < proposals.length; i += CHUNK) {
    await db.insert(matchProposals).values(
      proposals.slice(i, i + CHUNK).map((p) => ({
        runId,
        learnerId: p.learnerId,
        mentorId: p.mentorId,
        slotId: p.slotId,
        language: p.language,
        score: p.score,
        reasons: JSON.stringify(p.reasons),
        blocker: p.blocker,
        remaining: p.remaining ? JSON.stringify(p.remaining) : null,
        kept: p.kept ? 1 : 0,
      })),
    );
    await progress(Math.min(1, (i + CHUNK) / proposals.length));
  }
  await db
    .update(matchRuns)
    .set({ status: 'proposed', phase: 'done', progress: 100, summary: JSON.stringify(result), finishedAt: at.toISOString() })
    .where(eq(matchRuns.id, runId));
}

export async function runById(db: Database, runId: string): Promise<RunRow | null> {
  const [row] = await db.select().from(matchRuns).where(eq(matchRuns.id, runId));
  return row ?? null;
}

/** A program's cohorts, earliest start first: the order a program-wide batch matches them in. */
export async function cohortsOfProgram(db: Database, programId: string): Promise<CohortRow[]> {
  return db.select().from(cohorts).where(eq(cohorts.programId, programId)).orderBy(cohorts.startsOn, cohorts.id);
}

/** The runs of a program's latest batch, in the order they are solved (their cohorts' start). */
export async function latestBatchOf(db: Database, programId: string): Promise<{ batchId: string; runs: Array<RunRow & { cohortName: string }> } | null> {
  const [latest] = await db
    .select({ batchId: matchRuns.batchId })
    .from(matchRuns)
    .innerJoin(cohorts, eq(cohorts.id, matchRuns.cohortId))
    .where(and(eq(cohorts.programId, programId), sql`${matchRuns.batchId} is not null`))
    .orderBy(desc(matchRuns.startedAt))
    .limit(1);
  if (!latest?.batchId) return null;
  const rows = await db
    .select({ run: matchRuns, cohortName: cohorts.name })
    .from(matchRuns)
    .innerJoin(cohorts, eq(cohorts.id, matchRuns.cohortId))
    .where(eq(matchRuns.batchId, latest.batchId))
    .orderBy(cohorts.startsOn, cohorts.id);
  return { batchId: latest.batchId, runs: rows.map((r) => ({ ...r.run, cohortName: r.cohortName })) };
}

export async function runsOfCohort(db: Database, cohortId: string, limit = 20): Promise<RunRow[]> {
  return db.select().from(matchRuns).where(eq(matchRuns.cohortId, cohortId)).orderBy(desc(matchRuns.startedAt)).limit(limit);
}

export async function proposalsOf(db: Database, runId: string): Promise<ProposalRow[]> {
  return db
    .select()
    .from(matchProposals)
    .where(eq(matchProposals.runId, runId))
    .orderBy(matchProposals.mentorId, matchProposals.slotId, matchProposals.learnerId);
}

/** A manager's override of one learner's proposal; the route has checked it against the hard constraints. */
export async function overrideProposal(
  db: Database,
  runId: string,
  change: Pick<NewProposal, 'learnerId' | 'mentorId' | 'slotId' | 'language' | 'score' | 'reasons' | 'blocker'>,
  actorId: string,
  at: Date,
): Promise<void> {
  const [previous] = await db
    .select()
    .from(matchProposals)
    .where(and(eq(matchProposals.runId, runId), eq(matchProposals.learnerId, change.learnerId)));
  await db.batch([
    db
      .update(matchProposals)
      .set({
        mentorId: change.mentorId,
        slotId: change.slotId,
        language: change.language,
        score: change.score,
        reasons: JSON.stringify(change.reasons),
        blocker: change.blocker,
        remaining: null,
        kept: 0,
        overriddenBy: actorId,
      })
      .where(and(eq(matchProposals.runId, runId), eq(matchProposals.learnerId, change.learnerId))),
    audit(
      db,
      actorId,
      'matching.proposal.overridden',
      runId,
      {
        learnerId: change.learnerId,
        from: previous ? { mentorId: previous.mentorId, slotId: previous.slotId } : null,
        to: { mentorId: change.mentorId, slotId: change.slotId },
      },
      at,
    ),
  ]);
}

export async function discardRun(db: Database, runId: string, actorId: string, at: Date): Promise<void> {
  await db.batch([
    db
      .update(matchRuns)
      .set({ status: 'discarded', decidedBy: actorId, decidedAt: at.toISOString() })
      .where(and(eq(matchRuns.id, runId), inArray(matchRuns.status, ['proposed', 'failed']))),
    audit(db, actorId, 'matching.run.discarded', runId, {}, at),
  ]);
}

export interface GroupMeetingPlan {
  startsAt: string;
  endsAt: string;
  patternDate: string;
}

export interface ApprovalPlan {
  /** Groups to make (mentor, slot) with the learners they get, and, in group mode, their weekly meetings. */
  newGroups: Array<{ id: string; mentorId: string; slotId: string; learnerIds: string[]; meetings: GroupMeetingPlan[] }>;
  /** Learners added to groups that exist already. */
  additions: Array<{ groupId: string; learnerIds: string[] }>;
  /** Learners taken out of their current group first (a full re-match moves people). */
  removals: string[];
  /** Groups made by matching that end up empty. */
  emptiedGroupIds: string[];
  meetingTitle: string;
}

/**
 * Applies an approved run in one batch: memberships, groups and meetings, the run's status, other
 * open runs of the cohort discarded, and the audit entry. Nothing is written if any part fails.
 */
export async function applyApproval(db: Database, run: RunRow, plan: ApprovalPlan, actorId: string, at: Date): Promise<void> {
  const stamp = at.toISOString();
  const cohortId = run.cohortId;
  const writes = [];
  if (plan.removals.length > 0)
    writes.push(db.delete(groupMembers).where(and(eq(groupMembers.cohortId, cohortId), inArray(groupMembers.learnerId, plan.removals))));
  if (plan.emptiedGroupIds.length > 0) writes.push(db.delete(mentorGroups).where(inArray(mentorGroups.id, plan.emptiedGroupIds)));
  for (const g of plan.newGroups) {
    writes.push(db.insert(mentorGroups).values({ id: g.id, cohortId, mentorId: g.mentorId, slotId: g.slotId, source: 'matching', createdAt: stamp }));
    if (g.learnerIds.length > 0)
      writes.push(db.insert(groupMembers).values(g.learnerIds.map((learnerId) => ({ groupId: g.id, cohortId, learnerId, addedAt: stamp }))));
    if (g.meetings.length > 0)
      writes.push(
        db
          .insert(meetings)
          .values(
            g.meetings.map((m) => ({
              id: crypto.randomUUID(),
              cohortId,
              groupId: g.id,
              title: plan.meetingTitle,
              startsAt: m.startsAt,
              endsAt: m.endsAt,
              source: 'pattern' as const,
              patternDate: m.patternDate,
              createdBy: actorId,
              createdAt: stamp,
              updatedAt: stamp,
            })),
          )
          .onConflictDoNothing(),
      );
  }
  for (const a of plan.additions) {
    if (a.learnerIds.length > 0)
      writes.push(db.insert(groupMembers).values(a.learnerIds.map((learnerId) => ({ groupId: a.groupId, cohortId, learnerId, addedAt: stamp }))));
  }
  writes.push(
    db.update(matchRuns).set({ status: 'approved', decidedBy: actorId, decidedAt: stamp }).where(eq(matchRuns.id, run.id)),
    db
      .update(matchRuns)
      .set({ status: 'discarded', decidedBy: actorId, decidedAt: stamp })
      .where(and(eq(matchRuns.cohortId, cohortId), ne(matchRuns.id, run.id), eq(matchRuns.status, 'proposed'))),
    audit(
      db,
      actorId,
      'matching.run.approved',
      run.id,
      { cohortId, groups: plan.newGroups.length, additions: plan.additions.length, moved: plan.removals.length },
      at,
    ),
  );
  const [first, ...rest] = writes;
  await db.batch([first!, ...rest]);
}
