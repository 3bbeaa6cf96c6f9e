import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { cohortMembers, cohorts, managerRegions, programManagers, programRegions } from './tables.ts';
import { reachesProgram } from './rules.ts';

/**
 * Who may manage a program: one of its named managers, while at least one of the program's
 * regions lies within a region an admin has given them. Removing a manager's region takes the
 * program out of their reach even if they are still named on it.
 */
export async function managesProgram(db: Database, actorId: string, programId: string): Promise<boolean> {
  const [named] = await db
    .select({ programId: programManagers.programId })
    .from(programManagers)
    .where(and(eq(programManagers.programId, programId), eq(programManagers.userId, actorId)));
  if (!named) return false;
  const [mine, theirs] = await Promise.all([
    db.select({ region: managerRegions.region }).from(managerRegions).where(eq(managerRegions.userId, actorId)),
    db.select({ region: programRegions.region }).from(programRegions).where(eq(programRegions.programId, programId)),
  ]);
  return reachesProgram(
    mine.map((m) => m.region),
    theirs.map((p) => p.region),
  );
}

export async function programOfCohort(db: Database, cohortId: string): Promise<string | null> {
  const [row] = await db.select({ programId: cohorts.programId }).from(cohorts).where(eq(cohorts.id, cohortId));
  return row?.programId ?? null;
}

export async function managesCohort(db: Database, actorId: string, cohortId: string): Promise<boolean> {
  const programId = await programOfCohort(db, cohortId);
  return programId !== null && managesProgram(db, actorId, programId);
}

export async function isCohortMember(db: Database, userId: string, cohortId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
  return row !== undefined;
}

/** Cohort ids a user belongs to as a learner. */
export async function cohortsOfMember(db: Database, userId: string): Promise<string[]> {
  const rows = await db.select({ cohortId: cohortMembers.cohortId }).from(cohortMembers).where(eq(cohortMembers.userId, userId));
  return rows.map((r) => r.cohortId);
}
