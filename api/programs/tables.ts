import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from '../auth/tables.ts';
import { createdAt } from '../db/columns.ts';

/** The M49 regions an admin has given a program manager; a manager works only inside them. */
export const managerRegions = sqliteTable(
  'manager_regions',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.region] })],
);

/** A national or regional training program: cohorts of officials taking courses. */
export const programs = sqliteTable('programs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Calendar dates, YYYY-MM-DD. */
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  /** How the matching engine pairs mentors and learners here: JSON, defaults filled in by api/matching/rules.ts. */
  matchingRules: text('matching_rules').notNull().default('{}'),
  /** Share of recorded sessions a cohort learner must attend for a course certificate. */
  attendancePercent: integer('attendance_percent').notNull().default(75),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const programRegions = sqliteTable(
  'program_regions',
  {
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.region] })],
);

export const programCourses = sqliteTable(
  'program_courses',
  {
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.courseId] })],
);

export const programManagers = sqliteTable(
  'program_managers',
  {
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.programId, t.userId] }), index('program_managers_user_idx').on(t.userId)],
);

/** A group of learners taking one course of a program together, in one locale, on set dates. */
export const cohorts = sqliteTable(
  'cohorts',
  {
    id: text('id').primaryKey(),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    courseId: text('course_id').notNull(),
    locale: text('locale').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    capacity: integer('capacity').notNull(),
    /** The weekly meeting pattern (core/schedule/pattern.ts); all null when the cohort has none. */
    meetingWeekday: integer('meeting_weekday'),
    meetingTime: text('meeting_time'),
    meetingMinutes: integer('meeting_minutes'),
    timeZone: text('time_zone').notNull(),
    /** Shared with learners to join; rotating it makes the old one stop working. */
    joinCode: text('join_code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('cohorts_join_code_unique').on(t.joinCode), index('cohorts_program_idx').on(t.programId)],
);

export const MEMBERSHIP_SOURCES = ['code', 'import', 'invitation', 'manager'] as const;

export const cohortMembers = sqliteTable(
  'cohort_members',
  {
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source', { enum: MEMBERSHIP_SOURCES }).notNull(),
    joinedAt: text('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('cohort_members_user_idx').on(t.userId)],
);

/** A person named in an imported roster who has no account yet: the link sets a password. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    /** SHA-256 of the secret in the link; the secret itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    country: text('country'),
    locale: text('locale'),
    organisation: text('organisation'),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    acceptedAt: text('accepted_at'),
  },
  (t) => [uniqueIndex('invitations_cohort_email_unique').on(t.cohortId, t.email), uniqueIndex('invitations_token_unique').on(t.tokenHash)],
);
