// Mentor matching on the demo program, end to end in real Chromium against the real server: the
// manager runs matching for "Foundations, English, cohort 2", reads why a mentor was proposed,
// moves one learner (confirming, since it scores lower), and approves; the mentor then finds the
// new group, and Amina, the demo learner, sees her mentor and her next meeting on her own clock.
// Then the manager matches the whole program from its page and opens one cohort's review from there.
// Each step is its own test, so none comes near the timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { setPasswordHash, userByEmail } from '../../api/auth/users.ts';
import { hashPassword } from '../../api/auth/password.ts';
import { groupMembers, mentorGroups } from '../../api/mentoring/tables.ts';
import { cohorts } from '../../api/programs/tables.ts';
import { users } from '../../api/db/schema.ts';
import { seedDemo } from '../../api/seed/demo.ts';
import { indexManifest } from '#core/curriculum/manifest.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { browserSteps, expectAccessible, PASSWORD } from '../support/browser-steps.ts';
import { loadManifest, TEST_SCRYPT } from '../support/app.ts';

const env = useServerAndBrowser();
const { url, openPage, signIn } = browserSteps(env);
const s = {} as { cohortId: string; aminaId: string; managerEmail: string; context: BrowserContext; page: Page; moved: string; mentorName: string };

describe('mentor matching: the manager, the mentor and the learner', () => {
  beforeAll(async () => {
    const { db } = env.server;
    const seeded = await seedDemo(db, null, { curriculum: indexManifest(loadManifest()), now: new Date(), passwordParams: TEST_SCRYPT });
    expect(seeded.programCreated).toBe(true);
    // The demo's passwords are random; the journey gives its three people a known one.
    const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
    for (const email of ['manager@accord.test', 'learner@accord.test']) await setPasswordHash(db, (await userByEmail(db, email))!.id, hash);
    const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.name, 'Foundations, English, cohort 2'));
    s.cohortId = cohort!.id;
    s.aminaId = (await userByEmail(db, 'learner@accord.test'))!.id;
    ({ context: s.context, page: s.page } = await openPage({ timezoneId: 'Pacific/Apia' }));
    await signIn(s.page, 'manager@accord.test');
  });
  afterAll(async () => {
    await s.context?.close();
  });

  it('runs matching and shows the proposals grouped by mentor, with progress while it runs', async () => {
    const { page } = s;
    await page.goto(url(`/en/manage/matching/?id=${encodeURIComponent(s.cohortId)}`));
    await expect.poll(() => page.locator('[data-no-run]').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Run matching' }).click();
    await expect.poll(() => page.locator('[data-matched]').textContent()).toMatch(/^\d+ of \d+ learners placed with a mentor\.$/);
    await expect.poll(() => page.locator('[data-status]').textContent()).toBe('Waiting for your approval.');
    expect(await page.locator('[data-summary]').textContent()).toContain('This is a proven optimum for these rules.');
    expect(await page.locator('[data-mentor]').count()).toBeGreaterThan(1);
    await expectAccessible(page);
  });

  it('explains why Amina’s mentor was proposed', async () => {
    const amina = s.page.locator(`[data-learner="${s.aminaId}"]`);
    await amina.getByText('Why this mentor').click();
    const why = amina.locator('details ul');
    await expect.poll(() => why.isVisible()).toBe(true);
    const lines = await why.locator('li').allTextContents();
    expect(lines).toContain('Shares English');
    // The expertise and region terms with their points; the time on the manager's own clock (Apia).
    expect(lines).toContain('Knows the course (+40)');
    expect(lines).toContain('Knows Senegal (+30)');
    expect(lines.find((l) => l.startsWith('Meets '))).toMatch(/GMT\+13/);
  });

  it('moves one learner to no mentor only after confirming the lower score, and lists them without a mentor', async () => {
    const { page } = s;
    // Anyone but Amina (a filter's hasNot looks only inside each item, so it would not exclude her).
    const other = page.locator(`[data-mentor] [data-learner]:not([data-learner="${s.aminaId}"])`);
    const item = other.first();
    s.moved = (await item.getAttribute('data-learner'))!;
    const name = (await item.locator('strong').textContent())!;
    await item.getByRole('button', { name: 'Move' }).click();
    await item.getByLabel(`Move ${name} to`).selectOption({ label: 'No mentor' });
    await item.locator('form').getByRole('button', { name: 'Move' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toMatch(/This placement scores 0 points, lower than the proposed -?\d+\. Move anyway\?/);
    await dialog.getByRole('button', { name: 'Move anyway' }).click();
    const unmatched = page.locator(`[data-unmatched] [data-learner="${s.moved}"]`);
    await expect.poll(() => unmatched.isVisible()).toBe(true);
    expect(await unmatched.textContent()).toContain('Left without a mentor by a manager.');
  });

  it('approves after confirming, which makes the groups', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Approve and create the groups' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Approve and create the groups' }).click();
    await expect.poll(() => page.locator('[data-status]').textContent()).toBe('Approved: the groups and their meetings are made.');
    await expect
      .poll(() => page.locator('[data-page-status]').textContent())
      .toMatch(/^Approved: \d+ new groups, \d+ learners placed, \d+ meetings planned\.$/);
    const { db } = env.server;
    const placed = await db
      .select({ learnerId: groupMembers.learnerId })
      .from(groupMembers)
      .innerJoin(mentorGroups, eq(mentorGroups.id, groupMembers.groupId))
      .where(and(eq(mentorGroups.cohortId, s.cohortId), eq(mentorGroups.source, 'matching')));
    expect(placed.map((p) => p.learnerId)).toContain(s.aminaId);
    expect(placed.map((p) => p.learnerId)).not.toContain(s.moved);
  });

  it('the mentor finds the new group with Amina in it', async () => {
    const { db } = env.server;
    const [group] = await db
      .select({ mentorId: mentorGroups.mentorId, id: mentorGroups.id })
      .from(groupMembers)
      .innerJoin(mentorGroups, eq(mentorGroups.id, groupMembers.groupId))
      .where(and(eq(mentorGroups.cohortId, s.cohortId), eq(groupMembers.learnerId, s.aminaId)));
    const [mentor] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, group!.mentorId));
    s.mentorName = mentor!.name;
    await setPasswordHash(db, group!.mentorId, await hashPassword(PASSWORD, TEST_SCRYPT));
    const { context, page } = await openPage({ timezoneId: 'America/Santiago' });
    await signIn(page, mentor!.email);
    await page.goto(url('/en/mentor/'));
    const card = page.locator(`[data-group="${group!.id}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe('Foundations, English, cohort 2');
    expect(await card.locator(`[data-mentee="${s.aminaId}"]`).textContent()).toContain('Amina Diallo');
    await context.close();
  });

  it('Amina sees her mentor and her next meeting, on Dakar’s clock', async () => {
    const { context, page } = await openPage({ timezoneId: 'Africa/Dakar' });
    await signIn(page, 'learner@accord.test');
    const card = page.locator(`[data-cohort="${s.cohortId}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    const facts = await card.locator('dl').textContent();
    expect(facts).toContain(s.mentorName);
    expect(facts).not.toContain('Not assigned yet');
    await expect.poll(() => card.locator('[data-next-meeting]').textContent()).toMatch(/\d/);
    await context.close();
  });

  it('matches the whole program from its page, cohort by cohort, and opens a cohort’s review from there', async () => {
    const { page } = s;
    const { db } = env.server;
    const [cohort] = await db.select({ programId: cohorts.programId }).from(cohorts).where(eq(cohorts.id, s.cohortId));
    await page.goto(url(`/en/manage/program/?id=${encodeURIComponent(cohort!.programId)}`));
    await expect.poll(() => page.getByText('No program-wide matching has been run yet.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Match every cohort' }).click();
    const rows = page.locator('[data-batch-runs] tr');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => page.getByRole('link', { name: /^Review the proposals for / }).count()).toBe(3);
    const texts = await rows.allTextContents();
    for (const row of texts) expect(row).toMatch(/Waiting for your approval\.\d+ of \d+Review$/);
    // Earliest start first: the second English cohort starts a week after the other two.
    expect(texts[2]).toContain('Foundations, English, cohort 2');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Review the proposals for Foundations, English, cohort 2' }).click();
    await expect.poll(() => page.locator('[data-status]').textContent()).toBe('Waiting for your approval.');
    expect(new URL(page.url()).searchParams.get('id')).toBe(s.cohortId);
  });
});
