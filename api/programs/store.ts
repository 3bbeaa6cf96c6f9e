import { and, asc, count, desc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Weekday } from '#core/schedule/index.ts';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { lessonProgress } from '../progress/tables.ts';
import { attendance, capstoneSubmissions, groupMembers, meetings, mentorGroups } from '../mentoring/tables.ts';
import { mentorOf } from '../mentoring/access.ts';
import {
  cohortMembers,
  cohorts,
  invitations,
  type MEMBERSHIP_SOURCES,
  managerRegions,
  programCourses,
  programManagers,
  programRegions,
  programs,
} from './tables.ts';
import { newJoinCode, reachesProgram } from './rules.ts';

/** Programs' SQL (roster imports and invitations: roster-store.ts). Mentoring's tables (groups, meetings, capstones) are only read here. */

export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];
type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
const unique = <T>(items: readonly T[]) => [...new Set(items)];

// ---- managers and their regions ---------------------------------------------------------------

export async function regionsOfManager(db: Database, userId: string): Promise<string[]> {
  const rows = await db.select({ region: managerRegions.region }).from(managerRegions).where(eq(managerRegions.userId, userId)).orderBy(managerRegions.region);
  return rows.map((r) => r.region);
}

/** Replaces the regions an admin gave a manager (the seed and the admin route both call this). */
export async function setManagerRegions(db: Database, userId: string, regions: readonly string[]): Promise<void> {
  const rows = unique(regions).map((region) => ({ userId, region }));
  const remove = db.delete(managerRegions).where(eq(managerRegions.userId, userId));
  await (rows.length > 0 ? db.batch([remove, db.insert(managerRegions).values(rows)]) : remove);
}

export async function userSummary(db: Database, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, country: users.country })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function managersWithRegions(db: Database) {
  const [people, regions] = await Promise.all([
    db.select({ id: users.id, name: users.name, email: users.email, country: users.country }).from(users).where(eq(users.role, 'manager')).orderBy(users.email),
    db
      .select({ userId: managerRegions.userId, region: managerRegions.region })
      .from(managerRegions)
      .innerJoin(users, eq(users.id, managerRegions.userId))
      .where(eq(users.role, 'manager'))
      .orderBy(managerRegions.region),
  ]);
  return people.map((p) => ({ ...p, regions: regions.filter((r) => r.userId === p.id).map((r) => r.region) }));
}

// ---- programs ---------------------------------------------------------------------------------

export interface NewProgram {
  name: string;
  regions: readonly string[];
  courseIds: readonly string[];
  startsOn: string;
  endsOn: string;
  attendancePercent?: number;
  createdBy?: string | null;
  /** Named managers (the creator, when a manager made it). */
  managerIds?: readonly string[];
}

/** Makes a program with its regions, courses and managers in one batch (routes, seed and tests). */
export async function createProgram(db: Database, input: NewProgram) {
  const id = crypto.randomUUID();
  const statements: Batch = [
    db.insert(programs).values({
      id,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ...(input.attendancePercent === undefined ? {} : { attendancePercent: input.attendancePercent }),
      createdBy: input.createdBy ?? null,
    }),
  ];
  const regions = unique(input.regions);
  const courseIds = unique(input.courseIds);
  const managerIds = unique(input.managerIds ?? []);
  if (regions.length) statements.push(db.insert(programRegions).values(regions.map((region) => ({ programId: id, region }))));
  if (courseIds.length) statements.push(db.insert(programCourses).values(courseIds.map((courseId) => ({ programId: id, courseId }))));
  if (managerIds.length) statements.push(db.insert(programManagers).values(managerIds.map((userId) => ({ programId: id, userId }))));
  await db.batch(statements);
  return { id, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, regions, courseIds };
}

async function regionsAndCourses(db: Database, programIds: string[]) {
  if (programIds.length === 0) return { regions: [], courses: [] };
  const [regions, courses] = await Promise.all([
    db.select().from(programRegions).where(inArray(programRegions.programId, programIds)).orderBy(programRegions.region),
    db.select().from(programCourses).where(inArray(programCourses.programId, programIds)).orderBy(programCourses.courseId),
  ]);
  return { regions, courses };
}

/** The programs a manager reaches (named on it, inside their regions), or every program for an admin. */
export async function programsFor(db: Database, actor: { id: string; role: string }) {
  const rows =
    actor.role === 'admin'
      ? await db.select().from(programs).orderBy(desc(programs.startsOn), programs.name)
      : await db
          .select({
            id: programs.id,
            name: programs.name,
            startsOn: programs.startsOn,
            endsOn: programs.endsOn,
            createdBy: programs.createdBy,
            createdAt: programs.createdAt,
          })
          .from(programManagers)
          .innerJoin(programs, eq(programs.id, programManagers.programId))
          .where(eq(programManagers.userId, actor.id))
          .orderBy(desc(programs.startsOn), programs.name);
  const ids = rows.map((r) => r.id);
  const [{ regions, courses }, mine, cohortCounts] = await Promise.all([
    regionsAndCourses(db, ids),
    actor.role === 'admin' ? Promise.resolve([]) : regionsOfManager(db, actor.id),
    ids.length
      ? db.select({ programId: cohorts.programId, n: count() }).from(cohorts).where(inArray(cohorts.programId, ids)).groupBy(cohorts.programId)
      : Promise.resolve([]),
  ]);
  return rows
    .map((p) => ({
      id: p.id,
      name: p.name,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      regions: regions.filter((r) => r.programId === p.id).map((r) => r.region),
      courseIds: courses.filter((c) => c.programId === p.id).map((c) => c.courseId),
      cohortCount: cohortCounts.find((c) => c.programId === p.id)?.n ?? 0,
    }))
    .filter((p) => actor.role === 'admin' || reachesProgram(mine, p.regions));
}

/** One program with its regions, courses, managers and cohorts (each with its member count). */
export async function programById(db: Database, programId: string) {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) return null;
  const [{ regions, courses }, managers, cohortRows, memberCounts] = await Promise.all([
    regionsAndCourses(db, [programId]),
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(programManagers)
      .innerJoin(users, eq(users.id, programManagers.userId))
      .where(eq(programManagers.programId, programId))
      .orderBy(users.name),
    db.select().from(cohorts).where(eq(cohorts.programId, programId)).orderBy(asc(cohorts.startsOn), cohorts.name),
    db
      .select({ cohortId: cohortMembers.cohortId, n: count() })
      .from(cohortMembers)
      .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
      .where(eq(cohorts.programId, programId))
      .groupBy(cohortMembers.cohortId),
  ]);
  return {
    id: program.id,
    name: program.name,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
    attendancePercent: program.attendancePercent,
    regions: regions.map((r) => r.region),
    courseIds: courses.map((c) => c.courseId),
    managers,
    cohorts: cohortRows.map((c) => ({ ...cohortView(c, program.name), memberCount: memberCounts.find((m) => m.cohortId === c.id)?.n ?? 0 })),
  };
}

export interface ProgramPatch {
  name?: string;
  startsOn?: string;
  endsOn?: string;
  regions?: readonly string[];
  courseIds?: readonly string[];
  attendancePercent?: number;
}

export async function updateProgram(db: Database, programId: string, patch: ProgramPatch): Promise<void> {
  const fields = { name: patch.name, startsOn: patch.startsOn, endsOn: patch.endsOn, attendancePercent: patch.attendancePercent };
  const statements: BatchItem<'sqlite'>[] = [];
  if (Object.values(fields).some((v) => v !== undefined)) statements.push(db.update(programs).set(fields).where(eq(programs.id, programId)));
  if (patch.regions) {
    statements.push(db.delete(programRegions).where(eq(programRegions.programId, programId)));
    statements.push(db.insert(programRegions).values(unique(patch.regions).map((region) => ({ programId, region }))));
  }
  if (patch.courseIds) {
    statements.push(db.delete(programCourses).where(eq(programCourses.programId, programId)));
    statements.push(db.insert(programCourses).values(unique(patch.courseIds).map((courseId) => ({ programId, courseId }))));
  }
  if (statements.length) await db.batch(statements as Batch);
}

/** Course ids of the program's cohorts that a new course list would leave out. */
export async function cohortCoursesOf(db: Database, programId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ courseId: cohorts.courseId }).from(cohorts).where(eq(cohorts.programId, programId));
  return rows.map((r) => r.courseId);
}

/** True when they were not yet named on it. */
export async function addProgramManager(db: Database, programId: string, userId: string): Promise<boolean> {
  const added = await db.insert(programManagers).values({ programId, userId }).onConflictDoNothing().returning({ userId: programManagers.userId });
  return added.length === 1;
}

/** Removes a named manager unless they are the last one; one statement, so two removals cannot both pass. */
export async function removeProgramManager(db: Database, programId: string, userId: string): Promise<'removed' | 'not-a-manager' | 'last-manager'> {
  const result = await db.run(sql`
    DELETE FROM program_managers WHERE program_id = ${programId} AND user_id = ${userId}
      AND (SELECT count(*) FROM program_managers WHERE program_id = ${programId}) > 1`);
  if (result.rowsAffected === 1) return 'removed';
  const [named] = await db
    .select({ userId: programManagers.userId })
    .from(programManagers)
    .where(and(eq(programManagers.programId, programId), eq(programManagers.userId, userId)));
  return named ? 'last-manager' : 'not-a-manager';
}

// ---- cohorts ----------------------------------------------------------------------------------

type CohortRow = typeof cohorts.$inferSelect;

export interface MeetingPatternFields {
  weekday: Weekday;
  time: string;
  durationMinutes: number;
}

function cohortView(c: CohortRow, programName: string) {
  return {
    id: c.id,
    programId: c.programId,
    programName,
    name: c.name,
    courseId: c.courseId,
    locale: c.locale,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    capacity: c.capacity,
    timeZone: c.timeZone,
    pattern:
      c.meetingWeekday !== null && c.meetingTime !== null && c.meetingMinutes !== null
        ? { weekday: c.meetingWeekday as Weekday, time: c.meetingTime, durationMinutes: c.meetingMinutes }
        : null,
    /** Stored form (no dash); routes show it formatted, to managers only. */
    joinCode: c.joinCode,
  };
}
export type Cohort = ReturnType<typeof cohortView>;

const patternColumns = (pattern: MeetingPatternFields | null) => ({
  meetingWeekday: pattern?.weekday ?? null,
  meetingTime: pattern?.time ?? null,
  meetingMinutes: pattern?.durationMinutes ?? null,
});

const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed: cohorts\.join_code/i.test(String((error as Error)?.message ?? error));

/** Runs `write(code)` with fresh join codes until one is not already taken (a clash is ~1 in 10^11). */
async function withFreshJoinCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(newJoinCode());
    } catch (error) {
      if (attempt >= 4 || !isUniqueViolation(error)) throw error;
    }
  }
}

export interface NewCohort {
  programId: string;
  name: string;
  courseId: string;
  locale: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  timeZone: string;
  pattern?: MeetingPatternFields | null;
}

/** Makes a cohort with a fresh join code (routes, seed and tests). */
export async function createCohort(db: Database, input: NewCohort): Promise<Cohort> {
  const id = crypto.randomUUID();
  const { pattern, ...fields } = input;
  await withFreshJoinCode((joinCode) =>
    db
      .insert(cohorts)
      .values({ id, ...fields, ...patternColumns(pattern ?? null), joinCode })
      .run(),
  );
  const cohort = await cohortById(db, id);
  if (!cohort) throw new Error('createCohort: the cohort was not stored');
  return cohort;
}

export async function cohortById(db: Database, cohortId: string): Promise<Cohort | null> {
  const [row] = await db
    .select({ cohort: cohorts, programName: programs.name })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(eq(cohorts.id, cohortId));
  return row ? cohortView(row.cohort, row.programName) : null;
}

export async function cohortByJoinCode(db: Database, joinCode: string): Promise<Cohort | null> {
  const [row] = await db
    .select({ cohort: cohorts, programName: programs.name })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(eq(cohorts.joinCode, joinCode));
  return row ? cohortView(row.cohort, row.programName) : null;
}

export type CohortPatch = Partial<Omit<NewCohort, 'programId'>>;

export async function updateCohort(db: Database, cohortId: string, patch: CohortPatch): Promise<void> {
  const { pattern, ...fields } = patch;
  const set = { ...fields, ...(pattern !== undefined ? patternColumns(pattern) : {}) };
  if (Object.keys(set).length === 0) return;
  await db.update(cohorts).set(set).where(eq(cohorts.id, cohortId));
}

/** A new code for the cohort; the old one stops working at once. */
export async function rotateJoinCode(db: Database, cohortId: string): Promise<string> {
  return withFreshJoinCode(async (joinCode) => {
    await db.update(cohorts).set({ joinCode }).where(eq(cohorts.id, cohortId));
    return joinCode;
  });
}

/** Seats held: members plus invitations neither accepted nor expired, as SQL (for guards inside writes). */
export const seatsTakenSql = (cohortId: string, nowIso: string) => sql`(
  (SELECT count(*) FROM cohort_members WHERE cohort_id = ${cohortId}) +
  (SELECT count(*) FROM invitations WHERE cohort_id = ${cohortId} AND accepted_at IS NULL AND expires_at > ${nowIso}))`;

export async function seatsTaken(db: Database, cohortId: string, now: Date): Promise<{ members: number; pendingInvitations: number }> {
  const [members, pending] = await Promise.all([
    db.select({ n: count() }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId)),
    db
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.cohortId, cohortId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now.toISOString()))),
  ]);
  return { members: members[0]?.n ?? 0, pendingInvitations: pending[0]?.n ?? 0 };
}

const insertMemberIfRoom = (db: Database, cohortId: string, userId: string, source: MembershipSource, now: Date) =>
  db.run(sql`
    INSERT INTO cohort_members (cohort_id, user_id, source, joined_at)
    SELECT id, ${userId}, ${source}, ${now.toISOString()} FROM cohorts
    WHERE id = ${cohortId} AND ${seatsTakenSql(cohortId, now.toISOString())} < capacity
    ON CONFLICT DO NOTHING`);

/**
 * Adds a learner to a cohort if a seat is free (checked in the same statement, so two people
 * taking the last seat cannot both get it). Joining twice changes nothing.
 */
export async function enrol(
  db: Database,
  cohortId: string,
  userId: string,
  source: MembershipSource,
  now: Date,
): Promise<'enrolled' | 'already-member' | 'full'> {
  const result = await insertMemberIfRoom(db, cohortId, userId, source, now);
  if (result.rowsAffected === 1) return 'enrolled';
  const [member] = await db
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
  return member ? 'already-member' : 'full';
}

export async function membersOf(db: Database, cohortId: string) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      country: users.country,
      source: cohortMembers.source,
      joinedAt: cohortMembers.joinedAt,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(eq(cohortMembers.cohortId, cohortId))
    .orderBy(users.name, users.id);
}

/** Lessons of `courseId` each member has completed. */
export async function completedLessons(db: Database, cohortId: string, courseId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: lessonProgress.userId, n: count() })
    .from(lessonProgress)
    .innerJoin(cohortMembers, and(eq(cohortMembers.userId, lessonProgress.userId), eq(cohortMembers.cohortId, cohortId)))
    .where(and(eq(lessonProgress.courseId, courseId), sql`${lessonProgress.completedAt} IS NOT NULL`))
    .groupBy(lessonProgress.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}

/** The cohort's mentor groups with their mentees (mentoring's tables, read only). */
export async function groupsOf(db: Database, cohortId: string) {
  const [groups, members] = await Promise.all([
    db
      .select({ id: mentorGroups.id, mentorId: mentorGroups.mentorId, mentorName: users.name, source: mentorGroups.source })
      .from(mentorGroups)
      .innerJoin(users, eq(users.id, mentorGroups.mentorId))
      .where(eq(mentorGroups.cohortId, cohortId))
      .orderBy(users.name),
    db.select({ groupId: groupMembers.groupId, learnerId: groupMembers.learnerId }).from(groupMembers).where(eq(groupMembers.cohortId, cohortId)),
  ]);
  return groups.map((g) => ({
    id: g.id,
    mentor: { id: g.mentorId, name: g.mentorName },
    source: g.source,
    learnerIds: members.filter((m) => m.groupId === g.id).map((m) => m.learnerId),
  }));
}

/** Attendance recorded at the cohort's meetings that were not cancelled. */
export async function attendanceCounts(db: Database, cohortId: string): Promise<{ present: number; absent: number }> {
  const rows = await db
    .select({ status: attendance.status, n: count() })
    .from(attendance)
    .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
    .where(and(eq(meetings.cohortId, cohortId), isNull(meetings.cancelledAt)))
    .groupBy(attendance.status);
  const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { present: of('present'), absent: of('absent') };
}

/** Takes a learner out of a cohort and its mentor group; their progress stays (it is theirs, not the cohort's). */
export async function removeMember(db: Database, cohortId: string, userId: string): Promise<boolean> {
  const [, removed] = await db.batch([
    db.delete(groupMembers).where(and(eq(groupMembers.cohortId, cohortId), eq(groupMembers.learnerId, userId))),
    db
      .delete(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
      .returning({ userId: cohortMembers.userId }),
  ]);
  return removed.length === 1;
}

// ---- my cohorts -------------------------------------------------------------------------------

/** A learner's cohorts with their mentor, next meeting they can see and latest capstone status. */
export async function myCohorts(db: Database, userId: string, now: Date) {
  const rows = await db
    .select({ cohort: cohorts, programName: programs.name, joinedAt: cohortMembers.joinedAt })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(eq(cohortMembers.userId, userId))
    .orderBy(desc(cohorts.startsOn), cohorts.name);
  return Promise.all(
    rows.map(async ({ cohort, programName, joinedAt }) => {
      const [mentorId, group, capstone] = await Promise.all([
        mentorOf(db, userId, cohort.id),
        db
          .select({ groupId: groupMembers.groupId })
          .from(groupMembers)
          .where(and(eq(groupMembers.cohortId, cohort.id), eq(groupMembers.learnerId, userId))),
        db
          .select({ status: capstoneSubmissions.status, version: capstoneSubmissions.version, submittedAt: capstoneSubmissions.submittedAt })
          .from(capstoneSubmissions)
          .where(and(eq(capstoneSubmissions.cohortId, cohort.id), eq(capstoneSubmissions.userId, userId)))
          .orderBy(desc(capstoneSubmissions.version))
          .limit(1),
      ]);
      const groupId = group[0]?.groupId;
      const visible: SQL = groupId ? or(isNull(meetings.groupId), eq(meetings.groupId, groupId))! : isNull(meetings.groupId);
      const [next] = await db
        .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, groupId: meetings.groupId })
        .from(meetings)
        .where(and(eq(meetings.cohortId, cohort.id), isNull(meetings.cancelledAt), gt(meetings.endsAt, now.toISOString()), visible))
        .orderBy(asc(meetings.startsAt))
        .limit(1);
      const mentor = mentorId ? await userSummary(db, mentorId) : null;
      return {
        id: cohort.id,
        name: cohort.name,
        programName,
        courseId: cohort.courseId,
        locale: cohort.locale,
        startsOn: cohort.startsOn,
        endsOn: cohort.endsOn,
        timeZone: cohort.timeZone,
        joinedAt,
        mentor: mentor ? { id: mentor.id, name: mentor.name } : null,
        nextMeeting: next ?? null,
        capstone: capstone[0] ?? null,
      };
    }),
  );
}

/** Mentor accounts a manager can give a group to, by name (the matching engine will rank them). */
export async function mentorAccounts(db: Database, limit = 500) {
  return db
    .select({ id: users.id, name: users.name, country: users.country })
    .from(users)
    .where(eq(users.role, 'mentor'))
    .orderBy(asc(users.name))
    .limit(limit);
}
