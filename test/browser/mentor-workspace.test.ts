// A mentor's workspace in Chromium against the real server: the groups page with needs-attention
// flags in words, attendance for a meeting that took place, a private note (written, shared,
// edited, deleted after confirming), a capstone review asking for changes, a one-off meeting on
// the mentor's own clock, the cohort calendar address; then the learner's inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../api/auth/users.ts';
import { createCohort, createProgram, enrol } from '../../api/programs/store.ts';
import { createGroup, insertMeeting } from '../../api/mentoring/store.ts';
import { attendance, calendarFeeds, capstoneSubmissions, meetings, mentorNotes } from '../../api/mentoring/tables.ts';
import { notifications } from '../../api/notifications/tables.ts';
import { useServerAndBrowser } from '../support/browser-env.ts';
import { browserSteps, day, PASSWORD, plain, violations } from '../support/browser-steps.ts';
import { loadManifest, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';
// After the API modules: they extend zod (for OpenAPI) before core/schedule builds its schemas.
import { formatInZone, zonedToUtc } from '#core/schedule/zoned.ts';

const env = useServerAndBrowser();
const course = loadManifest().courses[0]!;
const DAY = 86_400_000;
const { apiAs, openPage, signIn } = browserSteps(env);

describe('the mentor workspace', () => {
  const s = {} as {
    cohortId: string;
    groupId: string;
    meetingId: string;
    mentor: { id: string; email: string };
    ana: { id: string; email: string };
    ben: { id: string; email: string };
    context: BrowserContext;
    page: Page;
    errors: string[];
  };

  beforeAll(async () => {
    const db = env.server.db;
    const program = await createProgram(db, { name: 'Andean programme', regions: ['005'], courseIds: [course.id], startsOn: day(-40), endsOn: day(60) });
    const cohort = await createCohort(db, {
      programId: program.id,
      name: 'Quito cohort',
      courseId: course.id,
      locale: 'en',
      startsOn: day(-30),
      endsOn: day(45),
      capacity: 10,
      timeZone: 'America/Guayaquil',
    });
    s.cohortId = cohort.id;
    const mentor = await createUser(db, { email: uniqueEmail('mentor'), name: 'Lucía Paredes', password: PASSWORD, role: 'mentor' }, TEST_SCRYPT);
    const ana = await createUser(db, { email: uniqueEmail('ana'), name: 'Ana Quispe', password: PASSWORD }, TEST_SCRYPT);
    const ben = await createUser(db, { email: uniqueEmail('ben'), name: 'Benedict Mwangi', password: PASSWORD }, TEST_SCRYPT);
    Object.assign(s, { mentor, ana, ben });
    // They joined 20 days ago and have done nothing since: both are flagged as inactive.
    for (const u of [ana, ben]) expect(await enrol(db, cohort.id, u.id, 'manager', new Date(Date.now() - 20 * DAY))).toBe('enrolled');
    const group = await createGroup(db, { cohortId: cohort.id, mentorId: mentor.id, learnerIds: [ana.id, ben.id], source: 'manual' });
    if (!group.ok) throw new Error(`createGroup: ${group.problem}`);
    s.groupId = group.group.id;
    // A meeting two days ago (the API schedules only future meetings, so it is stored directly).
    const started = new Date(Date.now() - 2 * DAY);
    const past = await insertMeeting(
      db,
      {
        cohortId: cohort.id,
        groupId: s.groupId,
        title: 'Kick-off',
        startsAt: started.toISOString(),
        endsAt: new Date(started.getTime() + 3_600_000).toISOString(),
        createdBy: mentor.id,
      },
      new Date(),
    );
    s.meetingId = past.id;
    const asAna = await apiAs(ana.email);
    expect((await asAna('POST', `/api/my/cohorts/${cohort.id}/capstone`, { text: 'Draft: a regional incident-sharing arrangement.' })).status).toBe(201);

    Object.assign(s, await openPage({ timezoneId: 'Africa/Nairobi' }));
  });
  afterAll(() => s.context?.close());

  it('lists my group with each mentee’s progress and needs-attention flags in words', async () => {
    const { page } = s;
    await signIn(page, s.mentor.email);
    await page.goto(`${env.server.origin}/en/mentor/`);
    const group = page.locator(`[data-group="${s.groupId}"]`);
    await expect.poll(() => group.locator('h2').textContent()).toBe('Quito cohort');
    expect(plain(await group.locator('.meta').first().textContent())).toBe(`Course: ${course.title} · 2 mentees`);
    const ana = group.locator(`[data-mentee="${s.ana.id}"]`);
    expect(plain(await ana.textContent())).toContain(`0 of ${course.lessons.length} lessons complete`);
    expect(await ana.locator('[data-flag="inactive-14-days"]').textContent()).toBe('No activity for 20 days');
  });

  it('records attendance for the meeting that took place', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Quito cohort', exact: true }).click();
    await page.waitForURL(`**/en/mentor/group/?id=${s.groupId}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Group in Quito cohort');
    expect(await page.locator('[data-zone-note]').first().textContent()).toBe('Times are shown in your time zone: Africa/Nairobi.');
    const meeting = page.locator(`[data-past] [data-meeting="${s.meetingId}"]`);
    await expect.poll(() => meeting.isVisible()).toBe(true);
    await meeting.getByText('Attendance', { exact: true }).click();
    const form = meeting.locator('form[data-attendance-form]');
    await form.getByRole('group', { name: 'Ana Quispe' }).getByLabel('Present').check();
    await form.getByRole('group', { name: 'Benedict Mwangi' }).getByLabel('Excused').check();
    await form.getByRole('button', { name: 'Save attendance' }).click();
    await expect.poll(() => meeting.locator('[role=status]').textContent()).toBe('Attendance saved.');
    const rows = await env.server.db.select().from(attendance).where(eq(attendance.meetingId, s.meetingId));
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.status]))).toEqual({ [s.ana.id]: 'present', [s.ben.id]: 'excused' });
  });

  it('writes a private note, shares it, edits it, and deletes another after confirming', async () => {
    const { page } = s;
    const mentee = page.locator(`[data-mentee="${s.ben.id}"]`);
    await mentee.locator('summary').click();
    const form = mentee.locator('form[data-new-note]');
    await form.getByLabel('New note').fill('Busy with a budget cycle until the 15th; check in after.');
    await form.getByRole('button', { name: 'Save the note' }).click();
    const notes = mentee.locator('[data-note]');
    await expect.poll(() => notes.count()).toBe(1);
    expect(plain(await notes.first().textContent())).toContain('Private');

    await notes.first().getByRole('button', { name: 'Edit' }).click();
    await mentee.getByLabel('Edit the note').fill('Busy with a budget cycle until the 15th; call on the 16th.');
    await mentee.getByLabel('Share with program managers').first().check();
    await mentee.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => notes.first().textContent().then(plain)).toContain('Shared with program managers');
    const [stored] = await env.server.db.select().from(mentorNotes).where(eq(mentorNotes.learnerId, s.ben.id));
    expect(stored).toMatchObject({ body: 'Busy with a budget cycle until the 15th; call on the 16th.', shared: true, mentorId: s.mentor.id });

    await form.getByLabel('New note').fill('Second thought, to delete.');
    await form.getByRole('button', { name: 'Save the note' }).click();
    await expect.poll(() => notes.count()).toBe(2);
    const dialog = page.locator('dialog[data-confirm]');
    await notes.first().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Delete this note? This cannot be undone.');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => notes.count()).toBe(1);
    expect(await env.server.db.select().from(mentorNotes).where(eq(mentorNotes.learnerId, s.ben.id))).toHaveLength(1);
  });

  it('reviews a capstone: asking for changes needs written feedback', async () => {
    const { page } = s;
    const item = page.locator('[data-capstones] [data-capstone]');
    await expect.poll(() => item.count()).toBe(1);
    expect(plain(await item.textContent())).toMatch(/^Ana Quispe: version 1, submitted .* · Waiting for review/);
    await item.getByRole('button', { name: 'Read and review' }).click();
    await expect.poll(() => item.locator('[data-submission-text]').textContent()).toBe('Draft: a regional incident-sharing arrangement.');
    await item.getByLabel('Request changes').check();
    await item.getByRole('button', { name: 'Send the review' }).click();
    await expect.poll(() => item.locator('[data-field="feedback"] .field-error').textContent()).toBe('Write your feedback (at most 4,000 characters).');
    await item.getByLabel('Written feedback').fill('Say which agency leads, and how often partners meet.');
    await item.getByRole('button', { name: 'Send the review' }).click();
    await expect.poll(() => item.locator('[role=status]').textContent()).toBe('Review sent. The learner has been told.');
    expect(await item.locator('[data-capstone-status]').textContent()).toBe('Changes requested');
    const [stored] = await env.server.db.select().from(capstoneSubmissions).where(eq(capstoneSubmissions.userId, s.ana.id));
    expect(stored).toMatchObject({ status: 'changes_requested', feedback: 'Say which agency leads, and how often partners meet.', reviewerId: s.mentor.id });
  });

  it('schedules a one-off meeting for the group at a time on the mentor’s own clock', async () => {
    const { page } = s;
    const date = day(7);
    const form = page.locator('form[data-schedule]');
    await form.getByLabel('Title').fill('Mid-course review');
    await form.getByLabel('Date').fill(date);
    await form.getByLabel('Start time').fill('15:00');
    await form.getByLabel('Length in minutes').fill('45');
    await form.getByRole('button', { name: 'Schedule the meeting' }).click();
    await expect.poll(() => form.locator('[data-form-status]').textContent()).toBe('Meeting scheduled. Your mentees have been told.');
    const expected = zonedToUtc(date, '15:00', 'Africa/Nairobi');
    const [stored] = await env.server.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.cohortId, s.cohortId), eq(meetings.title, 'Mid-course review')));
    expect(stored).toMatchObject({ groupId: s.groupId, startsAt: expected.toISOString(), endsAt: new Date(expected.getTime() + 45 * 60_000).toISOString() });
    const shown = page.locator(`[data-upcoming] [data-meeting="${stored!.id}"] [data-when]`);
    expect(plain(await shown.textContent())).toBe(plain(formatInZone(expected, 'Africa/Nairobi', 'en')));
  });

  it('makes the cohort calendar address, shows it once, and revokes it after confirming', async () => {
    const { page } = s;
    const box = page.locator('[data-feed]');
    await box.getByRole('button', { name: 'Create a subscription address' }).click();
    const url = box.getByLabel('Subscription address');
    await expect.poll(() => url.inputValue()).toMatch(new RegExp(`^${env.server.origin}/api/public/calendar/[a-z2-7]+$`));
    const feed = await page.request.get(await url.inputValue());
    expect(await feed.text()).toContain('SUMMARY:Mid-course review');
    await box.getByRole('button', { name: 'Revoke the address' }).click();
    await page.locator('dialog[data-confirm]').getByRole('button', { name: 'Revoke the address' }).click();
    await expect.poll(() => box.locator('[role=status]').textContent()).toBe('The address was revoked.');
    const rows = await env.server.db.select().from(calendarFeeds).where(eq(calendarFeeds.ownerId, s.mentor.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revokedAt).not.toBeNull();
    expect(s.errors).toEqual([]);
  });

  it('the group page with everything open has no axe violations; in Arabic at 320 px it does not scroll sideways', async () => {
    const { page } = s;
    const openAll = async (p: Page) => {
      await p.locator('[data-mentee]').first().waitFor();
      await p.locator('details').evaluateAll((all) => {
        for (const d of all as HTMLDetailsElement[]) d.open = true;
      });
      await p.locator('[data-capstone] button').first().click();
      await p.locator('[data-review], [data-capstone] .meta').first().waitFor();
      await p.locator('form[data-new-note]').first().waitFor();
    };
    await page.reload();
    await openAll(page);
    expect(await violations(page)).toEqual([]);

    const narrow = await env.browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await s.context.storageState() });
    try {
      const ar = await narrow.newPage();
      await ar.goto(`${env.server.origin}/ar/mentor/group/?id=${s.groupId}`);
      await openAll(ar);
      expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
      const [scroll, client] = await ar.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(scroll, `${scroll}px content in ${client}px`).toBeLessThanOrEqual(client!);
      expect(await violations(ar)).toEqual([]);
      await ar.goto(`${env.server.origin}/ar/mentor/`);
      await ar.locator('[data-group]').first().waitFor();
      expect(await violations(ar)).toEqual([]);
    } finally {
      await narrow.close();
    }
  });

  it('the learner’s inbox tells them what happened, newest first, and marks it read', async () => {
    const context = await env.browser.newContext({ timezoneId: 'America/Santiago' });
    try {
      const page = await context.newPage();
      await signIn(page, s.ana.email);
      await page.goto(`${env.server.origin}/en/inbox/`);
      const items = page.locator('[data-list] li');
      await expect.poll(() => items.count()).toBe(3);
      const [meeting] = await env.server.db.select().from(meetings).where(eq(meetings.title, 'Mid-course review'));
      expect((await page.locator('[data-list] li > p:first-child').allTextContents()).map(plain)).toEqual([
        `New New meeting “Mid-course review”: ${plain(formatInZone(new Date(meeting!.startsAt), 'America/Santiago', 'en'))}.`,
        'New Your mentor asked for changes to your capstone project in Quito cohort.',
        'New Lucía Paredes is your mentor in the cohort Quito cohort.',
      ]);
      expect(await page.locator('[data-unread-summary]').textContent()).toBe('3 unread messages');
      await items.first().getByRole('button', { name: 'Mark as read' }).click();
      await expect.poll(() => page.locator('[data-unread-summary]').textContent()).toBe('2 unread messages');
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await expect.poll(() => page.locator('[data-unread-summary]').textContent()).toBe('All messages are read.');
      expect(await violations(page)).toEqual([]);
      const rows = await env.server.db.select().from(notifications).where(eq(notifications.userId, s.ana.id));
      expect(rows.every((r) => r.readAt !== null)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
