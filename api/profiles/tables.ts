import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from '../auth/tables.ts';
import { createdAt } from '../db/columns.ts';

export const ORGANISATION_KINDS = ['ministry', 'regulator', 'agency', 'other'] as const;

/** Public bodies users work for, listed per country; users pick one or add their own. */
export const organisations = sqliteTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    name: text('name').notNull(),
    /** Lower-cased, spaces collapsed: one organisation per name per country. */
    nameKey: text('name_key').notNull(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    /** Null for the seeded list; otherwise the user who added it. */
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('organisations_country_name_unique').on(t.country, t.nameKey)],
);

/** What everyone tells us about themselves; country and locale stay on `users`. */
export const profiles = sqliteTable('profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  organisationId: text('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
  /** Working languages, JSON array of locale codes. */
  languages: text('languages').notNull().default('[]'),
  /** IANA time zone, guessed by the browser and confirmed by the user. */
  timeZone: text('time_zone'),
  /** Weekly availability windows in `timeZone`, JSON (core/schedule/availability.ts). */
  availability: text('availability').notNull().default('[]'),
  updatedAt: text('updated_at').notNull(),
});

/** What a mentor adds to their profile; the matching engine reads it. */
export const mentorProfiles = sqliteTable('mentor_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Course ids (the six course topics), JSON array. */
  expertise: text('expertise').notNull().default('[]'),
  /** Free tags, JSON array. */
  tags: text('tags').notNull().default('[]'),
  /** ISO alpha-2 countries the mentor knows, JSON array. */
  countries: text('countries').notNull().default('[]'),
  /** M49 region codes the mentor knows, JSON array. */
  regions: text('regions').notNull().default('[]'),
  /** The most mentees this mentor takes at once. */
  capacity: integer('capacity').notNull().default(5),
  /** Weekly group meetings the mentor offers, on their own wall clock: JSON GroupSlot[] (api/profiles/rules.ts). */
  groupSlots: text('group_slots').notNull().default('[]'),
  bio: text('bio').notNull().default(''),
  updatedAt: text('updated_at').notNull(),
});
