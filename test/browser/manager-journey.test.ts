// A program manager, given a region by an admin, creates a program and a cohort from the pages,
// imports a roster CSV (one bad row: the line and the reason; fixed: enrolled and invited counts;
// again: nothing new), and rotates the join code after confirming. Real Chromium, real server.
// The steps share one signed-in browser; each is its own test so none comes near the timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../api/auth/users.ts';
import { cohortMembers, cohorts, invitations } from '../../api/programs/tables.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { browserSteps, day, expectAccessible, PASSWORD } from '../support/browser-steps.ts';
import { loadManifest, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';

const env = useServerAndBrowser();
const course = loadManifest().courses[0]!;
const REGION = '014'; // Eastern Africa
const VIEWER_ZONE = 'America/Lima';

const state = {} as {
  context: BrowserContext;
  page: Page;
  manager: { id: string; email: string };
  mentor: { id: string; name: string };
  learnerEmail: string;
  cohortUrl: string;
};
const { url, loginCookie, signIn, expectSignInAsked } = browserSteps(env);
const cohortId = () => new URL(state.cohortUrl).searchParams.get('id')!;
// The program runs from two weeks from now for about four months, so its meetings are always upcoming.
const [startsOn, endsOn] = [day(14), day(134)];

const csv = (third: string) =>
  [
    'email,name,country,locale,organisation',
    `${state.learnerEmail},Amina Diallo,SN,fr,Ministère des Affaires étrangères`,
    'kofi.mensah@example.org,Kofi Mensah,GH,en,',
    `${third},"Pérez, Lucía",MX,es,Secretaría de Relaciones Exteriores`,
    '',
  ].join('\n');

async function chooseCsv(page: Page, text: string) {
  await page.getByLabel('CSV file').setInputFiles({ name: 'cohort.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
}

describe('the program manager journey', () => {
  beforeAll(async () => {
    const { db } = env.server;
    const admin = await createUser(db, { email: uniqueEmail('admin'), name: 'Ada Admin', password: PASSWORD, role: 'admin' }, TEST_SCRYPT);
    const manager = await createUser(db, { email: uniqueEmail('manager'), name: 'Wanjiru Kamau', password: PASSWORD, role: 'manager' }, TEST_SCRYPT);
    state.learnerEmail = uniqueEmail('amina');
    await createUser(db, { email: state.learnerEmail, name: 'Amina Diallo', password: PASSWORD, role: 'learner', country: 'SN' }, TEST_SCRYPT);
    state.manager = manager;
    state.mentor = await createUser(db, { email: uniqueEmail('mentor'), name: 'Grace Njeri', password: PASSWORD, role: 'mentor' }, TEST_SCRYPT);
    // An admin gives the manager their region through the API.
    const response = await fetch(url(`/api/admin/managers/${manager.id}/regions`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: env.server.origin, cookie: await loginCookie(admin.email) },
      body: JSON.stringify({ regions: [REGION] }),
    });
    expect(response.status).toBe(200);
    state.context = await env.browser.newContext({ timezoneId: VIEWER_ZONE });
    state.page = await state.context.newPage();
  });
  afterAll(() => state.context?.close());

  it('signed out, the programs page asks to sign in', async () => {
    await expectSignInAsked('/en/manage/', 'Sign in with a program manager account to see this page.');
  });

  it('the manager signs in and sees no programs yet', async () => {
    const { page } = state;
    await signIn(page, state.manager.email);
    await page.goto(url('/en/manage/'));
    await expect.poll(() => page.getByText('No programs yet.').isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('creates a program: an empty form shows the errors next to the fields, then it is listed', async () => {
    const { page } = state;
    await page.getByRole('button', { name: 'Create program' }).click();
    const name = page.getByLabel('Name', { exact: true });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#program-name-error').textContent()).toBe('Enter a name of 1 to 120 characters.');
    expect(await page.locator('#courses-error').textContent()).toBe('Choose at least one course.');

    await name.fill('Kenya AI governance 2027');
    await page.getByLabel('Eastern Africa').check();
    await page.getByLabel(course.title).check();
    await page.getByLabel('Start date').fill(startsOn);
    await page.getByLabel('End date').fill(endsOn);
    await page.getByRole('button', { name: 'Create program' }).click();
    const row = page.locator('[data-programs] tr', { hasText: 'Kenya AI governance 2027' });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.textContent()).toContain('Eastern Africa');
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toBe('Program “Kenya AI governance 2027” created.');
    expect(await page.locator('#program-name-error').textContent()).toBe('');
  });

  it('creates a cohort with a weekly meeting on the program page', async () => {
    const { page } = state;
    await page.getByRole('link', { name: 'Kenya AI governance 2027' }).click();
    await page.waitForURL('**/en/manage/program/?id=*');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Kenya AI governance 2027');
    await expect.poll(() => page.getByText('No cohorts yet. Create the first one below.').isVisible()).toBe(true);
    expect(await page.locator('[data-managers]').textContent()).toContain('Wanjiru Kamau (you)');

    await page.getByLabel('Cohort name').fill('Nairobi, first intake');
    await page.getByLabel('Capacity (learners)').fill('30');
    await page.getByLabel('Time zone of the cohort').selectOption('Africa/Nairobi');
    await page.getByLabel('Day').selectOption({ label: 'Tuesday' });
    await page.getByLabel("Time (in the cohort's time zone)").fill('14:00');
    await page.getByLabel('Duration (minutes)').fill('90');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    const link = page.locator('[data-cohorts] a', { hasText: 'Nairobi, first intake' });
    await expect.poll(() => link.isVisible()).toBe(true);
    expect(await page.locator('[data-cohorts] tr').first().textContent()).toContain('0 of 30');
    await expectAccessible(page);

    await link.click();
    await page.waitForURL('**/en/manage/cohort/?id=*');
    state.cohortUrl = page.url();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Nairobi, first intake');
    await expect.poll(() => page.getByText('No members yet. Import a roster or share the join link.').isVisible()).toBe(true);
    expect(await page.locator('[data-join-link]').inputValue()).toMatch(/\/en\/join\/\?code=[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  it('imports a roster: a bad row is reported by line, the fixed file enrols and invites, a second import adds nobody', async () => {
    const { page } = state;
    await chooseCsv(page, csv('lucia.perez@'));
    const bad = page.locator('[data-bad-row-list] tr');
    await expect.poll(() => bad.count()).toBe(1);
    expect(await bad.locator('td').allTextContents()).toEqual(['4', 'email', 'This is not a valid email address.']);
    expect(await page.locator('[data-counts]').textContent()).toBe('3 rows: 2 valid, 1 with errors.');
    expect(await page.getByRole('button', { name: 'Import all' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Import the valid rows' }).isVisible()).toBe(true);
    await expectAccessible(page);

    // The manager fixes the file and chooses it again.
    await chooseCsv(page, csv('lucia.perez@example.org'));
    await expect.poll(() => page.locator('[data-counts]').textContent()).toBe('3 rows: 3 valid, 0 with errors. Every row is valid.');
    expect(await page.getByRole('button', { name: 'Import the valid rows' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Import all' }).click();
    const counts = page.locator('[data-result-counts]');
    await expect.poll(() => counts.isVisible()).toBe(true);
    expect(await counts.locator('li').allTextContents()).toEqual([
      'Enrolled (already had an account): 1',
      'Invited (new to Accord): 2',
      'Already members: 0',
      'Already invited: 0',
    ]);
    const links = page.locator('[data-link-list] tr');
    expect(await links.count()).toBe(2);
    expect(await links.first().textContent()).toMatch(/Kofi Mensah.*kofi\.mensah@example\.org.*\/en\/invitation\/#[a-z2-7]{16,}/);
    expect(await page.locator('[data-download]').getAttribute('href')).toMatch(/^blob:/);
    await expect.poll(() => page.locator('[data-members] tr').count()).toBe(1);
    expect(await page.locator('[data-members]').textContent()).toContain('Amina Diallo');
    await expectAccessible(page);

    // The same file again: everyone is already there, nothing is created.
    await chooseCsv(page, csv('lucia.perez@example.org'));
    await page.getByRole('button', { name: 'Import all' }).click();
    await expect
      .poll(() => counts.locator('li').allTextContents())
      .toEqual(['Enrolled (already had an account): 0', 'Invited (new to Accord): 0', 'Already members: 1', 'Already invited: 2']);
    expect(await page.getByText('Nobody new was invited, so there are no links to send.').isVisible()).toBe(true);
    expect(await env.server.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId()))).toHaveLength(1);
    expect(await env.server.db.select().from(invitations).where(eq(invitations.cohortId, cohortId()))).toHaveLength(2);
  });

  it('checks a 10,000-row file with a progress bar; importing more people than seats stops with a clear message', async () => {
    const { page } = state;
    const rows = Array.from({ length: 10_000 }, (_, i) => `learner${i}@example.org,Learner ${i},KE,sw,`);
    await chooseCsv(page, ['email,name,country,locale,organisation', ...rows].join('\n'));
    await expect.poll(() => page.locator('[data-counts]').textContent()).toBe('10000 rows: 10000 valid, 0 with errors. Every row is valid.');
    expect(await page.locator('#roster-check').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([10_000, 10_000]);
    await page.getByRole('button', { name: 'Import all' }).click();
    await expect
      .poll(() => page.locator('[data-stopped]').textContent())
      .toBe(
        'The import stopped after 0 of 10000 rows: The cohort is full: these rows would take it over its capacity. Nothing from the last batch was stored. Rows already imported are kept; import the file again to continue.',
      );
    expect(await env.server.db.select().from(invitations).where(eq(invitations.cohortId, cohortId()))).toHaveLength(2);
  });

  it('rotates the join code only after confirming; Escape cancels and gives focus back', async () => {
    const { page } = state;
    const code = page.locator('[data-code]');
    const before = await code.textContent();
    const rotate = page.getByRole('button', { name: 'Rotate the code' });
    await rotate.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('The old code stops working');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-rotate'))).toBe(true);
    expect(await code.textContent()).toBe(before);

    await rotate.click();
    await dialog.getByRole('button', { name: 'Rotate the code' }).click();
    await expect.poll(() => code.textContent()).not.toBe(before);
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toBe('New join code made. The old code no longer works.');
    const [stored] = await env.server.db.select({ joinCode: cohorts.joinCode }).from(cohorts).where(eq(cohorts.id, cohortId()));
    expect((await code.textContent())?.replace('-', '')).toBe(stored?.joinCode);
  });

  it("creates the weekly meetings, shown in the viewer's own time zone", async () => {
    const { page } = state;
    expect(await page.locator('[data-pattern-hint]').textContent()).toContain('Every Tuesday at 14:00 (Africa/Nairobi)');
    await page.getByRole('button', { name: 'Create the weekly meetings' }).click();
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toMatch(/^\d+ meetings created\.$/);
    const created = Number((await page.locator('[data-page-status]').textContent())!.split(' ')[0]);
    expect(created).toBeGreaterThanOrEqual(17);
    expect(await page.locator('[data-meetings] time').count()).toBe(created);
    // 14:00 in Nairobi (UTC+3) is 06:00 in Lima (UTC−5); neither changes its clocks.
    expect(await page.locator('[data-meetings] time').first().textContent()).toMatch(/^Tue, .*, 6:00 AM GMT-5$/);
    expect(await page.locator('[data-your-zone]').textContent()).toBe(`Times are shown in your time zone, ${VIEWER_ZONE.replace('_', ' ')}.`);
    // Again: nothing new.
    await page.getByRole('button', { name: 'Create the weekly meetings' }).click();
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toBe('No new meetings: they were all made already.');
  });

  it('edits a mentor group and deletes it after confirming', async () => {
    const { page } = state;
    // Groups are made by the matching engine or by hand; this one through the API.
    const made = await fetch(url(`/api/cohorts/${cohortId()}/groups`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: env.server.origin, cookie: await loginCookie(state.manager.email) },
      body: JSON.stringify({ mentorId: state.mentor.id, learnerIds: [] }),
    });
    expect(made.status).toBe(201);
    await page.reload();
    const group = page.locator('[data-groups] .group', { hasText: 'Grace Njeri' });
    await expect.poll(() => group.textContent()).toContain('No learners in this group yet.');
    await group.getByRole('button', { name: 'Edit' }).click();
    await group.getByLabel('Amina Diallo').check();
    await group.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-groups] .group li').allTextContents()).toEqual(['Amina Diallo']);

    await page.getByRole('button', { name: "Delete Grace Njeri's group" }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByText('No mentor groups yet.').isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toBe('Mentor group deleted.');
  });

  it('in Arabic the cohort page reads right to left and fits a 320 px screen', async () => {
    const page = await state.context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(state.cohortUrl.replace('/en/', '/ar/'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Nairobi, first intake');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-manage]')!).direction)).toBe('rtl');
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${scroll}px content in ${client}px`).toBeLessThanOrEqual(client!);
    expect(await page.locator('[data-your-zone]').textContent()).toContain('America/Lima');
    await expectAccessible(page);
    await page.close();
  });

  it('removes a member after confirming', async () => {
    const { page } = state;
    await page.getByRole('button', { name: 'Remove Amina Diallo' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain('Remove Amina Diallo from this cohort?');
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByText('No members yet. Import a roster or share the join link.').isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('members');
    expect(await env.server.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId()))).toHaveLength(0);
  });
});
