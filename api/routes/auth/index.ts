import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { clearSessionCookie, writeSessionCookie } from '../../auth/cookies.ts';
import { hashPassword, needsRehash, verifyPassword } from '../../auth/password.ts';
import { rateLimit } from '../../auth/rate-limit.ts';
import { createSession, invalidateSession } from '../../auth/sessions.ts';
import type { AppContext, SessionUser } from '../../context.ts';
import { errors, jsonBody, jsonContent, newRouter } from '../openapi.ts';
import { LoginBody, MeResponse, RegisterBody, UserResponse } from './auth.schemas.ts';

const limited = rateLimit('auth', (v) => v.deps.authRateLimit);
const badCredentials = () => new ApiError(401, 'unauthenticated', 'The email or password is not correct.');

const register = createRoute({
  method: 'post', path: '/auth/register', tags: ['auth'], middleware: [limited] as const,
  request: { body: jsonBody(RegisterBody) },
  responses: { 201: jsonContent(UserResponse, 'Account created and signed in'), ...errors(400, 403, 409, 413, 429) },
});
const login = createRoute({
  method: 'post', path: '/auth/login', tags: ['auth'], middleware: [limited] as const,
  request: { body: jsonBody(LoginBody) },
  responses: { 200: jsonContent(UserResponse, 'Signed in'), ...errors(400, 401, 403, 429) },
});
const logout = createRoute({
  method: 'post', path: '/auth/logout', tags: ['auth'],
  responses: { 204: { description: 'Signed out (also when no one was signed in)' }, ...errors(403) },
});
const me = createRoute({
  method: 'get', path: '/auth/me', tags: ['auth'],
  responses: { 200: jsonContent(MeResponse, 'The signed-in user, or null') },
});

/** Starts a fresh session (rotating away any session the browser already had). */
async function startSession(c: AppContext, user: SessionUser) {
  const { db, clock } = c.var.deps;
  if (c.var.sessionId) await invalidateSession(db, c.var.sessionId);
  const session = await createSession(db, user.id, clock());
  writeSessionCookie(c, session.token, session.expiresAt);
}

const publicUser = (u: SessionUser) => ({ id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale, country: u.country ?? null });

// Verifying against this when the email is unknown keeps sign-in timing the same either way.
let dummyHash: Promise<string> | undefined;

export const authRoutes = newRouter()
  .openapi(register, async (c) => {
    const body = c.req.valid('json');
    const { db, passwordParams } = c.var.deps;
    const passwordHash = await hashPassword(body.password, passwordParams);
    const user = { id: crypto.randomUUID(), email: body.email, name: body.name, role: 'learner' as const, locale: body.locale, country: body.country ?? null };
    const inserted = await db.insert(users).values({ ...user, passwordHash }).onConflictDoNothing().returning({ id: users.id });
    if (inserted.length === 0) {
      // Deliberately vague: do not confirm that this email has an account.
      throw new ApiError(409, 'conflict', 'We could not create an account with these details. If you already have an account, sign in instead.');
    }
    await startSession(c, user);
    return c.json({ user: publicUser(user) }, 201);
  })
  .openapi(login, async (c) => {
    const body = c.req.valid('json');
    const { db, passwordParams } = c.var.deps;
    const row = (await db.select().from(users).where(eq(users.email, body.email)).limit(1))[0];
    if (!row) {
      await verifyPassword(body.password, await (dummyHash ??= hashPassword('not a real password', passwordParams)));
      throw badCredentials();
    }
    if (!(await verifyPassword(body.password, row.passwordHash))) throw badCredentials();
    if (needsRehash(row.passwordHash, passwordParams)) {
      await db.update(users).set({ passwordHash: await hashPassword(body.password, passwordParams) }).where(eq(users.id, row.id));
    }
    await startSession(c, row);
    return c.json({ user: publicUser(row) }, 200);
  })
  .openapi(logout, async (c) => {
    if (c.var.sessionId) await invalidateSession(c.var.deps.db, c.var.sessionId);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(me, (c) => c.json({ user: c.var.user ? publicUser(c.var.user) : null }, 200));

