import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from '../auth/tables.ts';
import { cohorts } from '../programs/tables.ts';

export const CREDENTIAL_STATES = ['active', 'suspended', 'revoked'] as const;

/**
 * One course certificate per learner and course, issued as a signed Open Badges 3.0 credential
 * (the `document`, exactly as signed). Its status lives here and, for outside verifiers, in the
 * signed status lists at the credential's random `status_index`.
 */
export const credentials = sqliteTable(
  'credentials',
  {
    /** Random and unguessable: the credential's public URL carries it. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    /** The cohort it was earned in (its program's managers may revoke it); null for self-study. */
    cohortId: text('cohort_id').references(() => cohorts.id, { onDelete: 'set null' }),
    locale: text('locale').notNull(),
    statusIndex: integer('status_index').notNull(),
    state: text('state', { enum: CREDENTIAL_STATES }).notNull().default('active'),
    stateChangedAt: text('state_changed_at'),
    stateReason: text('state_reason'),
    stateChangedBy: text('state_changed_by').references(() => users.id, { onDelete: 'set null' }),
    issuedAt: text('issued_at').notNull(),
    /** Null when issued automatically on completion; the manager who issued it by hand otherwise. */
    issuedBy: text('issued_by').references(() => users.id, { onDelete: 'set null' }),
    issueReason: text('issue_reason'),
    document: text('document').notNull(),
  },
  (t) => [
    uniqueIndex('credentials_user_course_unique').on(t.userId, t.courseId),
    uniqueIndex('credentials_status_index_unique').on(t.statusIndex),
    index('credentials_cohort_idx').on(t.cohortId),
  ],
);

/** The signed Bitstring Status List credential (revocation), re-signed whenever a credential is revoked. */
export const statusLists = sqliteTable('status_lists', {
  purpose: text('purpose', { enum: ['revocation'] }).primaryKey(),
  document: text('document').notNull(),
  updatedAt: text('updated_at').notNull(),
});
