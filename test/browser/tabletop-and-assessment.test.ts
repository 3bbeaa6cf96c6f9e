// The crisis-response tabletop plays end to end with no network at all, and a learner can take a
// final assessment graded by the API. Real Chromium, real Node env.server.
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { loadManifest } from '../support/app.ts';

const env = useServerAndBrowser();

describe('tabletop exercise', () => {
  it('plays in French too, taking the first choice each time, to a debrief', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.server.origin}/fr/courses/crisis-response/tabletop/`);
    const current = page.locator('.tt-node.current');
    let decisions = 0;
    for (; decisions < 30 && (await current.getAttribute('data-ending')) === null; decisions++) await current.locator('a[data-next]').first().click();
    expect(decisions).toBeGreaterThanOrEqual(3);
    expect(await current.getByRole('heading', { name: 'Bilan' }).isVisible()).toBe(true);
    await context.close();
  });

  it('plays from the first inject to a debrief, offline, with no requests', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.server.origin}/en/courses/crisis-response/tabletop/`);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await context.setOffline(true);

    const current = page.locator('.tt-node.current');
    expect(await current.count()).toBe(1);
    let decisions = 0;
    for (; decisions < 30; decisions++) {
      if ((await current.getAttribute('data-ending')) !== null) break;
      // Take the last choice each time: a different route from the first, still valid.
      await current.locator('a[data-next]').last().click();
      expect(await current.locator('[data-result]').isVisible()).toBe(true);
    }
    expect(decisions).toBeGreaterThanOrEqual(3);
    expect(await current.getAttribute('data-ending')).not.toBeNull();
    expect(await current.getByRole('heading', { name: 'Debrief' }).isVisible()).toBe(true);
    expect(await current.locator('[data-path-list] li').count()).toBe(decisions);

    await current.getByRole('button', { name: 'Play again' }).click();
    expect(await page.locator('.tt-node.current').getAttribute('id')).toBe(`node-${await page.locator('[data-tabletop]').getAttribute('data-start')}`);
    expect(
      requests.filter((u) => !u.startsWith('data:')),
      'the exercise must not touch the network',
    ).toEqual([]);
    await context.close();
  });
});

describe('final assessment', () => {
  it('asks a signed-out reader to sign in; a failed attempt shows lessons to revisit, the next asks new questions and a pass explains', async () => {
    const manifest = loadManifest();
    const [courseId, banks] = Object.entries(manifest.assessments)[0]!;
    const bank = banks.en!;
    const key = (id: string) => bank.questions.find((q) => q.id === id)!;
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.server.origin}/en/courses/${courseId}/assessment/`);
    await expect.poll(() => page.getByRole('link', { name: 'Sign in to take the final assessment.' }).isVisible()).toBe(true);

    const email = `assess-${crypto.randomUUID().slice(0, 6)}@example.org`;
    const reg = await page.request.post(`${env.server.origin}/api/auth/register`, {
      headers: { origin: env.server.origin },
      data: { email, password: 'a long pass phrase', name: 'Ama' },
    });
    expect(reg.status()).toBe(201);
    await page.reload();
    await expect.poll(() => page.locator('fieldset[data-question]').count()).toBe(bank.attemptSize);
    expect(await page.content()).not.toContain('"answer"');
    const shownIds = () => page.locator('fieldset[data-question]').evaluateAll((sets) => sets.map((f) => (f as HTMLElement).dataset.question!));

    /** Answers through the form controls a learner would use: right for the first `right` questions, wrong after. */
    async function answer(right: number) {
      for (const [i, id] of (await shownIds()).entries()) {
        const q = key(id);
        const fs = page.locator(`fieldset[data-question="${q.id}"]`);
        const wrong = i >= right;
        if (q.type === 'single') {
          const choice = wrong ? q.options.find((o) => o.id !== q.answer)!.id : q.answer;
          await fs.locator(`input[value="${choice}"]`).check();
        }
        if (q.type === 'multiple') for (const id of wrong ? q.options.map((o) => o.id) : q.answer) await fs.locator(`input[value="${id}"]`).check();
        if (q.type === 'ordering') {
          const order = wrong ? [...q.answer].reverse() : q.answer;
          for (const [p, id] of order.entries()) await fs.locator(`select[name="${q.id}:${id}"]`).selectOption(String(p + 1));
        }
        if (q.type === 'matching') {
          const rights = Object.values(q.answer);
          for (const [n, [left, r]] of Object.entries(q.answer).entries())
            await fs.locator(`select[name="${q.id}:${left}"]`).selectOption(wrong ? rights[(n + 1) % rights.length]! : r);
        }
      }
      await page.getByRole('button', { name: 'Submit answers' }).click();
    }

    const first = await shownIds();
    await answer(2);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(`Not yet: 2 of ${bank.attemptSize}. You need 7 to pass.`);
    // Feedback by lesson, with links to revisit; no explanation and no right/wrong per question.
    const feedback = page.locator('.topic-feedback');
    await expect.poll(() => feedback.getByRole('heading', { name: 'How you did, lesson by lesson' }).isVisible()).toBe(true);
    await expect.poll(() => feedback.locator('li').count()).toBeGreaterThan(1);
    expect(await feedback.getByRole('link', { name: 'Revisit this lesson' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.feedback strong').count()).toBe(0);
    for (const id of first) expect(await page.content()).not.toContain(key(id).explanation.slice(0, 40));

    await page.getByRole('button', { name: 'Take your next attempt' }).click();
    await expect.poll(async () => (await shownIds()).length).toBe(bank.attemptSize);
    const second = await shownIds();
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    await answer(bank.attemptSize);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(`You passed: ${bank.attemptSize} of ${bank.attemptSize}.`);
    expect(await page.locator('.feedback strong.ok').count()).toBe(bank.attemptSize);
    expect(await page.locator('.feedback').first().textContent()).toContain(key(second[0]!).explanation.slice(0, 40));
    await context.close();
  });
});
