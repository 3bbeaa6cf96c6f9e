// What the browser journeys do again and again against the real server: sign in on the page or
// through the API, call the API as someone, ask axe for WCAG violations, check that a signed-out
// visitor is asked to sign in. For the `env` of useServerAndBrowser (browser-env.ts), read when a
// step runs, so the steps can be made at the top of a test file.
import { expect } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** The password of the users the journeys make. */
export const PASSWORD = 'a long pass phrase';

/** The calendar date (YYYY-MM-DD, UTC) `offset` days from now. */
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Intl puts narrow no-break spaces in times; compare text with plain spaces. */
export const plain = (s: string | null) => (s ?? '').replace(/[\s\u202f\u00a0]+/g, ' ').trim();

/** axe-core's WCAG 2.2 A/AA violations on the page as it is now, each with its first `places` places. */
export async function violations(page: Page, places = 3) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, places)
        .join(', ')}`,
  );
}

/** axe-core finds no WCAG 2.2 A/AA violation on the page as it is now (a failure lists every place). */
export async function expectAccessible(page: Page) {
  expect(await violations(page, Number.POSITIVE_INFINITY)).toEqual([]);
}

export function browserSteps(env: { server: { origin: string }; browser: Browser }) {
  const url = (path: string) => `${env.server.origin}${path}`;

  /** Signs in through the API; the session cookie, for a `cookie` header. */
  async function loginCookie(email: string, password = PASSWORD) {
    const origin = env.server.origin;
    const login = await fetch(url('/api/auth/login'), {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    return login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  /** Someone calling the API from outside the browser, with their own session cookie. */
  async function apiAs(email: string, password = PASSWORD) {
    const origin = env.server.origin;
    const cookie = await loginCookie(email, password);
    return async (method: string, path: string, body?: unknown) => {
      const response = await fetch(url(path), {
        method,
        headers: { origin, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json().catch(() => null)) as any };
    };
  }

  /** A browser context of its own (e.g. in a time zone), its page, and the page's uncaught errors as they happen. */
  async function openPage(options?: BrowserContextOptions) {
    const context = await env.browser.newContext(options);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, errors };
  }

  /** Signs in on the sign-in page, which then opens "my learning". */
  async function signIn(page: Page, email: string, password = PASSWORD) {
    await page.goto(url('/en/sign-in/'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/en/my-learning/');
  }

  /** A signed-out visitor of `path`, in a browser of their own, reads `notice` with a link to sign in. */
  async function expectSignInAsked(path: string, notice: string) {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(url(path));
    const text = page.getByText(notice);
    await expect.poll(() => text.isVisible()).toBe(true);
    expect(await text.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/en/sign-in/');
    await page.context().close();
  }

  return { url, loginCookie, apiAs, openPage, signIn, expectSignInAsked };
}
