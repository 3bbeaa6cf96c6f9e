// A learner's side of a cohort, in Chromium against the real server: join with a code (a wrong
// code first), see the next meeting on their own clock (Nairobi, then Santiago), submit a
// capstone, read the mentor's feedback, leave the cohort after confirming.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../api/auth/users.ts';
import { cohortMembers } from '../../api/programs/tables.ts';
import { capstoneSubmissions } from '../../api/mentoring/tables.ts';
import { createCohort, createProgram, setManagerRegions } from '../../api/programs/store.ts';
import { createGroup, replaceGroupLearners } from '../../api/mentoring/store.ts';
import { formatJoinCode } from '../../api/programs/rules.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { browserSteps, day, PASSWORD, plain, violations } from '../support/browser-steps.ts';
import { loadManifest, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';
// After the API modules: they extend zod (for OpenAPI) before core/schedule builds its schemas.
import { formatInZone } from '#core/schedule/zoned.ts';

const env = useServerAndBrowser();
const course = loadManifest().courses[0]!;
const { apiAs, openPage, signIn } = browserSteps(env);

describe('a learner in a cohort', () => {
  const s = {} as {
    cohort: Awaited<ReturnType<typeof createCohort>>;
    groupId: string;
    learner: { id: string; email: string };
    mentor: { id: string; email: string; name: string };
    context: BrowserContext;
    page: Page;
    errors: string[];
    startsAt: string;
  };

  beforeAll(async () => {
    const db = env.server.db;
    const program = await createProgram(db, { name: 'East Africa programme', regions: ['014'], courseIds: [course.id], startsOn: day(-10), endsOn: day(90) });
    s.cohort = await createCohort(db, {
      programId: program.id,
      name: 'Nairobi spring cohort',
      courseId: course.id,
      locale: 'en',
      startsOn: day(-5),
      endsOn: day(60),
      capacity: 20,
      timeZone: 'Africa/Nairobi',
    });
    const mentor = await createUser(db, { email: uniqueEmail('mentor'), name: 'Amina Otieno', password: PASSWORD, role: 'mentor' }, TEST_SCRYPT);
    const learner = await createUser(db, { email: uniqueEmail('learner'), name: 'Tomás Rivera', password: PASSWORD, role: 'learner' }, TEST_SCRYPT);
    s.mentor = mentor;
    s.learner = learner;
    const group = await createGroup(db, { cohortId: s.cohort.id, mentorId: mentor.id, learnerIds: [], source: 'manual' });
    if (!group.ok) throw new Error(`createGroup: ${group.problem}`);
    s.groupId = group.group.id;
    Object.assign(s, await openPage({ timezoneId: 'Africa/Nairobi' }));
  });
  afterAll(() => s.context?.close());

  it('a wrong code is refused next to the field; the right one joins and opens my learning', async () => {
    const { page } = s;
    await signIn(page, s.learner.email);
    await page.goto(`${env.server.origin}/en/join/`);
    const code = page.getByLabel('Join code');
    await code.fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => page.locator('#join-code-error').textContent()).toBe('This code does not match any cohort. Check it with your program manager.');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await violations(page)).toEqual([]);

    // The link a manager shares carries the code: it is filled in.
    await page.goto(`${env.server.origin}/en/join/?code=${formatJoinCode(s.cohort.joinCode!)}`);
    expect(await code.inputValue()).toBe(formatJoinCode(s.cohort.joinCode!));
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL('**/en/my-learning/');
    const card = page.locator(`[data-cohort="${s.cohort.id}"]`);
    await expect.poll(() => card.locator('h3').textContent()).toBe('Nairobi spring cohort');
    expect(plain(await card.locator('dl').textContent())).toContain('Mentor');
    const rows = await env.server.db
      .select()
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, s.cohort.id), eq(cohortMembers.userId, s.learner.id)));
    expect(rows).toHaveLength(1);
  });

  it('sees the next meeting on their own clock in Nairobi, with its .ics', async () => {
    const { page } = s;
    // The mentor adds them to the group and schedules a group meeting through the API.
    const added = await replaceGroupLearners(env.server.db, s.groupId, [s.learner.id]);
    expect(added.ok).toBe(true);
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(6, 30, 0, 0);
    s.startsAt = start.toISOString();
    const mentor = await apiAs(s.mentor.email);
    const made = await mentor('POST', `/api/cohorts/${s.cohort.id}/meetings`, {
      title: 'Week 2 check-in',
      startsAt: s.startsAt,
      durationMinutes: 60,
      groupId: s.groupId,
    });
    expect(made.status).toBe(201);

    await page.goto(`${env.server.origin}/en/my-learning/`);
    const next = page.locator(`[data-cohort="${s.cohort.id}"] [data-next-meeting]`);
    await expect.poll(() => next.textContent().then(plain)).toBe(plain(formatInZone(start, 'Africa/Nairobi', 'en')));
    expect(plain(await next.textContent())).toContain('09:30'.replace(/^0/, ''));
    expect(await page.locator('[data-my-cohort] [data-zone-note]').textContent()).toBe('Times are shown in your time zone: Africa/Nairobi.');
    expect(plain(await page.locator(`[data-cohort="${s.cohort.id}"] dl`).textContent())).toContain('Amina Otieno');

    const ics = page.locator(`[data-cohort="${s.cohort.id}"]`).getByRole('link', { name: 'Add to my calendar (.ics)', description: 'Week 2 check-in' });
    const download = await page.request.get(`${env.server.origin}${await ics.getAttribute('href')}`);
    expect(download.headers()['content-type']).toContain('text/calendar');
    expect(await download.text()).toContain('SUMMARY:Week 2 check-in');
  });

  it('the same meeting in Santiago shows Santiago’s local time', async () => {
    const santiago = await env.browser.newContext({ timezoneId: 'America/Santiago', storageState: await s.context.storageState() });
    try {
      const page = await santiago.newPage();
      await page.goto(`${env.server.origin}/en/my-learning/`);
      const next = page.locator(`[data-cohort="${s.cohort.id}"] [data-next-meeting]`);
      const expected = plain(formatInZone(new Date(s.startsAt), 'America/Santiago', 'en'));
      await expect.poll(() => next.textContent().then(plain)).toBe(expected);
      expect(expected).not.toBe(plain(formatInZone(new Date(s.startsAt), 'Africa/Nairobi', 'en')));
      expect(await page.locator('[data-my-cohort] [data-zone-note]').textContent()).toBe('Times are shown in your time zone: America/Santiago.');
    } finally {
      await santiago.close();
    }
  });

  it('submits a capstone with a link; the count follows the text', async () => {
    const { page } = s;
    const card = page.locator(`[data-cohort="${s.cohort.id}"]`);
    const text = card.getByLabel('Your capstone');
    await expect.poll(() => text.isVisible()).toBe(true);
    await text.fill('A national plan for AI incident reporting.');
    expect(await card.locator('.count').textContent()).toBe('42 of 20000 characters');
    await card.getByLabel('Link (optional)').fill('http://example.org/plan');
    await card.getByRole('button', { name: 'Submit my capstone' }).click();
    // Plain http is refused next to the field, before anything is sent.
    await expect.poll(() => card.locator('[data-field="link"] .field-error').textContent()).toBe('Use an https address of at most 500 characters.');
    await card.getByLabel('Link (optional)').fill('https://example.org/plan');
    await card.getByRole('button', { name: 'Submit my capstone' }).click();
    await expect.poll(() => card.locator('[data-capstone-state]').textContent().then(plain)).toMatch(/^Status: Waiting for review · Version 1, submitted /);
    await expect.poll(() => card.locator('[data-capstone] [role=status]').textContent()).toBe('Submitted. Your mentor will review it.');
    const stored = await env.server.db.select().from(capstoneSubmissions).where(eq(capstoneSubmissions.userId, s.learner.id));
    expect(stored).toMatchObject([{ version: 1, status: 'submitted', link: 'https://example.org/plan', text: 'A national plan for AI incident reporting.' }]);
  });

  it('after the mentor asks for changes, reads the feedback and can send a new version', async () => {
    const mentor = await apiAs(s.mentor.email);
    const list = await mentor('GET', `/api/cohorts/${s.cohort.id}/capstones`);
    expect(list.json.capstones).toHaveLength(1);
    const reviewed = await mentor('POST', `/api/capstones/${list.json.capstones[0].id}/review`, {
      decision: 'changes_requested',
      feedback: 'Name the agency that receives the reports.',
    });
    expect(reviewed.status).toBe(200);

    const { page } = s;
    await page.goto(`${env.server.origin}/en/my-learning/`);
    const card = page.locator(`[data-cohort="${s.cohort.id}"]`);
    await expect.poll(() => card.locator('[data-feedback]').textContent().then(plain)).toContain('Name the agency that receives the reports.');
    expect(plain(await card.locator('[data-capstone-state]').textContent())).toMatch(/^Status: Changes requested/);
    expect(await card.getByRole('button', { name: 'Submit a new version' }).isVisible()).toBe(true);
    expect(await card.getByLabel('Your capstone').inputValue()).toBe('A national plan for AI incident reporting.');
    expect(await violations(page)).toEqual([]);
  });

  it('leaves the cohort only after confirming; progress stays', async () => {
    const { page } = s;
    const card = page.locator(`[data-cohort="${s.cohort.id}"]`);
    const dialog = page.locator('[data-my-cohort] dialog[data-confirm]');
    await card.getByRole('button', { name: 'Leave this cohort' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Leave Nairobi spring cohort?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await card.count()).toBe(1);

    await card.getByRole('button', { name: 'Leave this cohort' }).click();
    await dialog.getByRole('button', { name: 'Leave this cohort' }).click();
    await expect.poll(() => card.count()).toBe(0);
    await expect.poll(() => page.locator('[data-my-cohort] [data-page-status]').textContent()).toBe('You left Nairobi spring cohort.');
    expect(await page.getByText('You are not in a cohort.').isVisible()).toBe(true);
    const rows = await env.server.db
      .select()
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, s.cohort.id), eq(cohortMembers.userId, s.learner.id)));
    expect(rows).toHaveLength(0);
    expect(s.errors).toEqual([]);
  });
});

describe('an invitation from an imported roster', () => {
  const s = {} as { link: string; email: string; cohortId: string; context: BrowserContext; page: Page };

  beforeAll(async () => {
    const db = env.server.db;
    const manager = await createUser(db, { email: uniqueEmail('manager'), name: 'Programme manager', password: PASSWORD, role: 'manager' }, TEST_SCRYPT);
    await setManagerRegions(db, manager.id, ['002']);
    const program = await createProgram(db, {
      name: 'West Africa programme',
      regions: ['011'],
      courseIds: [course.id],
      startsOn: day(-1),
      endsOn: day(90),
      managerIds: [manager.id],
    });
    const cohort = await createCohort(db, {
      programId: program.id,
      name: 'Abuja cohort',
      courseId: course.id,
      locale: 'en',
      startsOn: day(0),
      endsOn: day(60),
      capacity: 5,
      timeZone: 'Africa/Lagos',
    });
    s.cohortId = cohort.id;
    s.email = uniqueEmail('invited');
    const asManager = await apiAs(manager.email);
    const imported = await asManager('POST', `/api/cohorts/${cohort.id}/roster`, { rows: [{ line: 2, email: s.email, name: 'Chidi Okafor' }] });
    expect(imported.status).toBe(200);
    s.link = imported.json.results[0].invitationLink;
    expect(s.link).toMatch(/\/en\/invitation\/#[a-z2-7]+$/);
    s.context = await env.browser.newContext({ timezoneId: 'Africa/Lagos' });
    s.page = await s.context.newPage();
  });
  afterAll(() => s.context?.close());

  it('says who is invited to which cohort', async () => {
    await s.page.goto(s.link);
    await expect.poll(() => s.page.locator('[data-invited]').textContent()).toBe(`Chidi Okafor (${s.email}) is invited to join the cohort Abuja cohort.`);
    expect(await violations(s.page)).toEqual([]);
  });

  it('a short password is refused next to the field', async () => {
    await s.page.getByLabel('Password').fill('too short');
    await s.page.getByRole('button', { name: 'Accept and sign in' }).click();
    await expect.poll(() => s.page.locator('#invitation-password-error').textContent()).toBe('Use at least 10 characters (at most 200).');
  });

  it('accepting creates the account, signs in and opens my learning with the cohort', async () => {
    await s.page.getByLabel('Password').fill(PASSWORD);
    await s.page.getByRole('button', { name: 'Accept and sign in' }).click();
    await s.page.waitForURL('**/en/my-learning/');
    await expect.poll(() => s.page.locator(`[data-cohort="${s.cohortId}"] h3`).textContent()).toBe('Abuja cohort');
    const remembered = await s.page.evaluate(() => JSON.parse(localStorage.getItem('accord.user') ?? 'null'));
    expect(remembered).toMatchObject({ name: 'Chidi Okafor', role: 'learner' });
  });

  it('the link, once used, says so; a link without its code says so too', async () => {
    await s.page.goto(s.link);
    await expect.poll(() => s.page.locator('[data-gate="invalid"]').isVisible()).toBe(true);
    await s.page.goto(`${env.server.origin}/en/invitation/`);
    await expect.poll(() => s.page.locator('[data-gate="no-token"]').isVisible()).toBe(true);
  });
});
