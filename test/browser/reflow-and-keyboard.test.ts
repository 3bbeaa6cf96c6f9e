// WCAG reflow (1.4.10): at 320 CSS px wide (a 1280 px screen zoomed to 400 %, or a small phone)
// no page scrolls sideways. And the first Tab lands on "Skip to content", which moves to the main text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '#core/locales.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { loadManifest } from '../support/app.ts';

const env = useServerAndBrowser();
const manifest = loadManifest();
const course = manifest.courses[0]!;

describe('reflow and keyboard', () => {
  let narrow: Awaited<ReturnType<typeof env.browser.newContext>>;
  beforeAll(async () => {
    narrow = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
  });
  afterAll(() => narrow?.close());

  // One test per page, so the work per test stays the same however many locales there are.
  for (const { code } of LOCALES) {
    for (const path of [
      `/${code}/`,
      `/${code}/courses/`,
      `/${code}/courses/${course.id}/`,
      `/${code}/courses/${course.id}/${course.lessons[0]!.slug}/`,
      `/${code}/courses/${course.id}/capstone/`,
      `/${code}/courses/crisis-response/tabletop/`,
      `/${code}/sign-up/`,
      `/${code}/glossary/`,
    ]) {
      it(`no horizontal scrolling at 320 px on ${path}`, async () => {
        const page = await narrow.newPage();
        await page.goto(`${env.server.origin}${path}`);
        const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        expect(scroll, `${scroll}px content in ${client}px`).toBeLessThanOrEqual(client!);
        await page.close();
      });
    }
  }

  it('Tab first reaches "skip to content", and Enter moves to the lesson text', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.server.origin}/en/courses/${course.id}/${course.lessons[0]!.slug}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#main$/);
    await context.close();
  });
});
