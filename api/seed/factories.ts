import type { Database } from '../db/client.ts';
import { users, type Role } from '../db/schema.ts';
import { hashPassword, PRODUCTION_SCRYPT, type ScryptParams } from '../auth/password.ts';

/** Factories shared by the demo seed and the tests, so both build data the same way. */
export interface NewUser {
  email: string;
  name: string;
  password: string;
  role?: Role;
  locale?: string;
  country?: string | null;
}

export async function createUser(db: Database, input: NewUser, params: ScryptParams = PRODUCTION_SCRYPT) {
  const row = {
    id: crypto.randomUUID(),
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role ?? 'learner',
    locale: input.locale ?? 'en',
    country: input.country ?? null,
    passwordHash: await hashPassword(input.password, params),
  };
  await db.insert(users).values(row);
  return row;
}
