import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { cohortsOfMember, managesCohort } from '../programs/access.ts';
import { calendarFeeds, capstoneSubmissions, groupMembers, meetings, mentorGroups, mentorNotes } from './tables.ts';

/** Does `actorId` mentor a group in this cohort? */
export async function mentorsInCohort(db: Database, actorId: string, cohortId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mentorGroups.id })
    .from(mentorGroups)
    .where(and(eq(mentorGroups.cohortId, cohortId), eq(mentorGroups.mentorId, actorId)));
  return row !== undefined;
}

/** Manages the cohort's program, or mentors a group in it. */
export async function staffsCohort(db: Database, actorId: string, cohortId: string): Promise<boolean> {
  return (await mentorsInCohort(db, actorId, cohortId)) || managesCohort(db, actorId, cohortId);
}

export async function groupById(db: Database, groupId: string) {
  const [group] = await db.select().from(mentorGroups).where(eq(mentorGroups.id, groupId));
  return group ?? null;
}

/** The group's mentor, or a manager of its cohort's program. */
export async function leadsGroup(db: Database, actorId: string, groupId: string): Promise<boolean> {
  const group = await groupById(db, groupId);
  if (!group) return false;
  return group.mentorId === actorId || managesCohort(db, actorId, group.cohortId);
}

/** A group meeting: its group's mentor; a cohort-wide meeting: any mentor in the cohort; and managers. */
export async function staffsMeeting(db: Database, actorId: string, meetingId: string): Promise<boolean> {
  const [meeting] = await db.select({ cohortId: meetings.cohortId, groupId: meetings.groupId }).from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return false;
  if (meeting.groupId) return leadsGroup(db, actorId, meeting.groupId);
  return staffsCohort(db, actorId, meeting.cohortId);
}

/** The mentor of `learnerId` in `cohortId`, if any. */
export async function mentorOf(db: Database, learnerId: string, cohortId: string): Promise<string | null> {
  const [row] = await db
    .select({ mentorId: mentorGroups.mentorId })
    .from(groupMembers)
    .innerJoin(mentorGroups, eq(mentorGroups.id, groupMembers.groupId))
    .where(and(eq(groupMembers.learnerId, learnerId), eq(groupMembers.cohortId, cohortId)));
  return row?.mentorId ?? null;
}

/** `learnerId` is in a group `actorId` mentors, or in a cohort of a program `actorId` manages. */
export async function coachesLearner(db: Database, actorId: string, learnerId: string): Promise<boolean> {
  const [mentored] = await db
    .select({ id: mentorGroups.id })
    .from(groupMembers)
    .innerJoin(mentorGroups, eq(mentorGroups.id, groupMembers.groupId))
    .where(and(eq(groupMembers.learnerId, learnerId), eq(mentorGroups.mentorId, actorId)));
  if (mentored) return true;
  for (const cohortId of await cohortsOfMember(db, learnerId)) if (await managesCohort(db, actorId, cohortId)) return true;
  return false;
}

/** The submitter's mentor in that cohort, or a manager of the cohort's program. */
export async function reviewsCapstone(db: Database, actorId: string, submissionId: string): Promise<boolean> {
  const [s] = await db
    .select({ userId: capstoneSubmissions.userId, cohortId: capstoneSubmissions.cohortId })
    .from(capstoneSubmissions)
    .where(eq(capstoneSubmissions.id, submissionId));
  if (!s) return false;
  return (await mentorOf(db, s.userId, s.cohortId)) === actorId || managesCohort(db, actorId, s.cohortId);
}

/** Group ids `mentorId` leads, optionally within some cohorts. */
export async function groupsOfMentor(db: Database, mentorId: string, cohortIds?: string[]) {
  const where = cohortIds ? and(eq(mentorGroups.mentorId, mentorId), inArray(mentorGroups.cohortId, cohortIds)) : eq(mentorGroups.mentorId, mentorId);
  return db.select().from(mentorGroups).where(where);
}

export async function wroteNote(db: Database, actorId: string, noteId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mentorNotes.id })
    .from(mentorNotes)
    .where(and(eq(mentorNotes.id, noteId), eq(mentorNotes.mentorId, actorId)));
  return row !== undefined;
}

export async function ownsFeed(db: Database, actorId: string, feedId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: calendarFeeds.id })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.ownerId, actorId)));
  return row !== undefined;
}
