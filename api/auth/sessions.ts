import { eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { publicUserColumns, sessions, users } from './tables.ts';
import type { SessionUser } from '../context.ts';
import { newSessionToken, parseSessionToken, secretMatches } from './tokens.ts';

export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Sliding expiry: a session used in its second half is extended to a full term again. */
const RENEW_WITHIN_MS = (SESSION_DAYS / 2) * DAY_MS;

export async function createSession(db: Database, userId: string, now: Date) {
  const { id, token, secretHash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  await db.insert(sessions).values({ id, secretHash, userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return { id, token, expiresAt };
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  /** Set when the expiry moved and the cookie must be re-sent. */
  renewedUntil: Date | null;
}

export async function validateSessionToken(db: Database, token: string, now: Date): Promise<ValidSession | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const rows = await db
    .select({
      secretHash: sessions.secretHash,
      expiresAt: sessions.expiresAt,
      user: publicUserColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, parsed.id))
    .limit(1);
  const row = rows[0];
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  const expiresAt = new Date(row.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, parsed.id));
    return null;
  }
  let renewedUntil: Date | null = null;
  if (expiresAt.getTime() - now.getTime() < RENEW_WITHIN_MS) {
    renewedUntil = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
    await db.update(sessions).set({ expiresAt: renewedUntil.toISOString() }).where(eq(sessions.id, parsed.id));
  }
  return { sessionId: parsed.id, user: row.user, renewedUntil };
}

export async function invalidateSession(db: Database, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (sign out everywhere, a new password, a new role). */
export function invalidateUserSessions(db: Database, userId: string) {
  return db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Database, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString()));
}
