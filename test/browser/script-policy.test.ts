// The script policy in Chromium: each page type works under it with no violation reported, and a
// script injected as text (what an XSS would do) is refused. The policy itself: scripts/script-policy.ts.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../support/browser-env.ts';

const env = useServerAndBrowser();

/** Opens `path` with a listener for CSP violations installed before any of the page's scripts. */
async function open(path: string) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(`${env.server.origin}${path}`);
  return { page, close: () => context.close() };
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

describe('the script policy', () => {
  const cases: Array<[string, string, (page: Page) => Promise<unknown>]> = [
    ['the language choice (an inline script)', '/', (page) => page.waitForURL(/\/[a-z]{2}\/$/)],
    ['the offline page (an inline script)', '/en/offline/', (page) => page.locator('[data-saved-courses]').waitFor({ state: 'attached' })],
    [
      'a tabletop (an inline script), played one step',
      '/en/courses/crisis-response/tabletop/',
      async (page) => {
        const current = page.locator('.tt-node.current');
        await current.locator('a[data-next]').last().click();
        await current.locator('[data-result]').waitFor();
      },
    ],
    [
      'search (Pagefind compiles WebAssembly)',
      '/en/search/?q=benchmark',
      (page) => page.locator('[data-search-results] a').first().waitFor({ timeout: 15_000 }),
    ],
    ['a lesson', '/en/courses/foundations/eu-ai-act/', (page) => page.locator('main').waitFor()],
  ];
  for (const [name, path, ready] of cases)
    it(`lets ${name} run, with no violation`, async () => {
      const { page, close } = await open(path);
      await ready(page);
      expect(await violations(page)).toEqual([]);
      await close();
    });

  it('refuses a script injected as text, and reports it', async () => {
    const { page, close } = await open('/en/');
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return w.injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src/)]);
    await close();
  });
});
