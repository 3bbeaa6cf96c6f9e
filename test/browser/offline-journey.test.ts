// A learner saves a course, loses the network, completes three lessons and a quiz, reloads, closes
// the browser, and comes back online later: the server ends up with exactly those events, once each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { lessonProgress, progressEvents, users } from '../../api/db/schema.ts';
import { launchPersistent } from '../support/browser.ts';
import { startTestServer } from '../support/server.ts';
import { loadManifest } from '../support/app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let profile: string;
beforeAll(async () => {
  server = await startTestServer();
  profile = mkdtempSync(join(tmpdir(), 'accord-profile-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(profile, { recursive: true, force: true });
});

const manifest = loadManifest();
const course = manifest.courses[0]!;
const [l1, l2, l3, l4] = course.lessons as [(typeof course.lessons)[0], (typeof course.lessons)[0], (typeof course.lessons)[0], (typeof course.lessons)[0]];
const lessonUrl = (slug: string) => `${server.origin}/en/courses/${course.id}/${slug}/`;
const status = (page: Page) => page.locator('[data-lesson-actions] [data-sync-status]').textContent();

describe('offline journey', () => {
  it('keeps every offline completion and syncs each event exactly once', async () => {
    let context: BrowserContext = await launchPersistent(profile);
    let page = context.pages()[0] ?? (await context.newPage());
    const email = `offline-${crypto.randomUUID().slice(0, 6)}@example.org`;

    // Online: create the account and save the course on the device.
    await page.goto(`${server.origin}/en/sign-up/`);
    await page.getByLabel('Your name').fill('Leila Haddad');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long pass phrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/my-learning/');
    await page.goto(`${server.origin}/en/courses/${course.id}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const save = page.locator('[data-save-offline] [data-save]');
    await expect.poll(() => save.textContent()).toMatch(/^Save this course for offline \(\d[\d,]* KB\)$/);
    await save.click();
    await expect.poll(() => page.locator('[data-offline-status]').textContent(), { timeout: 60_000 }).toMatch(/^Saved on this device/);

    // The network goes: the browser is offline and the server cannot be reached at all.
    await context.setOffline(true);
    await server.goDown();
    for (const lesson of [l1, l2, l3]) {
      await page.goto(lessonUrl(lesson.slug));
      await page.getByRole('button', { name: 'Mark lesson complete' }).click();
      await expect.poll(() => page.getByText('Lesson complete', { exact: true }).isVisible()).toBe(true);
      await expect.poll(() => status(page)).toMatch(/Saved on this device|Offline/);
    }
    await page.goto(lessonUrl(l4.slug));
    for (const [question, option] of Object.entries(manifest.quizKeys[l4.id]!)) await page.locator(`input[name="${question}"][value="${option}"]`).check();
    await page.getByRole('button', { name: 'Check answers' }).click();
    await expect.poll(() => page.locator('[data-quiz-result]').textContent()).toContain('You passed this quiz.');

    // Still offline: a reload keeps everything, served from the device.
    await page.reload();
    await expect.poll(() => page.getByText('Lesson complete', { exact: true }).isVisible()).toBe(true);
    await page.goto(lessonUrl(l1.slug));
    await expect.poll(() => page.getByText('Lesson complete', { exact: true }).isVisible()).toBe(true);

    // Search still works offline for the saved course.
    await page.goto(`${server.origin}/en/search/?q=benchmark`);
    await expect.poll(() => page.locator('[data-search-results] a').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const hrefs = await page.locator('[data-search-results] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => h?.startsWith(`/en/courses/${course.id}/`))).toBe(true);

    // Close the browser entirely; days later, reopen it with the network back.
    await context.close();
    await server.comeBack();
    const user = (await server.db.select().from(users).where(eq(users.email, email)))[0]!;
    expect(await server.db.select().from(progressEvents).where(eq(progressEvents.userId, user.id)), 'nothing reached the server while offline').toHaveLength(0);
    context = await launchPersistent(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(lessonUrl(l2.slug));
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Synced');
    // Visit again to make sure a second sync sends nothing twice.
    await page.goto(`${server.origin}/en/my-learning/`);
    await expect.poll(() => page.locator(`[data-course="${course.id}"] [data-count]`).textContent()).toBe(`4 of ${course.lessons.length} lessons complete`);

    // The saved copy can be removed again (after a confirmation); progress stays.
    await page.goto(`${server.origin}/en/courses/${course.id}/`);
    const remove = page.locator('[data-save-offline] [data-remove]');
    await expect.poll(() => remove.isVisible()).toBe(true);
    page.once('dialog', (dialog) => void dialog.accept());
    await remove.click();
    await expect.poll(() => page.locator('[data-offline-status]').textContent()).toBe('Removed from this device.');
    expect(await page.evaluate(() => caches.keys())).not.toContain(`accord-saved:en:${course.id}`);
    await expect.poll(() => page.locator('[data-save-offline] [data-save]').isVisible()).toBe(true);
    await context.close();

    const events = await server.db.select().from(progressEvents).where(eq(progressEvents.userId, user.id));
    expect(events.map((e) => `${e.type} ${e.lessonId}`).sort()).toEqual(
      [`lesson.completed ${l1.id}`, `lesson.completed ${l2.id}`, `lesson.completed ${l3.id}`, `quiz.submitted ${l4.id}`].sort(),
    );
    const progress = await server.db.select().from(lessonProgress).where(eq(lessonProgress.userId, user.id));
    expect(
      progress
        .filter((p) => p.completedAt)
        .map((p) => p.lessonId)
        .sort(),
    ).toEqual([l1.id, l2.id, l3.id, l4.id].sort());
  });
});
