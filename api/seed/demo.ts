import { inArray } from 'drizzle-orm';
import type { Role } from '#core/user.ts';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { randomString } from '../auth/tokens.ts';
import { createUser } from '../auth/users.ts';
import type { CurriculumIndex } from '#core/curriculum/manifest.ts';
import { seedDemoProgram } from './program.ts';
import type { ScryptParams } from '../auth/password.ts';

export interface DemoAccount {
  role: Role;
  email: string;
  name: string;
  password: string;
}

const DEMO: Array<Omit<DemoAccount, 'password'> & { country: string }> = [
  { role: 'learner', email: 'learner@accord.test', name: 'Amina Diallo', country: 'SN' },
  { role: 'mentor', email: 'mentor@accord.test', name: 'Rafael Mendoza', country: 'CL' },
  { role: 'manager', email: 'manager@accord.test', name: 'Leilani Tauiliili', country: 'WS' },
  { role: 'admin', email: 'admin@accord.test', name: 'Accord Admin', country: 'KE' },
];

/**
 * Seeds one account per role on first run only, and (given the curriculum) the demo program
 * around them (see program.ts). Passwords are random, made on this machine,
 * and kept by the caller (data/demo-accounts.json, never committed). A second run changes nothing.
 */
export async function seedDemo(
  db: Database,
  known: DemoAccount[] | null,
  program?: { curriculum: CurriculumIndex; now: Date; passwordParams?: ScryptParams; award?: (userId: string, courseId: string) => Promise<unknown> },
): Promise<{ accounts: DemoAccount[]; created: number; programCreated: boolean }> {
  const existing = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO.map((d) => d.email),
      ),
    );
  const present = new Set(existing.map((e) => e.email));
  const accounts: DemoAccount[] = [];
  let created = 0;
  for (const demo of DEMO) {
    const remembered = known?.find((k) => k.email === demo.email);
    if (present.has(demo.email)) {
      if (remembered) accounts.push(remembered);
      continue;
    }
    const password = `${randomString(6)}-${randomString(6)}`;
    await createUser(db, { ...demo, password });
    accounts.push({ role: demo.role, email: demo.email, name: demo.name, password });
    created += 1;
  }
  let programCreated = false;
  if (program) {
    const ids = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          DEMO.map((d) => d.email),
        ),
      );
    const idOf = (role: Role) => ids.find((u) => u.email === DEMO.find((d) => d.role === role)!.email)!.id;
    programCreated = await seedDemoProgram(
      db,
      program.curriculum,
      { learnerId: idOf('learner'), mentorId: idOf('mentor'), managerId: idOf('manager') },
      program.now,
      program.passwordParams,
      program.award,
    );
  }
  return { accounts, created, programCreated };
}
