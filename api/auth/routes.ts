import { toPublicUser } from '#core/user.ts';
import { ApiError, invalidFields } from '../errors.ts';
import type { AppContext } from '../context.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { clearSessionCookie, startSession } from './cookies.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { rateLimit } from './rate-limit.ts';
import { clearFailures, lockedUntil, recordFailure } from './backoff.ts';
import { invalidateSession, invalidateUserSessions } from './sessions.ts';
import { insertUser, passwordHashOf, setPasswordHash, userByEmail } from './users.ts';
import { LoginBody, MeResponse, PasswordChangeBody, RegisterBody, UserResponse } from './schemas.ts';
import { currentUser } from './current-user.ts';
import { refuseWeakPassword } from './common-passwords.ts';

const limited = rateLimit('auth', (v) => v.deps.authRateLimit);
const badCredentials = () => new ApiError(401, 'unauthenticated', 'The email or password is not correct.');

const register = defineRoute({
  method: 'post',
  path: '/auth/register',
  tags: ['auth'],
  access: 'public',
  middleware: [limited] as const,
  request: { body: jsonBody(RegisterBody) },
  responses: { 201: jsonContent(UserResponse, 'Account created and signed in'), ...errors(400, 403, 409, 413, 415, 429) },
});
const login = defineRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  access: 'public',
  middleware: [limited] as const,
  request: { body: jsonBody(LoginBody) },
  responses: { 200: jsonContent(UserResponse, 'Signed in'), ...errors(400, 401, 403, 415, 429) },
});
const logout = defineRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  access: 'public',
  responses: { 204: { description: 'Signed out (also when no one was signed in)' }, ...errors(403) },
});
const logoutEverywhere = defineRoute({
  method: 'post',
  path: '/auth/logout-everywhere',
  tags: ['auth'],
  access: 'signed-in',
  summary: 'Sign out on every device: ends all of your sessions, this one included',
  responses: { 204: { description: 'Every session ended' }, ...errors(401, 403) },
});
const changePassword = defineRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  access: 'signed-in',
  middleware: [limited] as const,
  summary: 'Change your password: ends every session, then signs this browser in again',
  request: { body: jsonBody(PasswordChangeBody) },
  responses: { 200: jsonContent(UserResponse, 'Changed; signed in here with a new session'), ...errors(400, 401, 403, 415, 429) },
});
const me = defineRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  access: 'public',
  responses: { 200: jsonContent(MeResponse, 'The signed-in user, or null') },
});

/** 429 with Retry-After while password attempts for this account from this address are locked (backoff.ts). */
async function refuseIfLocked(c: AppContext, account: string, address: string, now: Date) {
  const until = await lockedUntil(c.var.deps.db, account, address, now);
  if (!until) return;
  const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  c.header('Retry-After', String(seconds));
  throw new ApiError(429, 'rate_limited', `Too many failed password attempts for this account. Try again in ${seconds} seconds.`, {
    retryAfterSeconds: seconds,
  });
}

// Verifying against this when the email is unknown keeps sign-in timing the same either way.
let dummyHash: Promise<string> | undefined;

export const authRoutes = newRouter()
  .openapi(register, async (c) => {
    const body = c.req.valid('json');
    const { db, passwordParams } = c.var.deps;
    await refuseWeakPassword(body.password, { email: body.email, name: body.name });
    const user = await insertUser(db, { ...body, role: 'learner' }, passwordParams);
    if (!user) {
      // Deliberately vague: do not confirm that this email has an account.
      throw new ApiError(409, 'conflict', 'We could not create an account with these details. If you already have an account, sign in instead.');
    }
    await startSession(c, user);
    return c.json({ user: toPublicUser(user) }, 201);
  })
  .openapi(login, async (c) => {
    const body = c.req.valid('json');
    const { db, passwordParams, clock } = c.var.deps;
    const now = clock();
    const account = body.email.toLowerCase();
    const address = c.var.deps.clientIp?.(c) ?? 'unknown';
    await refuseIfLocked(c, account, address, now);
    const row = await userByEmail(db, body.email);
    if (!row) {
      dummyHash ??= hashPassword('not a real password', passwordParams);
      await verifyPassword(body.password, await dummyHash);
      await recordFailure(db, account, address, now);
      throw badCredentials();
    }
    if (!(await verifyPassword(body.password, row.passwordHash))) {
      await recordFailure(db, account, address, now);
      throw badCredentials();
    }
    await clearFailures(db, account, address);
    if (needsRehash(row.passwordHash, passwordParams)) await setPasswordHash(db, row.id, await hashPassword(body.password, passwordParams));
    await startSession(c, row);
    return c.json({ user: toPublicUser(row) }, 200);
  })
  .openapi(logout, async (c) => {
    if (c.var.sessionId) await invalidateSession(c.var.deps.db, c.var.sessionId);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(logoutEverywhere, async (c) => {
    await invalidateUserSessions(c.var.deps.db, currentUser(c).id);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(changePassword, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const { db, passwordParams, clock } = c.var.deps;
    const now = clock();
    const user = currentUser(c);
    // Guessing the current password from a stolen session meets the same back-off as sign-in.
    const address = c.var.deps.clientIp?.(c) ?? 'unknown';
    await refuseIfLocked(c, user.email, address, now);
    const hash = await passwordHashOf(db, user.id);
    if (!hash || !(await verifyPassword(currentPassword, hash))) {
      await recordFailure(db, user.email, address, now);
      throw invalidFields([{ path: 'currentPassword', message: 'Your current password is not correct.' }]);
    }
    await clearFailures(db, user.email, address);
    if (newPassword === currentPassword) throw invalidFields([{ path: 'newPassword', message: 'Choose a password different from your current one.' }]);
    await refuseWeakPassword(newPassword, { email: user.email, name: user.name }, 'newPassword');
    await setPasswordHash(db, user.id, await hashPassword(newPassword, passwordParams));
    // Whoever else held a session (a lost phone, a shared computer) is out; this browser gets a new one.
    await invalidateUserSessions(db, user.id);
    c.set('sessionId', null);
    await startSession(c, user);
    return c.json({ user: toPublicUser(user) }, 200);
  })
  .openapi(me, (c) => c.json({ user: c.var.user ? toPublicUser(c.var.user) : null }, 200));
