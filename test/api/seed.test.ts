import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray, like, lt } from 'drizzle-orm';
import { attendance, cohortMembers, cohorts, credentials, lessonProgress, meetings, mentorGroups, programs, users } from '../../api/db/schema.ts';
import { seedDemo } from '../../api/seed/demo.ts';
import { CERTIFIED_DEMO_LEARNER, DEMO_PROGRAM_NAME } from '../../api/seed/program.ts';
import { awardIfEarned } from '../../api/certification/issuing.ts';
import { verifyCredential } from '#core/credentials/verify.ts';
import { managesProgram } from '../../api/programs/access.ts';
import { indexManifest } from '#core/curriculum/manifest.ts';
import { verifyPassword } from '../../api/auth/password.ts';
import { makeTestApp, TEST_SCRYPT } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('demo seed', () => {
  // Only this file uses @accord.test addresses, so it also holds on the sqld project's shared database.
  it('creates one account per role on first run with working random passwords, and nothing on the second', async () => {
    const first = await seedDemo(t.db, null);
    expect(first.created).toBe(4);
    expect(first.accounts.map((a) => a.role).sort()).toEqual(['admin', 'learner', 'manager', 'mentor']);
    expect(new Set(first.accounts.map((a) => a.password)).size).toBe(4);
    const learner = first.accounts.find((a) => a.role === 'learner')!;
    const login = await t.call('POST', '/api/auth/login', { email: learner.email, password: learner.password });
    expect(login.status).toBe(200);

    const second = await seedDemo(t.db, first.accounts);
    expect(second.created).toBe(0);
    expect(second.accounts).toEqual(first.accounts);
    const demoUsers = await t.db.select({ n: count() }).from(users).where(like(users.email, '%@accord.test'));
    expect(demoUsers[0]!.n).toBe(4);
    const row = (await t.db.select().from(users).where(like(users.email, 'learner@accord.test')))[0]!;
    expect(await verifyPassword(learner.password, row.passwordHash)).toBe(true);
  });
});

describe('demo program', () => {
  // Runs after the accounts test in this file (same database): the program is built around them.
  const now = new Date('2026-12-02T12:00:00Z');
  let first: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    first = await seedDemo(t.db, null, {
      curriculum: indexManifest(t.manifest),
      now,
      passwordParams: TEST_SCRYPT,
      award: (u, c) => awardIfEarned(t.deps, u, c),
    });
  });

  it(`gives ${CERTIFIED_DEMO_LEARNER} an earned certificate for the English cohort's course, which verifies`, async () => {
    const [holder] = await t.db.select().from(users).where(eq(users.name, CERTIFIED_DEMO_LEARNER));
    const held = await t.db.select().from(credentials).where(eq(credentials.userId, holder!.id));
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ courseId: 'treaty-frameworks', issuedBy: null, state: 'active' });
    expect(held[0]!.cohortId).not.toBeNull();
    const verdict = await verifyCredential(JSON.parse(held[0]!.document), {
      fetchJson: async (url) => {
        const res = await t.call('GET', new URL(url).pathname);
        return res.status === 200 ? res.json : null;
      },
    });
    expect(verdict).toMatchObject({ outcome: 'valid', holderName: CERTIFIED_DEMO_LEARNER });
  });

  it('is made on the first run with three cohorts (two English, one French) and twenty learners', async () => {
    expect(first.programCreated).toBe(true);
    const [program] = await t.db.select().from(programs).where(eq(programs.name, DEMO_PROGRAM_NAME));
    const rows = await t.db.select().from(cohorts).where(eq(cohorts.programId, program!.id));
    expect(rows.map((c) => c.locale).sort()).toEqual(['en', 'en', 'fr']);
    const members = await t.db
      .select()
      .from(cohortMembers)
      .where(
        inArray(
          cohortMembers.cohortId,
          rows.map((c) => c.id),
        ),
      );
    expect(new Set(members.map((m) => m.userId)).size).toBe(20);
    // The cohort about to start has learners and no mentor groups yet: matching's demo.
    const next = rows.find((c) => c.name === 'Foundations, English, cohort 2')!;
    expect(members.filter((m) => m.cohortId === next.id).length).toBeGreaterThan(8);
    expect(await t.db.select().from(mentorGroups).where(eq(mentorGroups.cohortId, next.id))).toEqual([]);
  });

  it('gives the demo mentor and manager a living program to see through the API', async () => {
    const manager = (await t.db.select().from(users).where(eq(users.email, 'manager@accord.test')))[0]!;
    const mentor = (await t.db.select().from(users).where(eq(users.email, 'mentor@accord.test')))[0]!;
    const groups = await t.db.select().from(mentorGroups).where(eq(mentorGroups.mentorId, mentor.id));
    expect(groups).toHaveLength(2);
    const held = await t.db.select().from(meetings).where(lt(meetings.startsAt, now.toISOString()));
    expect(held.length).toBeGreaterThan(4);
    const marks = await t.db
      .select()
      .from(attendance)
      .where(
        inArray(
          attendance.meetingId,
          held.map((m) => m.id),
        ),
      );
    expect(marks.length).toBeGreaterThan(20);
    const progress = await t.db.select().from(lessonProgress);
    expect(progress.length).toBeGreaterThan(10);
    expect(await managesProgram(t.db, manager.id, (await t.db.select().from(programs).where(eq(programs.name, DEMO_PROGRAM_NAME)))[0]!.id)).toBe(true);
  });

  it('changes nothing on a second run', async () => {
    const before = await t.db.select({ n: count() }).from(meetings);
    const again = await seedDemo(t.db, null, { curriculum: indexManifest(t.manifest), now, passwordParams: TEST_SCRYPT });
    expect(again.programCreated).toBe(false);
    expect(again.created).toBe(0);
    expect((await t.db.select({ n: count() }).from(meetings))[0]!.n).toBe(before[0]!.n);
    expect((await t.db.select({ n: count() }).from(programs).where(eq(programs.name, DEMO_PROGRAM_NAME)))[0]!.n).toBe(1);
  });
});
