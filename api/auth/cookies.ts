import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../context.ts';
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
