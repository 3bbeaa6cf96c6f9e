// A cohort as its staff see it, and what its managers do to it: edit, rotate the code, remove
// members, import a roster, follow invitations.
import { z } from '@hono/zod-openapi';
import { ApiError, notFound } from '../errors.ts';
import type { AppContext } from '../context.ts';
import { currentUser } from '../auth/current-user.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { notify } from '../notifications/store.ts';
import { managesCohort } from './access.ts';
import { attendanceRate, datesInOrder, formatJoinCode, invitationLink, invitationState, seatsLeft } from './rules.ts';
import { Cohort, CohortDetail, CohortPatch, id, Invitation, RosterBody, RosterResult } from './schemas.ts';
import { invalid } from './program-routes.ts';
import {
  attendanceCounts,
  cohortById,
  completedLessons,
  groupsOf,
  membersOf,
  programById,
  removeMember,
  rotateJoinCode,
  seatsTaken,
  updateCohort,
  mentorAccounts,
} from './store.ts';
import { importRoster, pendingInvitations } from './roster-store.ts';

const cohortParams = z.object({ cohortId: id });

const get = defineRoute({
  method: 'get',
  path: '/cohorts/{cohortId}',
  tags: ['cohorts'],
  access: { scope: 'cohort-staff', param: 'cohortId' },
  summary: 'A cohort: seats, members with progress, mentor groups, attendance; the join code and emails for managers',
  request: { params: cohortParams },
  responses: { 200: jsonContent(CohortDetail, 'The cohort'), ...errors(400, 401, 403, 404) },
});

const patch = defineRoute({
  method: 'patch',
  path: '/cohorts/{cohortId}',
  tags: ['cohorts'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Edit the cohort (capacity never below the seats taken)',
  request: { params: cohortParams, body: jsonBody(CohortPatch) },
  responses: { 200: jsonContent(z.object({ cohort: Cohort }), 'Saved'), ...errors(400, 401, 403, 404, 409, 415, 422) },
});

const rotate = defineRoute({
  method: 'post',
  path: '/cohorts/{cohortId}/join-code',
  tags: ['cohorts'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'A new join code; the old one stops working',
  request: { params: cohortParams },
  responses: { 200: jsonContent(z.object({ joinCode: z.string().openapi({ example: 'K7QX-M2PD' }) }), 'The new code'), ...errors(400, 401, 403, 404) },
});

const dropMember = defineRoute({
  method: 'delete',
  path: '/cohorts/{cohortId}/members/{userId}',
  tags: ['cohorts'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Remove a member (and their mentor group place); their progress is kept',
  request: { params: z.object({ cohortId: id, userId: id }) },
  responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404) },
});

const roster = defineRoute({
  method: 'post',
  path: '/cohorts/{cohortId}/roster',
  tags: ['cohorts'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Import up to 1000 roster rows: accounts are enrolled, others invited; idempotent; all or nothing',
  request: { params: cohortParams, body: jsonBody(RosterBody) },
  responses: { 200: jsonContent(RosterResult, 'What happened to each row'), ...errors(400, 401, 403, 404, 409, 413, 415) },
});

const invitationsList = defineRoute({
  method: 'get',
  path: '/cohorts/{cohortId}/invitations',
  tags: ['cohorts'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Invitations not yet accepted (links are shown once, at import)',
  request: { params: cohortParams },
  responses: { 200: jsonContent(z.object({ invitations: z.array(Invitation) }), 'Pending invitations'), ...errors(400, 401, 403, 404) },
});

async function loadCohort(c: AppContext, cohortId: string) {
  const cohort = await cohortById(c.var.deps.db, cohortId);
  if (!cohort) throw notFound('cohort');
  return cohort;
}

const withCode = <T extends { joinCode: string }>(cohort: T) => ({ ...cohort, joinCode: formatJoinCode(cohort.joinCode) });

/** Admins, and managers of the cohort's program (a mentor is staff too, but sees no code or emails). */
async function managesThis(c: AppContext, cohortId: string) {
  const actor = currentUser(c);
  return actor.role === 'admin' || (actor.role === 'manager' && managesCohort(c.var.deps.db, actor.id, cohortId));
}

export const cohortRoutes = newRouter()
  .openapi(get, async (c) => {
    const { cohortId } = c.req.valid('param');
    const { db, clock, curriculum } = c.var.deps;
    const cohort = await loadCohort(c, cohortId);
    const [manager, members, done, groups, present, taken] = await Promise.all([
      managesThis(c, cohortId),
      membersOf(db, cohortId),
      completedLessons(db, cohortId, cohort.courseId),
      groupsOf(db, cohortId),
      attendanceCounts(db, cohortId),
      seatsTaken(db, cohortId, clock()),
    ]);
    const totalLessons = curriculum.course(cohort.courseId)?.lessons.length ?? 0;
    const { joinCode, ...shown } = cohort;
    return c.json(
      {
        cohort: manager ? { ...shown, joinCode: formatJoinCode(joinCode) } : shown,
        seats: { capacity: cohort.capacity, ...taken, left: seatsLeft(cohort.capacity, taken.members, taken.pendingInvitations) },
        members: members.map(({ email, ...m }) => ({
          ...m,
          ...(manager ? { email } : {}),
          progress: { completedLessons: done.get(m.id) ?? 0, totalLessons },
        })),
        groups,
        attendanceRate: attendanceRate(present.present, present.absent),
        ...(manager ? { mentors: await mentorAccounts(db) } : {}),
      },
      200,
    );
  })
  .openapi(patch, async (c) => {
    const { cohortId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, clock } = c.var.deps;
    const cohort = await loadCohort(c, cohortId);
    if (body.courseId !== undefined && body.courseId !== cohort.courseId) {
      const program = await programById(db, cohort.programId);
      if (!program?.courseIds.includes(body.courseId)) {
        throw invalid(422, 'The cohort’s course must be one of the program’s courses. Nothing was saved.', [
          { path: 'courseId', message: 'Not a course of this program.' },
        ]);
      }
    }
    if (!datesInOrder(body.startsOn ?? cohort.startsOn, body.endsOn ?? cohort.endsOn)) {
      throw invalid(400, 'The end date is before the start date. Nothing was saved.', [{ path: 'endsOn', message: 'Before the start date.' }]);
    }
    if (body.capacity !== undefined) {
      const taken = await seatsTaken(db, cohortId, clock());
      const held = taken.members + taken.pendingInvitations;
      if (body.capacity < held) {
        throw new ApiError(409, 'conflict', `${held} seats are taken (members and pending invitations); the capacity cannot be lower. Nothing was saved.`, {
          taken: held,
        });
      }
    }
    await updateCohort(db, cohortId, body);
    return c.json({ cohort: withCode(await loadCohort(c, cohortId)) }, 200);
  })
  .openapi(rotate, async (c) => {
    const { cohortId } = c.req.valid('param');
    await loadCohort(c, cohortId);
    return c.json({ joinCode: formatJoinCode(await rotateJoinCode(c.var.deps.db, cohortId)) }, 200);
  })
  .openapi(dropMember, async (c) => {
    const { cohortId, userId } = c.req.valid('param');
    if (!(await removeMember(c.var.deps.db, cohortId, userId))) throw notFound('member of this cohort');
    return c.body(null, 204);
  })
  .openapi(roster, async (c) => {
    const { cohortId } = c.req.valid('param');
    const { rows } = c.req.valid('json');
    const { db, clock, publicOrigin } = c.var.deps;
    const now = clock();
    const cohort = await loadCohort(c, cohortId);
    const outcome = await importRoster(db, cohort, rows, currentUser(c).id, now);
    if (!outcome.ok) {
      const left = Math.max(0, outcome.capacity - outcome.taken);
      throw new ApiError(
        409,
        'conflict',
        `These rows need ${outcome.requested} seats and ${left} are left (capacity ${outcome.capacity}). Nothing from them was stored. Raise the capacity or import fewer people.`,
        { capacity: outcome.capacity, taken: outcome.taken, requested: outcome.requested },
      );
    }
    await notify(db, outcome.enrolledIds, 'cohort.added', { cohortId, cohortName: cohort.name, programName: cohort.programName }, now);
    // Results come back in the order of the rows sent.
    const results = outcome.results.map(({ line, email, status, token }, i) => ({
      line,
      email,
      status,
      ...(token ? { invitationLink: invitationLink(publicOrigin, rows[i]?.locale ?? cohort.locale, token) } : {}),
    }));
    const tally = (status: string) => results.filter((r) => r.status === status).length;
    return c.json(
      {
        results,
        counts: { enrolled: tally('enrolled'), invited: tally('invited'), alreadyMember: tally('already-member'), alreadyInvited: tally('already-invited') },
      },
      200,
    );
  })
  .openapi(invitationsList, async (c) => {
    const { cohortId } = c.req.valid('param');
    await loadCohort(c, cohortId);
    const now = c.var.deps.clock();
    const rows = await pendingInvitations(c.var.deps.db, cohortId);
    return c.json({ invitations: rows.map((r) => ({ ...r, expired: invitationState({ ...r, acceptedAt: null }, now) === 'expired' })) }, 200);
  });
