import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext, SessionUser } from '../context.ts';
import { createSession, invalidateSession } from './sessions.ts';
import { isLocalHttp } from '../settings.ts';

export const SESSION_COOKIE = 'accord_session';

export function readSessionCookie(c: AppContext): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: AppContext, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: !isLocalHttp(c.var.deps.publicOrigin),
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: !isLocalHttp(c.var.deps.publicOrigin) });
}

/** Signs the user in on this response: a fresh session, rotating away any the browser already had. */
export async function startSession(c: AppContext, user: Pick<SessionUser, 'id'>) {
  const { db, clock } = c.var.deps;
  if (c.var.sessionId) await invalidateSession(db, c.var.sessionId);
  const session = await createSession(db, user.id, clock());
  writeSessionCookie(c, session.token, session.expiresAt);
}
