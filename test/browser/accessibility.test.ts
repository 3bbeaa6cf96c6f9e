// axe-core finds no WCAG 2.2 A/AA violations on the pages learners use, in every locale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { LOCALES } from '../../site/i18n/locales.ts';
import { launchChromium } from '../support/browser.ts';
import { startTestServer } from '../support/server.ts';
import { loadManifest } from '../support/app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const manifest = loadManifest();
const course = manifest.courses[0]!;
const pages = LOCALES.flatMap(({ code }) => [
  `/${code}/`,
  `/${code}/courses/`,
  `/${code}/courses/${course.id}/`,
  ...manifest.courses.map((c) => `/${code}/courses/${c.id}/${c.lessons[0]!.slug}/`),
  `/${code}/sign-in/`,
  `/${code}/sign-up/`,
  `/${code}/my-learning/`,
  `/${code}/glossary/`,
  `/${code}/search/`,
  `/${code}/offline/`,
  `/${code}/courses/crisis-response/tabletop/`,
  `/${code}/courses/${course.id}/capstone/`,
]);

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it(`finds no violations on ${pages.length} pages`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(`${server.origin}${path}`);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      for (const v of results.violations) found.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
