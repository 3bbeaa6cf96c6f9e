import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from '../db/columns.ts';

/** Who did what to whom, for admin review. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  target: text('target'),
  data: text('data'),
  at: createdAt(),
});
