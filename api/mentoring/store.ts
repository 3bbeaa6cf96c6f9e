import { and, asc, count, desc, eq, gte, inArray, isNull, max, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { SessionUser } from '../context.ts';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { assessmentAttempts } from '../assessments/tables.ts';
import { lessonProgress, progressEvents } from '../progress/tables.ts';
import { cohortMembers, cohorts, programManagers } from '../programs/tables.ts';
import { cohortsOfMember, managesCohort, managesProgram } from '../programs/access.ts';
import { notify } from '../notifications/store.ts';
import { attendance, calendarFeeds, capstoneSubmissions, groupMembers, meetings, mentorGroups, mentorNotes } from './tables.ts';
import type { CapstoneStatus } from './rules.ts';

/** All of mentoring's SQL: groups, what mentors see of mentees, meetings, attendance, notes, capstones, feeds. */

export type CohortRow = typeof cohorts.$inferSelect;
export type GroupRow = typeof mentorGroups.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type NoteRow = typeof mentorNotes.$inferSelect;
export type SubmissionRow = typeof capstoneSubmissions.$inferSelect;
export type AttendanceStatus = (typeof attendance.$inferSelect)['status'];

/** Who is looking: their id and role decide which meetings and notes they see. */
export interface Viewer {
  id: string;
  role: string;
}

/** A user as the access policy sees them (feeds are read without a session), or null. */
export async function accountOf(db: Database, userId: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale, country: users.country })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function cohortRow(db: Database, cohortId: string): Promise<CohortRow | null> {
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  return row ?? null;
}

export async function namesOf(db: Database, ids: readonly string[]): Promise<Map<string, { id: string; name: string; country: string | null; role: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, country: users.country, role: users.role })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- groups -------------------------------------------------------------------------------------

export type GroupSource = GroupRow['source'];
export type GroupWithLearners = GroupRow & { learnerIds: string[] };

export type GroupProblem =
  | { problem: 'no-cohort' }
  | { problem: 'not-a-mentor' }
  | { problem: 'mentor-has-group'; groupId: string }
  | { problem: 'not-members'; learnerIds: string[] }
  | { problem: 'already-grouped'; learners: Array<{ learnerId: string; name: string; groupId: string }> };

export type GroupResult = ({ ok: true } & { group: GroupWithLearners }) | ({ ok: false } & GroupProblem);

async function learnerIdsOf(db: Database, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ learnerId: groupMembers.learnerId })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(groupMembers.addedAt), asc(groupMembers.learnerId));
  return rows.map((r) => r.learnerId);
}

export async function groupWithLearners(db: Database, groupId: string): Promise<GroupWithLearners | null> {
  const [group] = await db.select().from(mentorGroups).where(eq(mentorGroups.id, groupId));
  return group ? { ...group, learnerIds: await learnerIdsOf(db, groupId) } : null;
}

/** Learners must be members of the cohort and in no other group of it. */
async function learnerProblem(db: Database, cohortId: string, learnerIds: string[], exceptGroupId?: string): Promise<GroupProblem | null> {
  if (learnerIds.length === 0) return null;
  const members = await db
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), inArray(cohortMembers.userId, learnerIds)));
  const memberIds = new Set(members.map((m) => m.userId));
  const strangers = learnerIds.filter((id) => !memberIds.has(id));
  if (strangers.length > 0) return { problem: 'not-members', learnerIds: strangers };
  const taken = await db
    .select({ learnerId: groupMembers.learnerId, groupId: groupMembers.groupId, name: users.name })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.learnerId))
    .where(
      and(
        eq(groupMembers.cohortId, cohortId),
        inArray(groupMembers.learnerId, learnerIds),
        exceptGroupId ? ne(groupMembers.groupId, exceptGroupId) : undefined,
      ),
    );
  if (taken.length > 0) return { problem: 'already-grouped', learners: taken };
  return null;
}

async function tellAssigned(db: Database, cohort: CohortRow, mentorId: string, learnerIds: string[], at: Date) {
  if (learnerIds.length === 0) return;
  const mentor = (await namesOf(db, [mentorId])).get(mentorId);
  await notify(db, learnerIds, 'mentor.assigned', { cohortId: cohort.id, cohortName: cohort.name, mentorName: mentor?.name ?? '' }, at);
}

/**
 * A mentor's group in a cohort, made by a manager (`manual`) or by the matching engine
 * (`matching`, one per slot the mentor offers). The mentor must hold the mentor role and have no group in the cohort (for that slot) yet; the
 * learners must be members of the cohort and in no other group of it. Learners are told
 * ('mentor.assigned'). Nothing is written when a check fails; the result says which.
 */
export async function createGroup(
  db: Database,
  input: { cohortId: string; mentorId: string; learnerIds: readonly string[]; source: GroupSource; slotId?: string },
  at: Date = new Date(),
): Promise<GroupResult> {
  const cohort = await cohortRow(db, input.cohortId);
  if (!cohort) return { ok: false, problem: 'no-cohort' };
  const mentor = (await namesOf(db, [input.mentorId])).get(input.mentorId);
  if (mentor?.role !== 'mentor') return { ok: false, problem: 'not-a-mentor' };
  const slotId = input.slotId ?? '';
  const [existing] = await db
    .select({ id: mentorGroups.id })
    .from(mentorGroups)
    .where(and(eq(mentorGroups.cohortId, cohort.id), eq(mentorGroups.mentorId, input.mentorId), eq(mentorGroups.slotId, slotId)));
  if (existing) return { ok: false, problem: 'mentor-has-group', groupId: existing.id };
  const learnerIds = [...new Set(input.learnerIds)];
  const problem = await learnerProblem(db, cohort.id, learnerIds);
  if (problem) return { ok: false, ...problem };

  const id = crypto.randomUUID();
  const addedAt = at.toISOString();
  try {
    const group = db.insert(mentorGroups).values({ id, cohortId: cohort.id, mentorId: input.mentorId, source: input.source, slotId, createdAt: addedAt });
    if (learnerIds.length === 0) await group;
    else await db.batch([group, db.insert(groupMembers).values(learnerIds.map((learnerId) => ({ groupId: id, cohortId: cohort.id, learnerId, addedAt })))]);
  } catch (error) {
    // Someone else grouped one of these learners (or gave this mentor a group) a moment ago.
    const raced = await learnerProblem(db, cohort.id, learnerIds);
    if (raced) return { ok: false, ...raced };
    throw error;
  }
  await tellAssigned(db, cohort, input.mentorId, learnerIds, at);
  return { ok: true, group: (await groupWithLearners(db, id))! };
}

/** Replaces a group's learners (same checks as createGroup); newly added learners are told. */
export async function replaceGroupLearners(db: Database, groupId: string, learnerIds: readonly string[], at: Date = new Date()): Promise<GroupResult> {
  const group = await groupWithLearners(db, groupId);
  const cohort = group ? await cohortRow(db, group.cohortId) : null;
  if (!group || !cohort) return { ok: false, problem: 'no-cohort' };
  const wanted = [...new Set(learnerIds)];
  const problem = await learnerProblem(db, cohort.id, wanted, groupId);
  if (problem) return { ok: false, ...problem };
  const before = new Set(group.learnerIds);
  const added = wanted.filter((id) => !before.has(id));
  const addedAt = at.toISOString();
  const remove = db
    .delete(groupMembers)
    .where(wanted.length > 0 ? and(eq(groupMembers.groupId, groupId), notInArray(groupMembers.learnerId, wanted)) : eq(groupMembers.groupId, groupId));
  try {
    if (added.length === 0) await remove;
    else await db.batch([remove, db.insert(groupMembers).values(added.map((learnerId) => ({ groupId, cohortId: cohort.id, learnerId, addedAt })))]);
  } catch (error) {
    const raced = await learnerProblem(db, cohort.id, wanted, groupId);
    if (raced) return { ok: false, ...raced };
    throw error;
  }
  await tellAssigned(db, cohort, group.mentorId, added, at);
  return { ok: true, group: (await groupWithLearners(db, groupId))! };
}

/** Deletes the group; its members stay in the cohort, its group meetings (and their attendance) go. */
export async function deleteGroup(db: Database, groupId: string): Promise<void> {
  await db.batch([db.delete(groupMembers).where(eq(groupMembers.groupId, groupId)), db.delete(mentorGroups).where(eq(mentorGroups.id, groupId))]);
}

export async function groupsLedBy(db: Database, mentorId: string) {
  return db
    .select({ group: mentorGroups, cohort: cohorts })
    .from(mentorGroups)
    .innerJoin(cohorts, eq(cohorts.id, mentorGroups.cohortId))
    .where(eq(mentorGroups.mentorId, mentorId))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.name));
}

// ---- what a mentor sees of mentees --------------------------------------------------------------

export interface MenteeRecord {
  id: string;
  name: string;
  country: string | null;
  joinedAt: string | null;
  lessons: Map<string, { completedAt: string | null; bestScore: number | null; maxScore: number | null; quizAttempts: number }>;
  quizEvents: Array<{ lessonId: string; passed: boolean }>;
  lastActivityAt: string | null;
  assessment: { best: number; max: number; attempts: number; passed: boolean } | null;
  absences: Array<{ meetingId: string; startsAt: string }>;
}

/** Everything the mentor views and the needs-attention flags read, for some learners of one cohort. */
export async function menteeRecords(db: Database, cohort: CohortRow, learnerIds: readonly string[]): Promise<MenteeRecord[]> {
  const ids = [...new Set(learnerIds)];
  if (ids.length === 0) return [];
  const course = cohort.courseId;
  const [people, members, lessons, quizzes, activity, assessments, absent] = await Promise.all([
    namesOf(db, ids),
    db
      .select({ userId: cohortMembers.userId, joinedAt: cohortMembers.joinedAt })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohort.id), inArray(cohortMembers.userId, ids))),
    db
      .select()
      .from(lessonProgress)
      .where(and(inArray(lessonProgress.userId, ids), eq(lessonProgress.courseId, course))),
    db
      .select({ userId: progressEvents.userId, lessonId: progressEvents.lessonId, passed: progressEvents.passed })
      .from(progressEvents)
      .where(and(inArray(progressEvents.userId, ids), eq(progressEvents.courseId, course), eq(progressEvents.type, 'quiz.submitted'))),
    db
      .select({ userId: progressEvents.userId, last: max(progressEvents.occurredAt) })
      .from(progressEvents)
      .where(and(inArray(progressEvents.userId, ids), eq(progressEvents.courseId, course)))
      .groupBy(progressEvents.userId),
    db
      .select({
        userId: assessmentAttempts.userId,
        best: max(assessmentAttempts.score),
        max: max(assessmentAttempts.maxScore),
        attempts: count(),
        passed: sql<number>`max(${assessmentAttempts.passed})`,
      })
      .from(assessmentAttempts)
      .where(and(inArray(assessmentAttempts.userId, ids), eq(assessmentAttempts.courseId, course)))
      .groupBy(assessmentAttempts.userId),
    db
      .select({ userId: attendance.userId, meetingId: meetings.id, startsAt: meetings.startsAt })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .where(and(eq(meetings.cohortId, cohort.id), isNull(meetings.cancelledAt), eq(attendance.status, 'absent'), inArray(attendance.userId, ids))),
  ]);
  const joined = new Map(members.map((m) => [m.userId, m.joinedAt]));
  const last = new Map(activity.map((a) => [a.userId, a.last]));
  const assessed = new Map(assessments.map((a) => [a.userId, a]));
  return ids.map((id) => {
    const a = assessed.get(id);
    return {
      id,
      name: people.get(id)?.name ?? '',
      country: people.get(id)?.country ?? null,
      joinedAt: joined.get(id) ?? null,
      lessons: new Map(lessons.filter((l) => l.userId === id).map((l) => [l.lessonId, l])),
      quizEvents: quizzes.filter((q) => q.userId === id),
      lastActivityAt: last.get(id) ?? null,
      assessment: a ? { best: a.best ?? 0, max: a.max ?? 0, attempts: a.attempts, passed: Number(a.passed) === 1 } : null,
      absences: absent.filter((r) => r.userId === id).map((r) => ({ meetingId: r.meetingId, startsAt: r.startsAt })),
    };
  });
}

// ---- meetings -----------------------------------------------------------------------------------

export interface NewMeeting {
  cohortId: string;
  groupId: string | null;
  title: string;
  startsAt: string;
  endsAt: string;
  createdBy: string | null;
}

export async function insertMeeting(db: Database, m: NewMeeting, at: Date): Promise<MeetingRow> {
  const [row] = await db
    .insert(meetings)
    .values({ id: crypto.randomUUID(), ...m, source: 'one-off', createdAt: at.toISOString(), updatedAt: at.toISOString() })
    .returning();
  return row!;
}

/** Adds the pattern meetings the cohort lacks (one per local date); those already made are kept as they are. */
export async function insertPatternMeetings(
  db: Database,
  cohort: CohortRow,
  planned: ReadonlyArray<{ startsAt: string; endsAt: string; patternDate: string }>,
  title: string,
  createdBy: string | null,
  at: Date,
): Promise<{ created: MeetingRow[]; all: MeetingRow[] }> {
  const stamp = at.toISOString();
  const created: MeetingRow[] = [];
  for (let i = 0; i < planned.length; i += 200) {
    const rows = planned.slice(i, i + 200).map((p) => ({
      id: crypto.randomUUID(),
      cohortId: cohort.id,
      groupId: null,
      title,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      source: 'pattern' as const,
      patternDate: p.patternDate,
      createdBy,
      createdAt: stamp,
      updatedAt: stamp,
    }));
    created.push(...(await db.insert(meetings).values(rows).onConflictDoNothing().returning()));
  }
  const all = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.cohortId, cohort.id), eq(meetings.source, 'pattern')))
    .orderBy(asc(meetings.startsAt));
  return { created, all };
}

export async function meetingById(db: Database, meetingId: string): Promise<MeetingRow | null> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  return row ?? null;
}

export async function updateMeeting(
  db: Database,
  meetingId: string,
  expectedSequence: number,
  update: { title: string; startsAt: string; endsAt: string; sequence: number; cancelledAt: string | null },
  at: Date,
): Promise<MeetingRow | null> {
  // Conditional on the sequence read: two changes at once cannot both raise it to the same number.
  const [row] = await db
    .update(meetings)
    .set({ ...update, updatedAt: at.toISOString() })
    .where(and(eq(meetings.id, meetingId), eq(meetings.sequence, expectedSequence)))
    .returning();
  return row ?? null;
}

/** Group ids in the cohort the viewer leads (as mentor) or belongs to (as learner). */
async function viewerGroupIds(db: Database, viewerId: string, cohortId: string): Promise<string[]> {
  const [led, joined] = await Promise.all([
    db
      .select({ id: mentorGroups.id })
      .from(mentorGroups)
      .where(and(eq(mentorGroups.cohortId, cohortId), eq(mentorGroups.mentorId, viewerId))),
    db
      .select({ id: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.cohortId, cohortId), eq(groupMembers.learnerId, viewerId))),
  ]);
  return [...led, ...joined].map((g) => g.id);
}

/** Does the viewer see every meeting of the cohort (admins, its managers)? */
async function seesWholeCohort(db: Database, viewer: Viewer, cohortId: string): Promise<boolean> {
  return viewer.role === 'admin' || (viewer.role === 'manager' && (await managesCohort(db, viewer.id, cohortId)));
}

/** The condition for the meetings of a cohort a viewer sees: all (managers), or cohort-wide plus their own group's. */
async function visibleInCohort(db: Database, viewer: Viewer, cohortId: string): Promise<SQL> {
  if (await seesWholeCohort(db, viewer, cohortId)) return eq(meetings.cohortId, cohortId);
  const groups = await viewerGroupIds(db, viewer.id, cohortId);
  return and(eq(meetings.cohortId, cohortId), groups.length > 0 ? or(isNull(meetings.groupId), inArray(meetings.groupId, groups)) : isNull(meetings.groupId))!;
}

export async function meetingsVisibleInCohort(db: Database, viewer: Viewer, cohortId: string): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(await visibleInCohort(db, viewer, cohortId))
    .orderBy(asc(meetings.startsAt));
}

export async function canSeeMeeting(db: Database, viewer: Viewer, meeting: MeetingRow): Promise<boolean> {
  if (meeting.groupId === null || (await seesWholeCohort(db, viewer, meeting.cohortId))) return true;
  return (await viewerGroupIds(db, viewer.id, meeting.cohortId)).includes(meeting.groupId);
}

/** The learners expected at a meeting: the cohort's members, or the group's. */
export async function expectedAttendees(db: Database, meeting: Pick<MeetingRow, 'cohortId' | 'groupId'>) {
  if (meeting.groupId) {
    return db
      .select({ id: users.id, name: users.name, country: users.country })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.learnerId))
      .where(eq(groupMembers.groupId, meeting.groupId))
      .orderBy(asc(users.name), asc(users.id));
  }
  return db
    .select({ id: users.id, name: users.name, country: users.country })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(eq(cohortMembers.cohortId, meeting.cohortId))
    .orderBy(asc(users.name), asc(users.id));
}

/** Who hears about a meeting: the learners expected, and its mentors (the group's, or all the cohort's). */
export async function meetingAudience(db: Database, meeting: Pick<MeetingRow, 'cohortId' | 'groupId'>): Promise<string[]> {
  const learners = (await expectedAttendees(db, meeting)).map((l) => l.id);
  const mentors = await db
    .select({ id: mentorGroups.mentorId })
    .from(mentorGroups)
    .where(meeting.groupId ? eq(mentorGroups.id, meeting.groupId) : eq(mentorGroups.cohortId, meeting.cohortId));
  return [...new Set([...learners, ...mentors.map((m) => m.id)])];
}

export async function attendanceOf(db: Database, meetingId: string) {
  return db.select().from(attendance).where(eq(attendance.meetingId, meetingId));
}

export async function saveAttendance(
  db: Database,
  meetingId: string,
  records: ReadonlyArray<{ userId: string; status: AttendanceStatus }>,
  recordedBy: string,
  at: Date,
): Promise<void> {
  if (records.length === 0) return;
  const recordedAt = at.toISOString();
  await db
    .insert(attendance)
    .values(records.map((r) => ({ meetingId, userId: r.userId, status: r.status, recordedBy, recordedAt })))
    .onConflictDoUpdate({
      target: [attendance.meetingId, attendance.userId],
      set: { status: sql`excluded.status`, recordedBy: sql`excluded.recorded_by`, recordedAt: sql`excluded.recorded_at` },
    });
}

// ---- calendar feeds -----------------------------------------------------------------------------

export type FeedRow = typeof calendarFeeds.$inferSelect;

export async function insertFeed(db: Database, feed: { tokenHash: string; kind: FeedRow['kind']; subjectId: string; ownerId: string }, at: Date) {
  const [row] = await db
    .insert(calendarFeeds)
    .values({ id: crypto.randomUUID(), ...feed, createdAt: at.toISOString() })
    .returning();
  return row!;
}

export async function feedsOf(db: Database, ownerId: string) {
  return db
    .select({ feed: calendarFeeds, cohortName: cohorts.name })
    .from(calendarFeeds)
    .leftJoin(cohorts, and(eq(calendarFeeds.kind, 'cohort'), eq(cohorts.id, calendarFeeds.subjectId)))
    .where(and(eq(calendarFeeds.ownerId, ownerId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt));
}

export async function revokeFeed(db: Database, feedId: string, at: Date): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ revokedAt: at.toISOString() })
    .where(and(eq(calendarFeeds.id, feedId), isNull(calendarFeeds.revokedAt)));
}

/** A live (not revoked) feed by the hash of its secret. */
export async function liveFeedByHash(db: Database, tokenHash: string): Promise<FeedRow | null> {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

export type FeedMeeting = MeetingRow & { cohortName: string; timeZone: string };

/** Meetings of these visibility conditions from `since` on, with their cohort's name and zone. */
async function meetingsWhere(db: Database, condition: SQL | undefined, since: string): Promise<FeedMeeting[]> {
  if (!condition) return [];
  const rows = await db
    .select({ meeting: meetings, cohortName: cohorts.name, timeZone: cohorts.timeZone })
    .from(meetings)
    .innerJoin(cohorts, eq(cohorts.id, meetings.cohortId))
    .where(and(condition, gte(meetings.endsAt, since)))
    .orderBy(asc(meetings.startsAt))
    .limit(2000);
  return rows.map((r) => ({ ...r.meeting, cohortName: r.cohortName, timeZone: r.timeZone }));
}

export async function cohortFeedMeetings(db: Database, viewer: Viewer, cohortId: string, since: string): Promise<FeedMeeting[]> {
  return meetingsWhere(db, await visibleInCohort(db, viewer, cohortId), since);
}

/**
 * Every meeting a person can see, whichever part they play: as a learner (their cohorts'
 * cohort-wide meetings and their group's), as a mentor (their groups' and the cohort-wide
 * meetings of cohorts they mentor in), as a manager (all meetings of cohorts they manage).
 */
export async function personFeedMeetings(db: Database, viewer: Viewer, since: string): Promise<FeedMeeting[]> {
  const wide = new Set<string>(await cohortsOfMember(db, viewer.id));
  const [joined, led] = await Promise.all([
    db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.learnerId, viewer.id)),
    db.select({ id: mentorGroups.id, cohortId: mentorGroups.cohortId }).from(mentorGroups).where(eq(mentorGroups.mentorId, viewer.id)),
  ]);
  const groups = [...joined.map((g) => g.id), ...led.map((g) => g.id)];
  for (const g of led) wide.add(g.cohortId);
  const whole: string[] = [];
  if (viewer.role === 'manager') {
    const named = await db.select({ programId: programManagers.programId }).from(programManagers).where(eq(programManagers.userId, viewer.id));
    const managed: string[] = [];
    for (const p of named) if (await managesProgram(db, viewer.id, p.programId)) managed.push(p.programId);
    if (managed.length > 0) {
      const rows = await db.select({ id: cohorts.id }).from(cohorts).where(inArray(cohorts.programId, managed));
      whole.push(...rows.map((r) => r.id));
    }
  }
  const parts = [
    whole.length > 0 ? inArray(meetings.cohortId, whole) : undefined,
    wide.size > 0 ? and(isNull(meetings.groupId), inArray(meetings.cohortId, [...wide])) : undefined,
    groups.length > 0 ? inArray(meetings.groupId, groups) : undefined,
  ].filter((p): p is SQL => p !== undefined);
  return meetingsWhere(db, parts.length > 0 ? or(...parts) : undefined, since);
}

// ---- notes --------------------------------------------------------------------------------------

export type NoteView = NoteRow & { mentorName: string };

async function notesWhere(db: Database, condition: SQL | undefined): Promise<NoteView[]> {
  const rows = await db
    .select({ note: mentorNotes, mentorName: users.name })
    .from(mentorNotes)
    .innerJoin(users, eq(users.id, mentorNotes.mentorId))
    .where(condition)
    .orderBy(desc(mentorNotes.createdAt), desc(mentorNotes.id));
  return rows.map((r) => ({ ...r.note, mentorName: r.mentorName }));
}

/** A mentor's own notes on a learner. */
export async function notesByMentor(db: Database, mentorId: string, learnerId: string, cohortId?: string) {
  return notesWhere(
    db,
    and(eq(mentorNotes.mentorId, mentorId), eq(mentorNotes.learnerId, learnerId), cohortId ? eq(mentorNotes.cohortId, cohortId) : undefined),
  );
}

/** Notes on a learner their mentors chose to share, in these cohorts (undefined: any cohort). */
export async function sharedNotes(db: Database, learnerId: string, cohortIds: string[] | undefined, cohortId?: string) {
  if (cohortIds?.length === 0) return [];
  return notesWhere(
    db,
    and(
      eq(mentorNotes.learnerId, learnerId),
      eq(mentorNotes.shared, true),
      cohortIds ? inArray(mentorNotes.cohortId, cohortIds) : undefined,
      cohortId ? eq(mentorNotes.cohortId, cohortId) : undefined,
    ),
  );
}

export async function noteById(db: Database, noteId: string): Promise<NoteView | null> {
  const [row] = await notesWhere(db, eq(mentorNotes.id, noteId));
  return row ?? null;
}

export async function insertNote(db: Database, note: { mentorId: string; learnerId: string; cohortId: string; body: string; shared: boolean }, at: Date) {
  const id = crypto.randomUUID();
  await db.insert(mentorNotes).values({ id, ...note, createdAt: at.toISOString(), updatedAt: at.toISOString() });
  return (await noteById(db, id))!;
}

export async function updateNote(db: Database, noteId: string, change: { body?: string | undefined; shared?: boolean | undefined }, at: Date) {
  const set: Partial<NoteRow> = { updatedAt: at.toISOString() };
  if (change.body !== undefined) set.body = change.body;
  if (change.shared !== undefined) set.shared = change.shared;
  await db.update(mentorNotes).set(set).where(eq(mentorNotes.id, noteId));
  return noteById(db, noteId);
}

export async function deleteNote(db: Database, noteId: string): Promise<void> {
  await db.delete(mentorNotes).where(eq(mentorNotes.id, noteId));
}

// ---- capstones ----------------------------------------------------------------------------------

/** Every version a learner has sent in a cohort, newest first. */
export async function capstoneVersions(db: Database, userId: string, cohortId: string): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(capstoneSubmissions)
    .where(and(eq(capstoneSubmissions.userId, userId), eq(capstoneSubmissions.cohortId, cohortId)))
    .orderBy(desc(capstoneSubmissions.version));
}

/**
 * A new version (the highest so far plus one), unless the latest is approved. The check and the
 * insert are one statement, so a second submission racing an approval cannot slip in; null when
 * refused (approved, or another version took the number a moment ago).
 */
export async function insertCapstoneVersion(
  db: Database,
  s: { userId: string; cohortId: string; courseId: string; text: string; link: string | null },
  at: Date,
): Promise<SubmissionRow | null> {
  const id = crypto.randomUUID();
  try {
    const result = await db.run(sql`
      INSERT INTO capstone_submissions (id, user_id, cohort_id, course_id, version, text, link, status, submitted_at)
      SELECT ${id}, ${s.userId}, ${s.cohortId}, ${s.courseId},
             (SELECT COALESCE(MAX(version), 0) + 1 FROM capstone_submissions WHERE user_id = ${s.userId} AND cohort_id = ${s.cohortId}),
             ${s.text}, ${s.link}, 'submitted', ${at.toISOString()}
      WHERE NOT EXISTS (
        SELECT 1 FROM capstone_submissions WHERE user_id = ${s.userId} AND cohort_id = ${s.cohortId} AND status = 'approved'
      )`);
    if (result.rowsAffected !== 1) return null;
  } catch (error) {
    if (/unique/i.test(String(error))) return null;
    throw error;
  }
  return submissionById(db, id);
}

export async function submissionById(db: Database, submissionId: string): Promise<SubmissionRow | null> {
  const [row] = await db.select().from(capstoneSubmissions).where(eq(capstoneSubmissions.id, submissionId));
  return row ?? null;
}

/**
 * Writes the review on the version, only if it is still the latest and still waiting: a review
 * racing a new version or another review changes nothing (null).
 */
export async function reviewSubmission(
  db: Database,
  submission: Pick<SubmissionRow, 'id' | 'userId' | 'cohortId'>,
  review: { status: Exclude<CapstoneStatus, 'submitted'>; feedback: string; reviewerId: string },
  at: Date,
): Promise<SubmissionRow | null> {
  const [row] = await db
    .update(capstoneSubmissions)
    .set({ status: review.status, feedback: review.feedback, reviewerId: review.reviewerId, reviewedAt: at.toISOString() })
    .where(
      and(
        eq(capstoneSubmissions.id, submission.id),
        eq(capstoneSubmissions.status, 'submitted'),
        sql`${capstoneSubmissions.version} = (SELECT MAX(version) FROM capstone_submissions WHERE user_id = ${submission.userId} AND cohort_id = ${submission.cohortId})`,
      ),
    )
    .returning();
  return row ?? null;
}

/** The latest version of each learner's capstone in a cohort (only these learners', when given). */
export async function latestCapstones(db: Database, cohortId: string, learnerIds?: string[]) {
  if (learnerIds?.length === 0) return [];
  const rows = await db
    .select({ s: capstoneSubmissions, name: users.name })
    .from(capstoneSubmissions)
    .innerJoin(users, eq(users.id, capstoneSubmissions.userId))
    .where(
      and(
        eq(capstoneSubmissions.cohortId, cohortId),
        learnerIds ? inArray(capstoneSubmissions.userId, learnerIds) : undefined,
        sql`${capstoneSubmissions.version} = (SELECT MAX(c2.version) FROM capstone_submissions c2 WHERE c2.user_id = ${capstoneSubmissions.userId} AND c2.cohort_id = ${capstoneSubmissions.cohortId})`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
  return rows.map((r) => ({ ...r.s, learnerName: r.name }));
}

/** The learners of a mentor's group in a cohort. */
export async function menteesIn(db: Database, mentorId: string, cohortId: string): Promise<string[]> {
  const rows = await db
    .select({ learnerId: groupMembers.learnerId })
    .from(groupMembers)
    .innerJoin(mentorGroups, eq(mentorGroups.id, groupMembers.groupId))
    .where(and(eq(mentorGroups.mentorId, mentorId), eq(mentorGroups.cohortId, cohortId)));
  return rows.map((r) => r.learnerId);
}
