import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from '../auth/tables.ts';
import { createdAt } from '../db/columns.ts';
import { cohorts } from '../programs/tables.ts';

export const GROUP_SOURCES = ['manual', 'matching'] as const;

/** A mentor and their mentees inside one cohort; made by hand or by the matching engine. */
export const mentorGroups = sqliteTable(
  'mentor_groups',
  {
    id: text('id').primaryKey(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    mentorId: text('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source', { enum: GROUP_SOURCES }).notNull(),
    /** Matching in group mode: the mentor's weekly slot this group meets in (a mentor may lead one group per slot); '' for groups made by hand. */
    slotId: text('slot_id').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mentor_groups_cohort_mentor_slot_unique').on(t.cohortId, t.mentorId, t.slotId), index('mentor_groups_mentor_idx').on(t.mentorId)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => mentorGroups.id, { onDelete: 'cascade' }),
    /** Repeated from the group so a learner is in at most one group per cohort. */
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.learnerId] }), uniqueIndex('group_members_cohort_learner_unique').on(t.cohortId, t.learnerId)],
);

export const MEETING_SOURCES = ['pattern', 'one-off'] as const;

/** A cohort meeting (groupId null) or a mentor group's meeting. Times are UTC instants. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => mentorGroups.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    source: text('source', { enum: MEETING_SOURCES }).notNull(),
    /** Pattern meetings: the local date they were made for, so regenerating creates no duplicates. */
    patternDate: text('pattern_date'),
    /** iCalendar SEQUENCE: raised on every change so calendar apps update the event. */
    sequence: integer('sequence').notNull().default(0),
    cancelledAt: text('cancelled_at'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('meetings_cohort_idx').on(t.cohortId, t.startsAt),
    // One pattern meeting per local date: per cohort for cohort meetings, per group for group meetings.
    uniqueIndex('meetings_pattern_unique').on(t.cohortId, t.patternDate).where(sql`${t.groupId} IS NULL`),
    uniqueIndex('meetings_group_pattern_unique').on(t.groupId, t.patternDate),
  ],
);

export const ATTENDANCE = ['present', 'absent', 'excused'] as const;

export const attendance = sqliteTable(
  'attendance',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ATTENDANCE }).notNull(),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('attendance_user_idx').on(t.userId)],
);

/** A mentor's private note on a mentee; managers of the program see it only when shared. */
export const mentorNotes = sqliteTable(
  'mentor_notes',
  {
    id: text('id').primaryKey(),
    mentorId: text('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('mentor_notes_learner_idx').on(t.learnerId, t.cohortId)],
);

export const CAPSTONE_STATUSES = ['submitted', 'approved', 'changes_requested'] as const;

/** Every version of a learner's capstone, kept; the review is written on the version reviewed. */
export const capstoneSubmissions = sqliteTable(
  'capstone_submissions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    link: text('link'),
    status: text('status', { enum: CAPSTONE_STATUSES }).notNull(),
    submittedAt: text('submitted_at').notNull(),
    feedback: text('feedback'),
    reviewerId: text('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: text('reviewed_at'),
  },
  (t) => [uniqueIndex('capstone_user_cohort_version_unique').on(t.userId, t.cohortId, t.version)],
);

export const FEED_KINDS = ['cohort', 'person'] as const;

/** Secret calendar subscription URLs: the URL holds the secret, the database only its hash. */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    kind: text('kind', { enum: FEED_KINDS }).notNull(),
    /** The cohort id (kind cohort) or the user id (kind person) whose meetings it lists. */
    subjectId: text('subject_id').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token_unique').on(t.tokenHash), index('calendar_feeds_owner_idx').on(t.ownerId)],
);
