// An admin gives a program manager their regions on /en/admin/: with no managers yet the page says
// so and offers the role change; the admin makes a learner a manager, checks Western Africa, saves,
// reloads and sees it kept; the API agrees. Signed-out and non-admin visitors get a clear message.
// Real Chromium, real server. The steps share one signed-in browser; each is its own test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../api/auth/users.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { browserSteps, expectAccessible, PASSWORD } from '../support/browser-steps.ts';
import { TEST_SCRYPT, uniqueEmail } from '../support/app.ts';

const env = useServerAndBrowser();
const WESTERN_AFRICA = '011';
const state = {} as { context: BrowserContext; page: Page; admin: { id: string; email: string }; future: { id: string; email: string } };
const { url, loginCookie, signIn, expectSignInAsked } = browserSteps(env);

describe('admin: program managers and their regions', () => {
  beforeAll(async () => {
    const { db } = env.server;
    state.admin = await createUser(db, { email: uniqueEmail('admin'), name: 'Ada Admin', password: PASSWORD, role: 'admin' }, TEST_SCRYPT);
    state.future = await createUser(db, { email: uniqueEmail('fatou'), name: 'Fatou Sow', password: PASSWORD, role: 'learner', country: 'SN' }, TEST_SCRYPT);
    state.context = await env.browser.newContext();
    state.page = await state.context.newPage();
  });
  afterAll(() => state.context?.close());

  it('signed out, the page asks an admin to sign in', async () => {
    await expectSignInAsked('/en/admin/', 'Sign in with an admin account to give program managers their regions.');
  });

  it('a learner is told the page is for admins', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await signIn(page, state.future.email);
    await page.goto(url('/en/admin/'));
    await expect.poll(() => page.getByText('This page is for admins.', { exact: false }).isVisible()).toBe(true);
    expect(await page.locator('[data-view]').isHidden()).toBe(true);
    await page.context().close();
  });

  it('the admin sees that there are no managers yet', async () => {
    const { page } = state;
    await signIn(page, state.admin.email);
    await page.goto(url('/en/admin/'));
    await expect.poll(() => page.getByText("No program managers yet — change a user's role to manager.").isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('an unknown email is shown next to the field', async () => {
    const { page } = state;
    await page.getByLabel('Email of the account').fill('nobody-here@example.org');
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => page.locator('#role-email-error').textContent()).toBe('No account has this email address.');
    expect(await page.getByLabel('Email of the account').getAttribute('aria-invalid')).toBe('true');
  });

  it('makes a learner a program manager; the manager is listed', async () => {
    const { page } = state;
    await page.getByLabel('Email of the account').fill(state.future.email);
    await page.getByLabel('New role').selectOption('manager');
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => page.locator('[data-role-form] [data-form-status]').textContent()).toBe("Fatou Sow's role is now: Program manager.");
    const item = page.locator(`[data-manager="${state.future.id}"]`);
    await expect.poll(() => item.isVisible()).toBe(true);
    expect(await item.textContent()).toContain(state.future.email);
    expect(await item.locator('[data-country]').textContent()).toBe('Senegal');
    expect(await item.locator('[data-regions]').textContent()).toBe('None yet: this manager cannot reach any program.');
    expect(await page.locator('[data-empty]').isHidden()).toBe(true);
  });

  it('checks Western Africa and saves', async () => {
    const { page } = state;
    const item = page.locator(`[data-manager="${state.future.id}"]`);
    await item.getByText('Edit regions').click();
    const regions = item.getByRole('group', { name: 'Regions of Fatou Sow' });
    await regions.getByRole('checkbox', { name: 'Western Africa' }).check();
    await item.getByRole('button', { name: 'Save regions' }).click();
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Regions of Fatou Sow saved.');
    expect(await item.locator('[data-regions]').textContent()).toBe('Western Africa');
    await expectAccessible(page);
  });

  it('after a reload the region is kept', async () => {
    const { page } = state;
    await page.reload();
    const item = page.locator(`[data-manager="${state.future.id}"]`);
    await expect.poll(() => item.locator('[data-regions]').textContent()).toBe('Western Africa');
    await item.getByText('Edit regions').click();
    expect(await item.getByRole('checkbox', { name: 'Western Africa' }).isChecked()).toBe(true);
    expect(await item.getByRole('checkbox', { name: 'Eastern Africa' }).isChecked()).toBe(false);
  });

  it('the API confirms the saved region', async () => {
    const response = await fetch(url('/api/admin/managers'), { headers: { cookie: await loginCookie(state.admin.email) } });
    expect(response.status).toBe(200);
    const { managers } = (await response.json()) as { managers: Array<{ id: string; regions: string[] }> };
    expect(managers.find((m) => m.id === state.future.id)?.regions).toEqual([WESTERN_AFRICA]);
  });

  it('in Arabic the page is right-to-left and names the region in Arabic', async () => {
    const { page } = state;
    await page.goto(url('/ar/admin/'));
    const item = page.locator(`[data-manager="${state.future.id}"]`);
    await expect.poll(() => item.locator('[data-regions]').textContent()).toBe('غرب أفريقيا');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  });

  it('fits a 320 px screen without sideways scrolling', async () => {
    const { page } = state;
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(url('/en/admin/'));
    const item = page.locator(`[data-manager="${state.future.id}"]`);
    await expect.poll(() => item.isVisible()).toBe(true);
    await item.getByText('Edit regions').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
