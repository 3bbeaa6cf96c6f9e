import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { auditLog } from '../admin/tables.ts';
import { lessonProgress } from '../progress/tables.ts';
import { assessmentAttempts } from '../assessments/tables.ts';
import { cohortMembers, cohorts, programs } from '../programs/tables.ts';
import { attendance, capstoneSubmissions, meetings } from '../mentoring/tables.ts';
import type { CapstoneState, CohortFacts } from './rules.ts';
import { type CREDENTIAL_STATES, credentials, statusLists } from './tables.ts';

/** All of certification's SQL: what a learner has done towards a course, and the credentials. */

export type CredentialState = (typeof CREDENTIAL_STATES)[number];
export type CredentialRow = typeof credentials.$inferSelect;

export async function holderById(db: Database, userId: string) {
  const [row] = await db.select({ id: users.id, email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
  return row;
}

export async function lessonsDone(db: Database, userId: string, courseId: string, lessonIds: readonly string[]): Promise<number> {
  if (lessonIds.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(lessonProgress)
    .where(
      and(
        eq(lessonProgress.userId, userId),
        eq(lessonProgress.courseId, courseId),
        isNotNull(lessonProgress.completedAt),
        inArray(lessonProgress.lessonId, [...lessonIds]),
      ),
    );
  return row?.n ?? 0;
}

export async function passedAssessment(db: Database, userId: string, courseId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: assessmentAttempts.id })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.userId, userId), eq(assessmentAttempts.courseId, courseId), eq(assessmentAttempts.passed, true)))
    .limit(1);
  return row !== undefined;
}

/** The learner's cohorts of this course, each with its capstone state and recorded attendance. */
export async function cohortFacts(db: Database, userId: string, courseId: string): Promise<CohortFacts[]> {
  const mine = await db
    .select({ cohortId: cohorts.id, requiredPercent: programs.attendancePercent })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(and(eq(cohortMembers.userId, userId), eq(cohorts.courseId, courseId)));
  if (mine.length === 0) return [];
  const ids = mine.map((m) => m.cohortId);
  const [capstones, marks] = await Promise.all([
    db
      .select({ cohortId: capstoneSubmissions.cohortId, status: capstoneSubmissions.status })
      .from(capstoneSubmissions)
      .where(and(eq(capstoneSubmissions.userId, userId), inArray(capstoneSubmissions.cohortId, ids)))
      .orderBy(desc(capstoneSubmissions.version)),
    db
      .select({ cohortId: meetings.cohortId, status: attendance.status, n: count() })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .where(and(eq(attendance.userId, userId), inArray(meetings.cohortId, ids), isNull(meetings.cancelledAt)))
      .groupBy(meetings.cohortId, attendance.status),
  ]);
  return mine.map(({ cohortId, requiredPercent }) => {
    const versions = capstones.filter((c) => c.cohortId === cohortId);
    const capstone: CapstoneState = versions.some((v) => v.status === 'approved') ? 'approved' : (versions[0]?.status ?? 'none');
    const tally = (status: 'present' | 'absent') => marks.find((m) => m.cohortId === cohortId && m.status === status)?.n ?? 0;
    return { cohortId, capstone, present: tally('present'), absent: tally('absent'), requiredPercent };
  });
}

export async function credentialOf(db: Database, userId: string, courseId: string): Promise<CredentialRow | undefined> {
  const [row] = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.userId, userId), eq(credentials.courseId, courseId)));
  return row;
}

export async function credentialById(db: Database, id: string): Promise<CredentialRow | undefined> {
  const [row] = await db.select().from(credentials).where(eq(credentials.id, id));
  return row;
}

export async function takenStatusIndexes(db: Database): Promise<Set<number>> {
  const rows = await db.select({ i: credentials.statusIndex }).from(credentials);
  return new Set(rows.map((r) => r.i));
}

/**
 * Stores a new credential unless the learner already has one for the course (two completions
 * racing make one credential: the unique index decides) or its status index was just taken.
 */
export async function insertCredential(
  db: Database,
  row: typeof credentials.$inferInsert,
  audit?: { actorId: string; reason: string },
): Promise<'inserted' | 'exists' | 'index-taken'> {
  const result = await db.insert(credentials).values(row).onConflictDoNothing();
  if (result.rowsAffected === 1) {
    if (audit)
      await writeAudit(db, audit.actorId, 'credential.issue', row.id, { userId: row.userId, courseId: row.courseId, reason: audit.reason }, row.issuedAt);
    return 'inserted';
  }
  return (await credentialOf(db, row.userId, row.courseId)) ? 'exists' : 'index-taken';
}

export async function credentialsOfUser(db: Database, userId: string) {
  return db.select().from(credentials).where(eq(credentials.userId, userId)).orderBy(desc(credentials.issuedAt));
}

export async function credentialsOfCohort(db: Database, cohortId: string) {
  return db
    .select({ credential: credentials, name: users.name })
    .from(credentials)
    .innerJoin(users, eq(users.id, credentials.userId))
    .where(eq(credentials.cohortId, cohortId))
    .orderBy(users.name);
}

/** Changes a credential's state, never out of `revoked` (revocation is final), audited. False when refused. */
export async function changeState(db: Database, o: { id: string; to: CredentialState; reason: string; actorId: string; at: string }): Promise<boolean> {
  const result = await db
    .update(credentials)
    .set({ state: o.to, stateReason: o.reason, stateChangedBy: o.actorId, stateChangedAt: o.at })
    .where(and(eq(credentials.id, o.id), sql`${credentials.state} <> 'revoked'`));
  if (result.rowsAffected !== 1) return false;
  await writeAudit(
    db,
    o.actorId,
    `credential.${o.to === 'active' ? 'reinstate' : o.to === 'revoked' ? 'revoke' : 'suspend'}`,
    o.id,
    { reason: o.reason },
    o.at,
  );
  return true;
}

/** The status indexes whose bit is set in the revocation list. */
export async function revokedIndexes(db: Database): Promise<number[]> {
  const rows = await db.select({ i: credentials.statusIndex }).from(credentials).where(eq(credentials.state, 'revoked'));
  return rows.map((r) => r.i);
}

export async function storedStatusList(db: Database): Promise<string | undefined> {
  const [row] = await db.select({ document: statusLists.document }).from(statusLists).where(eq(statusLists.purpose, 'revocation'));
  return row?.document;
}

export async function saveStatusList(db: Database, document: string, at: string): Promise<void> {
  const purpose = 'revocation';
  await db
    .insert(statusLists)
    .values({ purpose, document, updatedAt: at })
    .onConflictDoUpdate({ target: statusLists.purpose, set: { document, updatedAt: at } });
}

function writeAudit(db: Database, actorId: string, action: string, target: string, data: unknown, at: string) {
  return db.insert(auditLog).values({ actorId, action, target, data: JSON.stringify(data), at });
}
