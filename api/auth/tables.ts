import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEFAULT_LOCALE } from '#core/locales.ts';
import { ROLES } from '#core/user.ts';
import { createdAt } from '../db/columns.ts';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('learner'),
    /** Preferred UI and content language (BCP 47 code of a site locale). */
    locale: text('locale').notNull().default(DEFAULT_LOCALE),
    /** ISO 3166-1 alpha-2, optional. */
    country: text('country'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

/** Lucia-style sessions: the cookie holds `id.secret`; only SHA-256(secret) is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins in a row, per account (the e-mail as typed, lower-cased, whether or not it has an
 * account) and client address: after a few, each more failure locks password sign-in there for
 * longer (api/auth/backoff.ts). Cleared by a success; forgotten a day after the last failure.
 */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    account: text('account').notNull(),
    address: text('address').notNull(),
    failures: integer('failures').notNull(),
    lastFailureAt: text('last_failure_at').notNull(),
    lockedUntil: text('locked_until'),
  },
  (t) => [primaryKey({ columns: [t.account, t.address] })],
);

export type User = typeof users.$inferSelect;

/** The columns of the public user shape (core/user.ts), for every query that returns a user. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  locale: users.locale,
  country: users.country,
};
