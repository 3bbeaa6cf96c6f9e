// axe-core finds no WCAG 2.2 A/AA violations on the pages learners use, in every locale.
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { LOCALES } from '../../site/i18n/locales.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { loadManifest } from '../support/app.ts';

const env = useServerAndBrowser();

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
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(`${env.server.origin}${path}`);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      for (const v of results.violations) found.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
