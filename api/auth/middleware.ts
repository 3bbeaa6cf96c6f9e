import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './cookies.ts';
import { validateSessionToken } from './sessions.ts';

/** Loads the signed-in user (if any) from the session cookie; renews the cookie when slid. */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  c.set('user', null);
  c.set('sessionId', null);
  const token = readSessionCookie(c);
  if (token) {
    const { db, clock } = c.var.deps;
    const session = await validateSessionToken(db, token, clock());
    if (session) {
      c.set('user', session.user);
      c.set('sessionId', session.sessionId);
      if (session.renewedUntil) writeSessionCookie(c, token, session.renewedUntil);
    } else {
      clearSessionCookie(c);
    }
  }
  await next();
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Same-origin check for every state-changing request, JSON included (hono's csrf() only checks
 * form posts). Browsers always send Origin on POST; without it we fall back to Sec-Fetch-Site;
 * a request with neither is refused, since we cannot tell where it came from. The only origin
 * trusted is the configured PUBLIC_ORIGIN: never one built from the request's Host header, which
 * a DNS-rebinding page controls (Host: evil.example with Origin: http://evil.example would pass).
 */
export const requireSameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  const fetchSite = c.req.header('sec-fetch-site');
  const ok = origin ? origin === c.var.deps.publicOrigin : fetchSite === 'same-origin' || fetchSite === 'none';
  if (!ok) {
    throw new ApiError(403, 'cross_origin', 'This request must come from the Accord site itself (cross-origin requests are refused).');
  }
  await next();
});
