import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type NOTIFICATION_KINDS, notifications } from './tables.ts';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Records that something happened to these users; the inbox shows it. Every producer (cohorts,
 * mentoring) calls this one function, so an email sender added later reads the same rows (for
 * example: rows with no `emailedAt`, once that column exists) instead of hooking every producer.
 */
export async function notify(db: Database, userIds: readonly string[], kind: NotificationKind, data: Record<string, unknown>, at: Date): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const createdAt = at.toISOString();
  const json = JSON.stringify(data);
  for (let i = 0; i < unique.length; i += 500) {
    await db.insert(notifications).values(unique.slice(i, i + 500).map((userId) => ({ id: crypto.randomUUID(), userId, kind, data: json, createdAt })));
  }
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The newest `limit` notifications of a user, and how many of all of theirs are unread. */
export async function inbox(db: Database, userId: string, limit: number) {
  const [rows, unread] = await Promise.all([
    db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit),
    unreadCount(db, userId),
  ]);
  return {
    unread,
    notifications: rows.map((r) => ({ id: r.id, kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown>, createdAt: r.createdAt, readAt: r.readAt })),
  };
}

/** Marks some (or, with `ids` undefined, all) of the user's notifications read; others' ids are ignored. */
export async function markRead(db: Database, userId: string, ids: readonly string[] | undefined, at: Date): Promise<void> {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  await db
    .update(notifications)
    .set({ readAt: at.toISOString() })
    .where(ids ? and(mine, inArray(notifications.id, [...ids])) : mine);
}
