// A learner signs up, reads a lesson, passes its quiz, and sees the progress on "my learning",
// in real Chromium against the real Node server (static site + API + embedded libSQL).
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { progressEvents } from '../../api/db/schema.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { loadManifest } from '../support/app.ts';

const env = useServerAndBrowser();

describe('the learning loop in a browser', () => {
  it('sign up → lesson → pass the quiz → progress on my learning', async () => {
    const manifest = loadManifest();
    const course = manifest.courses[0]!;
    const lesson = course.lessons[0]!;
    const page = await (await env.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${env.server.origin}/en/sign-up/`);
    await page.getByLabel('Your name').fill('Kofi Mensah');
    await page.getByLabel('Email').fill(`kofi-${crypto.randomUUID().slice(0, 6)}@example.org`);
    await page.getByLabel('Password').fill('a long pass phrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/en/my-learning/');
    await expect.poll(() => page.getByText('Welcome, Kofi Mensah.').isVisible()).toBe(true);

    await page.goto(`${env.server.origin}/en/courses/${course.id}/${lesson.slug}/`);
    expect(await page.locator('h1').textContent()).toBe(lesson.title);
    // Choose the right option in every question, then check.
    for (const [question, option] of Object.entries(manifest.quizKeys[lesson.id]!)) {
      await page.locator(`input[name="${question}"][value="${option}"]`).check();
    }
    await page.getByRole('button', { name: 'Check answers' }).click();
    await expect.poll(() => page.locator('[data-quiz-result]').textContent()).toContain('You passed this quiz.');
    // Each question now shows the feedback on the chosen option, and only that one.
    const questions = Object.keys(manifest.quizKeys[lesson.id]!).length;
    expect(await page.locator('.feedback li.chosen.right:visible').count()).toBe(questions);
    expect(await page.locator('.feedback li:visible').count()).toBe(questions);
    await expect.poll(() => page.locator('[data-sync-status]').first().textContent()).toBe('Synced');
    await expect.poll(() => page.getByText('Lesson complete', { exact: true }).isVisible()).toBe(true);

    await page.goto(`${env.server.origin}/en/my-learning/`);
    const item = page.locator(`[data-lesson="${lesson.id}"]`);
    await expect.poll(() => item.getAttribute('class')).toContain('done');
    expect(await page.locator(`[data-course="${course.id}"] [data-count]`).textContent()).toBe(`1 of ${course.lessons.length} lessons complete`);

    const stored = await env.server.db.select().from(progressEvents).where(eq(progressEvents.lessonId, lesson.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ type: 'quiz.submitted', passed: true });
    expect(errors).toEqual([]);
  });
});
