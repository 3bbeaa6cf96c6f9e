// How learners come into cohorts (a join code, an invitation) and leave them, and their view of them.
import { z } from '@hono/zod-openapi';
import { toPublicUser } from '#core/user.ts';
import { ApiError, notFound } from '../errors.ts';
import type { AppContext } from '../context.ts';
import { currentUser } from '../auth/current-user.ts';
import { startSession } from '../auth/cookies.ts';
import { rateLimit } from '../auth/rate-limit.ts';
import { UserSchema } from '../auth/schemas.ts';
import { insertUser, userByEmail } from '../auth/users.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { notify } from '../notifications/store.ts';
import { invitationState, normaliseJoinCode, WindowCounter, WRONG_CODE_RULE } from './rules.ts';
import { AcceptBody, id, InvitationLookup, JoinBody, JoinResult, LookupBody, MyCohort } from './schemas.ts';
import { cohortByJoinCode, enrol, myCohorts, removeMember } from './store.ts';
import { claimInvitation, enrolInvited, invitationByToken, releaseInvitation } from './roster-store.ts';
import { refuseWeakPassword } from '../auth/common-passwords.ts';

/** Per client address, every attempt (like sign-in); wrong codes are also counted per user below. */
const joinLimited = rateLimit('cohort-join', (v) => v.deps.authRateLimit);
const invitationLimited = rateLimit('invitation', (v) => v.deps.authRateLimit);

/** One counter of wrong codes per app instance (keyed by its deps), so separate apps never share counts. */
const wrongCodes = new WeakMap<object, WindowCounter>();
function wrongCodesOf(c: AppContext): WindowCounter {
  let counter = wrongCodes.get(c.var.deps);
  if (!counter) {
    counter = new WindowCounter(WRONG_CODE_RULE);
    wrongCodes.set(c.var.deps, counter);
  }
  return counter;
}

const join = defineRoute({
  method: 'post',
  path: '/cohorts/join',
  tags: ['cohorts'],
  access: 'signed-in',
  summary: 'Join a cohort with its code (any case, with or without the dash); wrong codes are rate-limited',
  middleware: [joinLimited] as const,
  request: { body: jsonBody(JoinBody) },
  responses: {
    201: jsonContent(JoinResult, 'Joined'),
    200: jsonContent(JoinResult, 'Already a member: nothing changed'),
    ...errors(400, 401, 403, 404, 409, 415, 429),
  },
});

const mine = defineRoute({
  method: 'get',
  path: '/my/cohorts',
  tags: ['cohorts'],
  access: 'signed-in',
  summary: 'My cohorts: course, dates, mentor, next meeting, capstone status',
  responses: { 200: jsonContent(z.object({ cohorts: z.array(MyCohort) }), 'My cohorts'), ...errors(401) },
});

const leave = defineRoute({
  method: 'delete',
  path: '/my/cohorts/{cohortId}',
  tags: ['cohorts'],
  access: { scope: 'cohort-member', param: 'cohortId' },
  summary: 'Leave a cohort (and my mentor group in it); my progress is kept',
  request: { params: z.object({ cohortId: id }) },
  responses: { 204: { description: 'Left' }, ...errors(400, 401, 403, 404) },
});

const lookup = defineRoute({
  method: 'post',
  path: '/invitations/lookup',
  tags: ['invitations'],
  access: 'public',
  summary: 'Who an invitation is for and to which cohort (the token is sent in the body, never in a URL)',
  middleware: [invitationLimited] as const,
  request: { body: jsonBody(LookupBody) },
  responses: { 200: jsonContent(InvitationLookup, 'The invitation'), ...errors(400, 403, 404, 409, 415, 429) },
});

const accept = defineRoute({
  method: 'post',
  path: '/invitations/accept',
  tags: ['invitations'],
  access: 'public',
  summary: 'Accept an invitation: creates the account, enrols it in the cohort and signs it in',
  middleware: [invitationLimited] as const,
  request: { body: jsonBody(AcceptBody) },
  responses: {
    201: jsonContent(z.object({ user: UserSchema, cohortId: z.string() }), 'Account created, enrolled and signed in'),
    ...errors(400, 403, 404, 409, 415, 429),
  },
});

/** Why an invitation cannot be used, in `details.reason` so the page can say what to do next. */
const unusable = (reason: 'used' | 'expired' | 'account-exists') =>
  new ApiError(
    409,
    'conflict',
    {
      used: 'This invitation has already been used. Sign in instead.',
      expired: 'This invitation has expired. Ask your programme manager for a new one.',
      'account-exists': 'An account with this email already exists. Sign in, then join the cohort with its code.',
    }[reason],
    { reason },
  );

/** As sign-in does (api/auth/routes.ts): a fresh session, rotating away any the browser had. */
export const enrolmentRoutes = newRouter()
  .openapi(join, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const now = clock();
    const counter = wrongCodesOf(c);
    const wait = counter.retryAfter(user.id, now.getTime());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', `Too many wrong codes. Try again in ${Math.ceil(wait / 60)} minutes.`);
    }
    const cohort = await cohortByJoinCode(db, normaliseJoinCode(c.req.valid('json').code)!);
    if (!cohort) {
      counter.record(user.id, now.getTime());
      throw new ApiError(404, 'not_found', 'No cohort has this code. Check it with your programme manager; codes change when a manager renews them.');
    }
    const outcome = await enrol(db, cohort.id, user.id, 'code', now);
    if (outcome === 'full') throw new ApiError(409, 'conflict', `${cohort.name} is full. Ask your programme manager for a seat.`);
    const shown = {
      id: cohort.id,
      name: cohort.name,
      programName: cohort.programName,
      courseId: cohort.courseId,
      locale: cohort.locale,
      startsOn: cohort.startsOn,
      endsOn: cohort.endsOn,
    };
    if (outcome === 'already-member') return c.json({ status: 'already-member' as const, cohort: shown }, 200);
    await notify(db, [user.id], 'cohort.added', { cohortId: cohort.id, cohortName: cohort.name, programName: cohort.programName }, now);
    return c.json({ status: 'joined' as const, cohort: shown }, 201);
  })
  .openapi(mine, async (c) => c.json({ cohorts: await myCohorts(c.var.deps.db, currentUser(c).id, c.var.deps.clock()) }, 200))
  .openapi(leave, async (c) => {
    // Staff pass the cohort-member scope too, but have no membership to leave.
    if (!(await removeMember(c.var.deps.db, c.req.valid('param').cohortId, currentUser(c).id))) throw notFound('membership');
    return c.body(null, 204);
  })
  .openapi(lookup, async (c) => {
    const invitation = await invitationByToken(c.var.deps.db, c.req.valid('json').token);
    if (!invitation) throw notFound('invitation');
    const state = invitationState(invitation, c.var.deps.clock());
    if (state === 'accepted') throw unusable('used');
    const { email, name, cohortName, programName, expiresAt } = invitation;
    return c.json({ email, name, cohortName, programName, expiresAt, expired: state === 'expired' }, 200);
  })
  .openapi(accept, async (c) => {
    const { token, password, name } = c.req.valid('json');
    const { db, clock, passwordParams } = c.var.deps;
    const now = clock();
    const invitation = await invitationByToken(db, token);
    if (!invitation) throw notFound('invitation');
    const state = invitationState(invitation, now);
    if (state === 'accepted') throw unusable('used');
    if (state === 'expired') throw unusable('expired');
    // Someone who already has an account signs in themselves: an invitation never takes one over.
    if (await userByEmail(db, invitation.email)) throw unusable('account-exists');
    await refuseWeakPassword(password, { email: invitation.email, name: name ?? invitation.name });
    if (!(await claimInvitation(db, invitation.id, now))) throw unusable('used');
    const user = await insertUser(
      db,
      {
        email: invitation.email,
        name: name ?? invitation.name,
        password,
        role: 'learner',
        locale: invitation.locale ?? invitation.cohortLocale,
        country: invitation.country,
      },
      passwordParams,
    );
    if (!user) {
      await releaseInvitation(db, invitation.id);
      throw unusable('account-exists');
    }
    await enrolInvited(db, invitation.cohortId, user.id, now);
    await notify(db, [user.id], 'cohort.added', { cohortId: invitation.cohortId, cohortName: invitation.cohortName, programName: invitation.programName }, now);
    await startSession(c, user);
    return c.json({ user: toPublicUser(user), cohortId: invitation.cohortId }, 201);
  });
