import { asc, eq, gt } from 'drizzle-orm';
import type { Role } from '#core/user.ts';
import type { Database } from '../db/client.ts';
import { publicUserColumns, users } from '../auth/tables.ts';
import { auditLog } from './tables.ts';
import { invalidateUserSessions } from '../auth/sessions.ts';

/** All of administration's SQL: users and roles, and the audit trail of what admins changed. */

const columns = { ...publicUserColumns, createdAt: users.createdAt };

/** A page of users ordered by email, continuing after `after`; `next` is null on the last page. */
export async function pageOfUsers(db: Database, limit: number, after?: string) {
  const rows = await db
    .select(columns)
    .from(users)
    .where(after ? gt(users.email, after) : undefined)
    .orderBy(asc(users.email))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { users: page, next: rows.length > limit ? page[page.length - 1]!.email : null };
}

export async function userById(db: Database, id: string) {
  return (await db.select(columns).from(users).where(eq(users.id, id)).limit(1))[0];
}

/** Changes the role, ends the user's sessions (they sign in again under the new role) and records who did it, atomically. */
export async function changeRole(db: Database, o: { actorId: string; userId: string; from: Role; to: Role; at: string }) {
  await db.batch([
    db.update(users).set({ role: o.to }).where(eq(users.id, o.userId)),
    invalidateUserSessions(db, o.userId),
    db
      .insert(auditLog)
      .values({ actorId: o.actorId, action: 'user.role.changed', target: o.userId, data: JSON.stringify({ from: o.from, to: o.to }), at: o.at }),
  ]);
}
