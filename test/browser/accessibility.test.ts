// axe-core finds no WCAG 2.2 A/AA violations on the pages learners use, in every locale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { LOCALES } from '#core/locales.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { loadManifest } from '../support/app.ts';

const env = useServerAndBrowser();

const manifest = loadManifest();
const course = manifest.courses[0]!;
// Each course's first lesson in every locale that has it translated; a locale still reading the
// English text (the fallback notice around it) is checked on one lesson, since the rest is the
// same English already checked.
const lessonPages = (code: string) => {
  const translated = manifest.courses.filter((c) => c.lessons[0]!.locales.includes(code));
  const shown = translated.length > 0 ? translated : manifest.courses.slice(0, 1);
  return shown.map((c) => `/${code}/courses/${c.id}/${c.lessons[0]!.slug}/`);
};
/** Pages whose script fetches on load (signed-out states, search index): axe waits until the network is quiet. */
const DYNAMIC = /\/(my-learning|manage|profile|mentor|join|invitation|inbox|admin|search)\//;
const pages = LOCALES.flatMap(({ code }) => [
  `/${code}/`,
  `/${code}/courses/`,
  `/${code}/courses/${course.id}/`,
  ...lessonPages(code),
  `/${code}/sign-in/`,
  `/${code}/sign-up/`,
  `/${code}/my-learning/`,
  `/${code}/glossary/`,
  `/${code}/search/`,
  `/${code}/offline/`,
  `/${code}/courses/crisis-response/tabletop/`,
  `/${code}/courses/${course.id}/capstone/`,
  // Program-manager pages as a signed-out visitor sees them (with data: test/browser/manager-journey.test.ts).
  `/${code}/manage/`,
  `/${code}/manage/program/`,
  `/${code}/manage/cohort/`,
  `/${code}/manage/matching/`, // with data, in English: test/browser/matching-journey.test.ts
  `/${code}/profile/`, // signed out; the filled-in form is checked in test/browser/profile.test.ts
  // Mentor and learner cohort pages, signed out (with data: mentor-workspace.test.ts, learner-cohort.test.ts).
  `/${code}/mentor/`,
  `/${code}/mentor/group/`,
  `/${code}/join/`,
  `/${code}/invitation/`,
  `/${code}/inbox/`,
  `/${code}/admin/`, // signed out; with data (an admin, a manager): test/browser/admin-regions.test.ts
]).concat('/en/reviewers/');

// One test per page: a page takes a few seconds (load, then axe), so no single test grows with the
// number of pages or locales, and a failure names its page.
describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  let context: Awaited<ReturnType<typeof env.browser.newContext>>;
  let page: Awaited<ReturnType<typeof context.newPage>>;
  beforeAll(async () => {
    context = await env.browser.newContext();
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  for (const path of pages) {
    it(`no violations on ${path}`, async () => {
      // Static pages are complete at 'load'; waiting for a quiet network costs every page half a second.
      await page.goto(`${env.server.origin}${path}`, { waitUntil: 'load' });
      if (DYNAMIC.test(path)) await page.waitForLoadState('networkidle');
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
    });
  }
});
