// Certificates end to end in Chromium: a learner completes a course's lessons and passes its final
// assessment through the form; the course page and "my learning" show the certificate, whose page
// verifies it in the browser (valid, with the holder's name and a QR code, one printed page);
// a tampered copy pasted into /en/verify/ reads "tampered". A program manager issues a
// certificate by hand to a cohort member and revokes it, confirmed in place; its page then says
// revoked, with the date. The Arabic page is right-to-left; the page runs under the script policy.
// The steps share browsers; each is its own test so none comes near the timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../api/auth/users.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { browserSteps, expectAccessible, PASSWORD, plain } from '../support/browser-steps.ts';
import { completions, loadManifest, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';
import { cohortWith } from '../support/cohort-fixtures.ts';

const env = useServerAndBrowser();
const { url, openPage, signIn } = browserSteps(env);
const manifest = loadManifest();
// A course with a final assessment, taken alone (self-study: lessons and the assessment are enough).
const [courseId, banks] = Object.entries(manifest.assessments)[0]!;
const course = manifest.courses.find((c) => c.id === courseId)!;
const bank = banks.en!;
const LEARNER = 'Amani Njoroge';
const MEMBER = 'Fatou Sarr';
const longDate = (d: Date) => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(d);

const state = {} as {
  learner: { context: BrowserContext; page: Page; errors: string[] };
  manager: { context: BrowserContext; page: Page; errors: string[] };
  certificateUrl: string;
  credentialJson: string;
  memberPage: string;
  cohortId: string;
  programId: string;
  managerEmail: string;
  memberEmail: string;
};

/** Opens `path` with a listener for script-policy violations installed before the page's own scripts. */
async function watchPolicy(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
const verdict = (page: Page) => page.locator('[data-verify-status]').textContent();

describe('certificates', () => {
  beforeAll(async () => {
    state.learner = await openPage();
    state.manager = await openPage();
    await watchPolicy(state.learner.page);
    const { db } = env.server;
    state.managerEmail = uniqueEmail('cert-manager');
    const manager = await createUser(db, { email: state.managerEmail, name: 'Kwame Asante', password: PASSWORD, role: 'manager' }, TEST_SCRYPT);
    state.memberEmail = uniqueEmail('cert-member');
    const member = await createUser(db, { email: state.memberEmail, name: MEMBER, password: PASSWORD, role: 'learner' }, TEST_SCRYPT);
    const made = await cohortWith({ db, manifest }, { managerId: manager.id, learnerIds: [member.id], courseId, name: 'Dakar certificates' });
    state.cohortId = made.cohortId;
    state.programId = made.programId;
  });
  afterAll(async () => {
    await state.learner?.context.close();
    await state.manager?.context.close();
  });

  it('a learner signs up and completes every lesson; the course page lists what the certificate still needs', async () => {
    const { page } = state.learner;
    const reg = await page.request.post(url('/api/auth/register'), {
      headers: { origin: env.server.origin },
      data: { email: uniqueEmail('cert-learner'), password: PASSWORD, name: LEARNER },
    });
    expect(reg.status()).toBe(201);
    await page.goto(url('/en/my-learning/'));
    await expect.poll(() => page.locator('[data-welcome]').textContent()).toContain(LEARNER);
    const events = completions(course.lessons);
    const sent = await page.request.post(url('/api/progress/events'), { headers: { origin: env.server.origin }, data: { events } });
    expect(sent.status()).toBe(200);

    await page.goto(url(`/en/courses/${courseId}/`));
    const box = page.locator('[data-course-certificate]');
    const lessons = box.locator('[data-requirement=lessons]');
    await expect.poll(() => lessons.textContent()).toBe(`✓ Done: Every lesson completed (${course.lessons.length} of ${course.lessons.length})`);
    expect(await box.locator('[data-requirement=assessment]').textContent()).toBe('– Still needed: Final assessment passed');
    expect(await box.getByRole('link', { name: 'Open your certificate' }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('"my learning" shows the course on its way to a certificate, with what it still needs', async () => {
    const { page } = state.learner;
    await page.goto(url('/en/my-learning/'));
    const towards = page.locator(`[data-towards-course="${courseId}"]`);
    await expect.poll(() => towards.isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Towards a certificate' }).isVisible()).toBe(true);
    expect(await towards.locator('[data-requirement=lessons]').textContent()).toMatch(/^✓ Done: Every lesson completed/);
    expect(await towards.locator('[data-requirement=assessment]').textContent()).toBe('– Still needed: Final assessment passed');
    expect(await towards.getByRole('link', { name: 'Go to the course' }).getAttribute('href')).toBe(`/en/courses/${courseId}/#certificate-title`);
    await expectAccessible(page);
  });

  it('passes the final assessment through its form; the course page then links to the certificate', async () => {
    const { page } = state.learner;
    await page.goto(url(`/en/courses/${courseId}/assessment/`));
    const questions = page.locator('fieldset[data-question]');
    await expect.poll(() => questions.count()).toBe(bank.attemptSize);
    for (const id of await questions.evaluateAll((sets) => sets.map((f) => (f as HTMLElement).dataset.question!))) {
      const q = bank.questions.find((x) => x.id === id)!;
      const fs = page.locator(`fieldset[data-question="${id}"]`);
      if (q.type === 'single') await fs.locator(`input[value="${q.answer}"]`).check();
      if (q.type === 'multiple') for (const option of q.answer) await fs.locator(`input[value="${option}"]`).check();
      if (q.type === 'ordering') for (const [p, option] of q.answer.entries()) await fs.locator(`select[name="${id}:${option}"]`).selectOption(String(p + 1));
      if (q.type === 'matching') for (const [left, right] of Object.entries(q.answer)) await fs.locator(`select[name="${id}:${left}"]`).selectOption(right);
    }
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(`You passed: ${bank.attemptSize} of ${bank.attemptSize}.`);

    await page.goto(url(`/en/courses/${courseId}/`));
    const box = page.locator('[data-course-certificate]');
    await expect.poll(() => box.locator('[data-earned]').textContent()).toBe('You have earned this certificate. Open your certificate');
    expect(await box.locator('li.missing').count()).toBe(0);
  });

  it('"my learning" lists the certificate: course, date, state, and a link to its page', async () => {
    const { page } = state.learner;
    await page.goto(url('/en/my-learning/'));
    const item = page.locator('[data-my-certificates] [data-list] > li');
    await expect.poll(() => item.count()).toBe(1);
    // Certified, the course is no longer "on its way".
    expect(await page.locator('[data-towards]').isHidden()).toBe(true);
    expect(await item.getByRole('heading').textContent()).toBe(course.title);
    expect(plain(await item.locator('.meta').textContent())).toBe(`Issued ${longDate(new Date())} · Valid`);
    expect(await item.getByRole('button', { name: 'Download (JSON)' }).isVisible()).toBe(true);
    expect(await item.getByRole('button', { name: 'Copy the share link' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await item.getByRole('link', { name: 'Open the certificate' }).click();
    await page.waitForURL(/\/en\/verify\/[0-9a-f]{32}\/$/);
    state.certificateUrl = page.url();
  });

  it('its page verifies it in the browser: valid, with the name, the course and a QR code to this address', async () => {
    const { page } = state.learner;
    await expect.poll(() => verdict(page)).toBe('Status: Valid');
    const facts = page.locator('[data-facts]');
    expect(await facts.locator('[data-fact=holder]').textContent()).toBe(LEARNER);
    expect(await facts.locator('[data-fact=course]').textContent()).toBe(course.title);
    expect(await facts.locator('[data-fact=issued]').textContent()).toBe(longDate(new Date()));
    const certificate = page.locator('.certificate');
    await expect.poll(() => certificate.locator('[data-cert-qr] svg[role=img] path').count()).toBe(1);
    expect(await certificate.locator('[data-cert-name]').textContent()).toBe(LEARNER);
    expect(plain(await certificate.textContent())).toContain(`This certifies that ${LEARNER} has completed the course ${course.title}`);
    expect(await certificate.locator('[data-cert-url]').getAttribute('href')).toBe(state.certificateUrl);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Open the raw credential (JSON)' }).getAttribute('href')).toMatch(/\/api\/public\/credentials\/[0-9a-f]{32}$/);
    // The download is the exact JSON the API serves.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the credential (JSON, for wallets)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^accord-certificate-[0-9a-f]{32}\.json$/);
    const id = state.certificateUrl.match(/([0-9a-f]{32})\/$/)![1]!;
    state.credentialJson = await (await fetch(url(`/api/public/credentials/${id}`))).text();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile((await file.path())!, 'utf8')).toBe(state.credentialJson);
    expect(await violations(page), 'the verifier runs under the script policy').toEqual([]);
    expect(state.learner.errors).toEqual([]);
    await expectAccessible(page);
  });

  it('prints on one page, on A4 and on Letter', async () => {
    const { page } = state.learner;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.locator('[data-result]').isVisible()).toBe(false);
    expect(await page.locator('.certificate').isVisible()).toBe(true);
    // page.pdf() prints with the print media unless a media is emulated: back to none.
    await page.emulateMedia({ media: null });
    for (const format of ['A4', 'Letter']) {
      const pdf = (await page.pdf({ format, preferCSSPageSize: false, landscape: true, printBackground: true })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length, format).toBe(1);
    }
  });

  it('says "status not checked (offline)" when the status lists cannot be reached', async () => {
    const { page } = state.learner;
    await page.route('**/api/public/status-lists/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect.poll(() => verdict(page)).toBe('Status: Status not checked (offline)');
    expect(await page.locator('.certificate').isVisible()).toBe(false);
    await page.unroute('**/api/public/status-lists/**');
  });

  it('a copy with the name changed, pasted into /en/verify/, reads "tampered"; the real one is valid; other JSON is not a certificate', async () => {
    const { page } = state.learner;
    await page.goto(url('/en/verify/'));
    const paste = page.getByLabel('Paste the certificate (JSON)');
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await page.locator('#paste-error').textContent()).toBe('Paste a certificate or choose a file first.');
    expect(await paste.getAttribute('aria-invalid')).toBe('true');

    await paste.fill(state.credentialJson.replace(LEARNER, 'Someone Else'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => verdict(page)).toBe('Status: Tampered');
    expect(await page.locator('[data-facts]').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-title');

    await page
      .getByLabel('Or choose a file (.json)')
      .setInputFiles({ name: 'c.json', mimeType: 'application/json', buffer: Buffer.from(state.credentialJson) });
    await expect.poll(() => paste.inputValue()).toBe(state.credentialJson);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => verdict(page)).toBe('Status: Valid');
    expect(await page.getByRole('link', { name: "Open this certificate's verification page" }).getAttribute('href')).toBe(
      new URL(state.certificateUrl).pathname,
    );

    await paste.fill('{"hello": "world"}');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => verdict(page)).toBe('Status: Not a certificate');
    await expectAccessible(page);
  });

  it('offline, a certificate handed over as a file is checked against the keys kept from the last visit; its status reads not checked', async () => {
    const { page } = state.learner;
    await page.goto(url('/en/verify/'));
    await expect.poll(() => page.evaluate(() => localStorage.getItem('accord.issuer-did') !== null)).toBe(true);
    await page.context().setOffline(true);
    try {
      const paste = page.getByLabel('Paste the certificate (JSON)');
      await paste.fill(state.credentialJson);
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => verdict(page)).toBe('Status: Status not checked (offline)');
      await paste.fill(state.credentialJson.replace(LEARNER, 'Someone Else'));
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => verdict(page)).toBe('Status: Tampered');
    } finally {
      await page.context().setOffline(false);
    }
  });

  it('the Arabic page is right-to-left, in Arabic, and keeps the certificate when the language changes', async () => {
    const { page } = state.learner;
    await page.goto(state.certificateUrl);
    const arabic = page.locator('.langs a[hreflang=ar]');
    await expect.poll(() => arabic.evaluate((a) => (a as HTMLAnchorElement).pathname)).toBe(new URL(state.certificateUrl).pathname.replace('/en/', '/ar/'));
    await arabic.click();
    await page.waitForURL('**/ar/verify/*/');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect.poll(() => verdict(page)).toBe('الحالة: سارية');
    expect(await page.locator('.certificate [data-cert-name]').textContent()).toBe(LEARNER);
    await expectAccessible(page);
  });

  it('an address that is no certificate says "not found"', async () => {
    const { page } = state.learner;
    await page.goto(url(`/en/verify/${'0'.repeat(32)}/`));
    await expect.poll(() => verdict(page)).toBe('Status: Not found');
    expect(await page.locator('[data-verdict-text]').textContent()).toContain('No certificate has this address.');
  });

  it('a program manager issues a certificate by hand to a cohort member, with a reason', async () => {
    const { page } = state.manager;
    await signIn(page, state.managerEmail);
    await page.goto(url(`/en/manage/cohort/?id=${state.cohortId}`));
    const section = page.locator('section[aria-labelledby=certificates]');
    await expect.poll(() => section.getByText('No member of this cohort has a certificate yet.').isVisible()).toBe(true);
    const form = section.locator('form[data-issue]');
    await form.getByLabel('Member').selectOption({ label: MEMBER });
    await form.getByLabel('Reason').fill('ok');
    await form.getByRole('button', { name: 'Issue the certificate' }).click();
    expect(await form.locator('#issue-reason-error').textContent()).toBe('Give the reason in 5 to 500 characters.');
    await form.getByLabel('Reason').fill('Completed the programme in person in Dakar, 2026.');
    await form.getByRole('button', { name: 'Issue the certificate' }).click();
    const row = section.locator('tr[data-certificate]');
    await expect.poll(() => row.count()).toBe(1);
    expect(plain(await row.locator('th').textContent())).toBe(`${MEMBER} · issued by hand`);
    expect(await row.locator('td').nth(1).textContent()).toBe('Valid');
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toBe(`Certificate issued to ${MEMBER}.`);
    expect(await form.getByRole('option', { name: `${MEMBER} (has a certificate)` }).isDisabled()).toBe(true);
    await expectAccessible(page);
    state.memberPage = (await row.getByRole('link', { name: `View the certificate of ${MEMBER}` }).getAttribute('href'))!;
  });

  it("the member's certificate page says valid", async () => {
    const { page } = state.learner;
    await page.goto(state.memberPage);
    await expect.poll(() => verdict(page)).toBe('Status: Valid');
    expect(await page.locator('[data-fact=holder]').textContent()).toBe(MEMBER);
  });

  it('the manager revokes it with a reason, confirmed in place: revocation is final', async () => {
    const { page } = state.manager;
    const section = page.locator('section[aria-labelledby=certificates]');
    await section.getByRole('button', { name: `Revoke the certificate of ${MEMBER}` }).click();
    const panel = section.locator('tr[data-change]');
    expect(await panel.textContent()).toContain(`Revoke the certificate of ${MEMBER}? Revocation is final`);
    const reason = panel.getByLabel('Reason (the holder is told)');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    expect(await panel.count()).toBe(0);

    await section.getByRole('button', { name: `Revoke the certificate of ${MEMBER}` }).click();
    await reason.fill('Issued to the wrong person.');
    await panel.getByRole('button', { name: 'Revoke for good' }).click();
    const row = section.locator('tr[data-certificate]');
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('Revoked');
    expect(await row.locator('td').nth(2).textContent()).toBe('Issued to the wrong person.');
    expect(await row.textContent()).toContain('Revocation is final.');
    expect(await row.getByRole('button').count()).toBe(0);
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toBe(`The certificate of ${MEMBER} was revoked.`);
    expect(state.manager.errors).toEqual([]);
  });

  it('the verification page, reloaded, says revoked, with the date', async () => {
    const { page } = state.learner;
    await page.reload();
    await expect.poll(() => verdict(page)).toBe(`Status: Revoked on ${longDate(new Date())}`);
    expect(await page.locator('.certificate').isVisible()).toBe(false);
    expect(await page.locator('[data-verdict]').getAttribute('data-tone')).toBe('bad');
  });

  it("the member's inbox tells of the certificate and of its revocation, with the reason, each linking to its page", async () => {
    const { context, page } = await openPage();
    await signIn(page, state.memberEmail);
    await page.goto(url('/en/inbox/'));
    const items = page.locator('[data-list] li');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(2);
    const texts = (await items.locator('p:first-child').allTextContents()).map(plain);
    expect(texts.slice(0, 2)).toEqual([
      `New Your certificate for ${course.title} was revoked. Reason: Issued to the wrong person.`,
      `New Your certificate for ${course.title} is ready.`,
    ]);
    for (const n of [0, 1]) expect(await items.nth(n).getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(new URL(state.memberPage).pathname);
    await context.close();
  });

  it("the manager sets the program's attendance rule for certificates", async () => {
    const { page } = state.manager;
    await page.goto(url(`/en/manage/program/?id=${state.programId}`));
    const field = page.getByLabel('Attendance needed for a certificate (%)');
    await expect.poll(() => field.inputValue()).toBe('75');
    await field.fill('101');
    await page.locator('form[data-attendance-rule]').getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#program-attendance-error').textContent()).toBe('Enter a whole number from 0 to 100.');
    await field.fill('80');
    await page.locator('form[data-attendance-rule]').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-page-status]').textContent()).toBe('Attendance rule saved: 80%.');
    await page.reload();
    await expect.poll(() => field.inputValue()).toBe('80');
  });
});
