import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from '../auth/tables.ts';
import { createdAt } from '../db/columns.ts';

export const NOTIFICATION_KINDS = [
  'cohort.added',
  'mentor.assigned',
  'meeting.scheduled',
  'meeting.changed',
  'capstone.reviewed',
  'credential.issued',
  'credential.changed',
] as const;

/**
 * The in-app inbox. Each row is one thing that happened to one user, with the data to describe
 * it in any language; an email sender can later read the same rows (see notifications/store.ts).
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** JSON: the ids and names the message needs (cohort name, meeting time...). */
    data: text('data').notNull(),
    createdAt: createdAt(),
    readAt: text('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
