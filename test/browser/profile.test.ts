// A mentor fills in their profile with the keyboard only (country, a new organisation, time zone,
// two availability windows), saves, reloads and finds it all; an impossible window is caught next
// to itself and nothing is saved. Real Chromium against the real Node server.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { mentorProfiles, profiles, sessions } from '../../api/db/schema.ts';
import { createUser } from '../../api/auth/users.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { TEST_SCRYPT } from '../support/app.ts';

const env = useServerAndBrowser();

/** A mentor account, signed in on a fresh page whose device is in Lisbon. */
async function signedInMentor(locale = 'en') {
  const email = `mentor-${crypto.randomUUID().slice(0, 8)}@example.org`;
  const password = 'a mentor pass phrase';
  const user = await createUser(env.server.db, { email, name: 'Amani Otieno', password, role: 'mentor' }, TEST_SCRYPT);
  const context = await env.browser.newContext({ timezoneId: 'Europe/Lisbon' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.origin}/en/sign-in/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/en/my-learning/');
  await page.goto(`${env.server.origin}/${locale}/profile/`);
  await page.locator('[data-profile-form]').waitFor({ state: 'visible' });
  return { user, page, errors, close: () => context.close() };
}

/** Presses Tab (only Tab) until `target` has the focus. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 400; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') ?? document.activeElement?.id ?? '');
const selected = (locator: Locator) => locator.evaluate((el) => (el as HTMLSelectElement).value);
const storedProfile = async (userId: string) => (await env.server.db.select().from(profiles).where(eq(profiles.userId, userId)))[0];

describe('the profile page', () => {
  it('a mentor sets country, a new organisation, time zone and two windows with the keyboard, saves, reloads and sees them', async () => {
    const { user, page, errors, close } = await signedInMentor();
    const zone = page.getByLabel('Time zone', { exact: true });
    expect(await page.locator('[data-zone-guess]').textContent()).toContain('We guessed Europe/Lisbon');
    expect(await selected(zone)).toBe('Europe/Lisbon');

    // Country: type-ahead in the closed select.
    const country = page.getByLabel('Country', { exact: true });
    await tabTo(page, country);
    await page.keyboard.type('Kenya');
    expect(await selected(country)).toBe('KE');
    await expect.poll(() => page.locator('[data-organisation-hint]').textContent()).toContain('No organisations are listed');

    // The organisation is not listed: add it.
    await tabTo(page, page.getByRole('button', { name: 'My organisation is not listed' }));
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('organisation-name');
    await page.keyboard.type('Communications Authority of Kenya');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Regulator');
    expect(await selected(page.getByLabel('Kind of organisation'))).toBe('regulator');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-organisation-status]').textContent()).toBe('Communications Authority of Kenya was added and chosen.');
    const organisation = page.getByLabel('Organisation', { exact: true });
    expect(await organisation.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text)).toBe('Communications Authority of Kenya');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-organisation');

    await tabTo(page, zone);
    await page.keyboard.type('Africa/Nairobi');
    expect(await selected(zone)).toBe('Africa/Nairobi');

    // Monday 09:00-11:00: the new window starts at 09:00 and ends at 10:00; four steps down is 11:00.
    await tabTo(page, page.getByRole('button', { name: 'Add a window on Monday' }));
    await page.keyboard.press('Enter');
    const monday = page.getByRole('group', { name: 'Monday' });
    expect(await focused(page)).toMatch(/^window-\d+ label-\d+$/);
    expect(await selected(monday.getByRole('combobox', { name: 'Monday, window 1 From' }))).toBe('09:00');
    await page.keyboard.press('Tab');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect(await selected(monday.getByRole('combobox', { name: 'Monday, window 1 To' }))).toBe('11:00');

    // Wednesday 14:00-15:30.
    await tabTo(page, page.getByRole('button', { name: 'Add a window on Wednesday' }));
    await page.keyboard.press('Enter');
    await page.keyboard.type('14:00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('15:30');
    const wednesday = page.getByRole('group', { name: 'Wednesday' });
    expect(await selected(wednesday.getByRole('combobox', { name: 'Wednesday, window 1 From' }))).toBe('14:00');
    expect(await selected(wednesday.getByRole('combobox', { name: 'Wednesday, window 1 To' }))).toBe('15:30');
    expect(await page.locator('[data-summary]').textContent()).toBe('Your week, in Africa/Nairobi: Monday 09:00–11:00, Wednesday 14:00–15:30.');

    await tabTo(page, page.getByRole('button', { name: 'Save profile' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).count()).toBe(1);
    expect(await page.locator('[data-zone-guess]').isHidden()).toBe(true);

    await page.reload();
    await page.locator('[data-profile-form]').waitFor({ state: 'visible' });
    expect(await selected(page.getByLabel('Country', { exact: true }))).toBe('KE');
    await expect
      .poll(() => page.getByLabel('Organisation', { exact: true }).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text))
      .toBe('Communications Authority of Kenya');
    expect(await selected(page.getByLabel('Time zone', { exact: true }))).toBe('Africa/Nairobi');
    expect(await page.locator('[data-zone-guess]').isHidden()).toBe(true);
    expect(await selected(page.getByRole('combobox', { name: 'Monday, window 1 From' }))).toBe('09:00');
    expect(await selected(page.getByRole('combobox', { name: 'Monday, window 1 To' }))).toBe('11:00');
    expect(await selected(page.getByRole('combobox', { name: 'Wednesday, window 1 From' }))).toBe('14:00');
    expect(await selected(page.getByRole('combobox', { name: 'Wednesday, window 1 To' }))).toBe('15:30');

    const stored = await storedProfile(user.id);
    expect(JSON.parse(stored!.availability)).toEqual([
      { weekday: 1, start: '09:00', end: '11:00' },
      { weekday: 3, start: '14:00', end: '15:30' },
    ]);
    expect(stored!.timeZone).toBe('Africa/Nairobi');
    expect(errors).toEqual([]);
    await close();
  });

  it('a window that ends before it starts is flagged next to itself, keeps its values and nothing is saved', async () => {
    const { user, page, errors, close } = await signedInMentor();
    await tabTo(page, page.getByRole('button', { name: 'Add a window on Tuesday' }));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('08:00');
    const tuesday = page.getByRole('group', { name: 'Tuesday' });
    const end = tuesday.getByRole('combobox', { name: 'Tuesday, window 1 To' });
    expect(await selected(end)).toBe('08:00');

    await tabTo(page, page.getByRole('button', { name: 'Save profile' }));
    await page.keyboard.press('Enter');
    const row = tuesday.getByRole('listitem');
    await expect.poll(() => row.locator('.field-error').textContent()).toBe('The end must be after the start.');
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    // The error is the end select's description, and the focus is on it.
    expect(await end.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!)?.textContent)).toBe('The end must be after the start.');
    expect(await end.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('alert').textContent()).toContain('nothing was saved');
    expect(await selected(tuesday.getByRole('combobox', { name: 'Tuesday, window 1 From' }))).toBe('09:00');
    expect(await selected(end)).toBe('08:00');
    expect(await storedProfile(user.id)).toBeUndefined();
    expect(errors).toEqual([]);
    await close();
  });

  it("puts the API's complaints next to the fields they name (here a window and the name), and keeps the form as it was", async () => {
    const { user, page, errors, close } = await signedInMentor();
    await page.getByRole('button', { name: 'Add a window on Friday' }).press('Enter');
    await page.getByRole('button', { name: 'Add a window on Friday' }).press('Enter');
    // A rule the page does not check itself: the API's answer is all there is to go on.
    await page.route('**/api/profile', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'invalid_request',
                message: 'Some fields are missing or invalid.',
                details: [
                  { path: 'availability.1.start', message: 'Starts too early for the API.' },
                  { path: 'name', message: 'The API dislikes this name.' },
                ],
              },
            }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Save profile' }).press('Enter');
    const second = page.getByRole('group', { name: 'Friday' }).getByRole('listitem').nth(1);
    await expect.poll(() => second.locator('.field-error').textContent()).toBe('Starts too early for the API.');
    expect(await second.getByRole('combobox', { name: 'Friday, window 2 From' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#name-error').textContent()).toBe('The API dislikes this name.');
    expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    // The first field in the page with an error has the focus; nothing typed was lost.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-name');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Amani Otieno');
    expect(await page.getByRole('group', { name: 'Friday' }).getByRole('listitem').count()).toBe(2);
    expect(await storedProfile(user.id)).toBeUndefined();
    expect(errors).toEqual([]);
    await close();
  });

  it("a mentor's expertise, topics, a country known and capacity are saved and shown again", async () => {
    const { user, page, errors, close } = await signedInMentor();
    const firstCourse = page.getByRole('group', { name: 'Courses you can mentor' }).getByRole('checkbox').first();
    await tabTo(page, firstCourse);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await tabTo(page, page.getByLabel('Topics you know well'));
    await page.keyboard.type('data protection, incident reporting');
    const known = page.getByRole('group', { name: 'Countries you know well' });
    await tabTo(page, known.getByRole('combobox'));
    await page.keyboard.type('Senegal');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => known.getByRole('listitem').textContent()).toContain('Senegal');
    await tabTo(page, page.getByLabel('Mentees you can take at once'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('8');
    await tabTo(page, page.getByRole('button', { name: 'Save profile' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).count()).toBe(1);

    await page.reload();
    await page.locator('[data-profile-form]').waitFor({ state: 'visible' });
    expect(await page.getByRole('group', { name: 'Courses you can mentor' }).getByRole('checkbox').first().isChecked()).toBe(true);
    expect(await page.getByLabel('Topics you know well').inputValue()).toBe('data protection, incident reporting');
    expect(await page.getByRole('button', { name: 'Remove Senegal' }).count()).toBe(1);
    expect(await page.getByLabel('Mentees you can take at once').inputValue()).toBe('8');
    const [stored] = await env.server.db.select().from(mentorProfiles).where(eq(mentorProfiles.userId, user.id));
    expect(JSON.parse(stored!.countries)).toEqual(['SN']);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the sign-in message to someone signed out', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.server.origin}/en/profile/`);
    await expect.poll(() => page.getByText('Sign in to see and edit your profile.').isVisible()).toBe(true);
    expect(await page.locator('[data-profile-form]').isHidden()).toBe(true);
    await context.close();
  });

  it('changes the password (a common one is refused next to its field), then signs out everywhere after confirming', async () => {
    const { page, user, close } = await signedInMentor();
    const security = page.locator('[data-security]');
    await expect.poll(() => security.isVisible()).toBe(true);
    await security.getByLabel('Current password').fill('a mentor pass phrase');
    await security.getByLabel('New password').fill('password1234');
    await security.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => security.locator('#newPassword-error').textContent()).toMatch(/among the most common/);
    expect(await security.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('new-password');
    await security.getByLabel('New password').fill('violet tractor under the mango tree');
    await security.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => security.locator('[data-password-status]').textContent()).toMatch(/^Password changed\./);
    expect(await security.locator('#newPassword-error').textContent()).toBe('');
    // Still signed in here, under a new session; the old password no longer works.
    expect((await page.request.get(`${env.server.origin}/api/auth/me`)).ok()).toBe(true);
    expect(((await (await page.request.get(`${env.server.origin}/api/auth/me`)).json()) as { user: { id: string } | null }).user?.id).toBe(user.id);

    await security.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect.poll(() => security.getByText('Sign out on every device, this one included?').isVisible()).toBe(true);
    await security.getByRole('button', { name: 'Cancel' }).click();
    expect(await security.locator('[data-everywhere-confirm]').isHidden()).toBe(true);
    await security.getByRole('button', { name: 'Sign out everywhere' }).click();
    await security.locator('[data-everywhere-confirm]').getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL('**/en/sign-in/');
    const me = (await (await page.request.get(`${env.server.origin}/api/auth/me`)).json()) as { user: unknown };
    expect(me.user).toBeNull();
    expect(await env.server.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    await close();
  });

  it('has no horizontal scrolling at 320 px with windows on the page', async () => {
    const { page, close } = await signedInMentor();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.getByRole('button', { name: 'Add a window on Thursday' }).press('Enter');
    await page.getByRole('button', { name: 'Add a window on Thursday' }).press('Enter');
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${scroll}px content in ${client}px`).toBeLessThanOrEqual(client!);
    await close();
  });

  // The signed-out page is in test/browser/accessibility.test.ts; here the form itself, filled in,
  // with a window and an error on show: in English and in Arabic (right to left). The other
  // locales differ only in their strings, which the i18n test checks key by key.
  for (const code of ['en', 'ar']) {
    it(`no axe violations on the filled-in form with an error showing (${code})`, async () => {
      const { page, close } = await signedInMentor(code);
      await page.locator('[data-add-window]').first().press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Home');
      await page.locator('[data-save]').press('Enter');
      await page.locator('[data-window-error]:not(:empty)').waitFor();
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      expect(
        results.violations.map(
          (v) =>
            `${v.id} (${v.impact}) ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
        ),
      ).toEqual([]);
      await close();
    });
  }
});
