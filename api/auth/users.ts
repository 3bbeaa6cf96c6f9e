import { eq } from 'drizzle-orm';
import { DEFAULT_LOCALE } from '#core/locales.ts';
import type { Role } from '#core/user.ts';
import type { Database } from '../db/client.ts';
import { hashPassword, PRODUCTION_SCRYPT, type ScryptParams } from './password.ts';
import { users } from './tables.ts';

/**
 * Accounts: the one way a user row is made (sign-up, the demo seed and the tests all call
 * `createUser`), and the account SQL the auth routes need.
 */
export interface NewUser {
  email: string;
  name: string;
  password: string;
  role?: Role;
  locale?: string;
  country?: string | null;
}

/** Creates the account, or returns null when the email is taken (nothing is written then). */
export async function insertUser(db: Database, input: NewUser, params: ScryptParams = PRODUCTION_SCRYPT) {
  const row = {
    id: crypto.randomUUID(),
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role ?? ('learner' as Role),
    locale: input.locale ?? DEFAULT_LOCALE,
    country: input.country ?? null,
    passwordHash: await hashPassword(input.password, params),
  };
  const inserted = await db.insert(users).values(row).onConflictDoNothing().returning({ id: users.id });
  return inserted.length === 1 ? row : null;
}

/** Creates the account (the seed and the tests): an email already taken is a mistake there. */
export async function createUser(db: Database, input: NewUser, params: ScryptParams = PRODUCTION_SCRYPT) {
  const user = await insertUser(db, input, params);
  if (!user) throw new Error(`createUser: ${input.email} already has an account`);
  return user;
}

export async function userByEmail(db: Database, email: string) {
  return (await db.select().from(users).where(eq(users.email, email)).limit(1))[0];
}

/** When the account was made (the epoch if there is no such account). */
export async function accountCreatedAt(db: Database, userId: string): Promise<Date> {
  const [row] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  return row ? new Date(row.createdAt) : new Date(0);
}

export async function passwordHashOf(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.hash ?? null;
}

export async function setPasswordHash(db: Database, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
