import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The app first: it loads @hono/zod-openapi before any core zod schema is built, so those schemas get .openapi().
import { makeTestApp } from '../support/app.ts';
import { count, eq } from 'drizzle-orm';
import { capstoneSubmissions } from '../../api/db/schema.ts';
import { MAX_CAPSTONE_LINK, MAX_CAPSTONE_TEXT } from '../../api/mentoring/rules.ts';
import { inbox } from '../../api/notifications/store.ts';
import { enrol } from '../../api/programs/store.ts';
import { cohortWith } from '../support/cohort-fixtures.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

async function setting() {
  const manager = await t.signInAs('manager');
  const mentor = await t.signInAs('mentor');
  const learner = await t.signInAs('learner');
  const f = await cohortWith(t, { managerId: manager.user.id, learnerIds: [learner.user.id], mentorId: mentor.user.id });
  const mine = `/api/my/cohorts/${f.cohortId}/capstone`;
  return { manager, mentor, learner, ...f, mine };
}

const versionsOf = async (userId: string) => (await t.db.select({ n: count() }).from(capstoneSubmissions).where(eq(capstoneSubmissions.userId, userId)))[0]!.n;

describe('sending a capstone', () => {
  it('stores version 1 as submitted, and the learner sees it', async () => {
    const { learner, mine, cohortId, cohort } = await setting();
    const res = await learner.call('POST', mine, { text: 'A national AI incident-sharing plan.', link: 'https://example.org/plan' });
    expect(res.status).toBe(201);
    expect(res.json.submission).toMatchObject({ version: 1, status: 'submitted', link: 'https://example.org/plan', cohortId, courseId: cohort.courseId });
    const view = await learner.call('GET', mine);
    expect(view.json).toMatchObject({ cohortId, canSubmit: true });
    expect(view.json.versions.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('keeps every version: a new one is the highest plus one', async () => {
    const { learner, mine } = await setting();
    await learner.call('POST', mine, { text: 'First draft.' });
    const second = await learner.call('POST', mine, { text: 'Second draft.' });
    expect(second.json.submission.version).toBe(2);
    const view = await learner.call('GET', mine);
    expect(view.json.versions.map((v: { version: number; text: string }) => [v.version, v.text])).toEqual([
      [2, 'Second draft.'],
      [1, 'First draft.'],
    ]);
  });

  it(`rejects text over ${MAX_CAPSTONE_TEXT} characters, empty text, and links that are not https or too long (400), storing nothing`, async () => {
    const { learner, mine } = await setting();
    const bad = [
      { text: 'x'.repeat(MAX_CAPSTONE_TEXT + 1) },
      { text: '  ' },
      { text: 'Fine.', link: 'http://example.org/plan' },
      { text: 'Fine.', link: 'javascript:alert(1)' },
      { text: 'Fine.', link: `https://example.org/${'a'.repeat(MAX_CAPSTONE_LINK)}` },
    ];
    for (const body of bad) expect((await learner.call('POST', mine, body)).status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect(await versionsOf(learner.user.id)).toBe(0);
    expect((await learner.call('POST', mine, { text: 'x'.repeat(MAX_CAPSTONE_TEXT) })).status).toBe(201);
  });
});

describe('reviewing a capstone', () => {
  it('asks for changes on the latest version; the learner sees the feedback and is told', async () => {
    const { learner, mentor, mine, cohortId, cohort } = await setting();
    const sent = await learner.call('POST', mine, { text: 'Draft.' });
    const res = await mentor.call('POST', `/api/capstones/${sent.json.submission.id}/review`, { decision: 'changes_requested', feedback: 'Add a timeline.' });
    expect(res.status).toBe(200);
    expect(res.json.submission).toMatchObject({ status: 'changes_requested', feedback: 'Add a timeline.', reviewerId: mentor.user.id });
    const view = await learner.call('GET', mine);
    expect(view.json.versions[0]).toMatchObject({ status: 'changes_requested', feedback: 'Add a timeline.' });
    expect(view.json.canSubmit).toBe(true);
    const { notifications } = await inbox(t.db, learner.user.id, 1);
    expect(notifications[0]).toMatchObject({
      kind: 'capstone.reviewed',
      data: { cohortId, cohortName: cohort.name, submissionId: sent.json.submission.id, version: 1, decision: 'changes_requested' },
    });
  });

  it('reviews only the latest version (409 for an older one) and only once (409 again)', async () => {
    const { learner, manager, mine } = await setting();
    const first = await learner.call('POST', mine, { text: 'One.' });
    const second = await learner.call('POST', mine, { text: 'Two.' });
    const old = await manager.call('POST', `/api/capstones/${first.json.submission.id}/review`, { decision: 'approved' });
    expect(old.status).toBe(409);
    expect(old.json.error.details).toEqual({ latestId: second.json.submission.id });
    expect(
      (await manager.call('POST', `/api/capstones/${second.json.submission.id}/review`, { decision: 'changes_requested', feedback: 'More.' })).status,
    ).toBe(200);
    expect((await manager.call('POST', `/api/capstones/${second.json.submission.id}/review`, { decision: 'approved' })).status).toBe(409);
    const [row] = await t.db.select().from(capstoneSubmissions).where(eq(capstoneSubmissions.id, first.json.submission.id));
    expect(row).toMatchObject({ status: 'submitted', feedback: null });
  });

  it('once approved, takes no further versions (409)', async () => {
    const { learner, mentor, mine } = await setting();
    const sent = await learner.call('POST', mine, { text: 'Final.' });
    await mentor.call('POST', `/api/capstones/${sent.json.submission.id}/review`, { decision: 'approved', feedback: 'Excellent.' });
    const again = await learner.call('POST', mine, { text: 'One more?' });
    expect(again.status).toBe(409);
    expect(await versionsOf(learner.user.id)).toBe(1);
    expect((await learner.call('GET', mine)).json).toMatchObject({ canSubmit: false, versions: [{ status: 'approved', feedback: 'Excellent.' }] });
  });

  it('needs feedback to ask for changes, and rejects unknown decisions (400), changing nothing', async () => {
    const { learner, mentor, mine } = await setting();
    const sent = await learner.call('POST', mine, { text: 'Draft.' });
    const path = `/api/capstones/${sent.json.submission.id}/review`;
    for (const body of [{ decision: 'changes_requested' }, { decision: 'changes_requested', feedback: '  ' }, { decision: 'rejected', feedback: 'No.' }]) {
      expect((await mentor.call('POST', path, body)).status, JSON.stringify(body)).toBe(400);
    }
    const [row] = await t.db.select().from(capstoneSubmissions).where(eq(capstoneSubmissions.id, sent.json.submission.id));
    expect(row!.status).toBe('submitted');
  });

  it('shows one version with the whole history to its reviewers', async () => {
    const { learner, mentor, mine } = await setting();
    await learner.call('POST', mine, { text: 'One.' });
    const second = await learner.call('POST', mine, { text: 'Two.' });
    const res = await mentor.call('GET', `/api/capstones/${second.json.submission.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ learner: { id: learner.user.id, name: 'Test learner' }, latestVersion: 2, submission: { version: 2 } });
    expect(res.json.history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });
});

describe("a cohort's capstones", () => {
  it("lists each learner's latest version: all of them to the manager, their own mentees' to a mentor", async () => {
    const { learner, mentor, manager, mine, cohortId } = await setting();
    const other = await t.signInAs('learner');
    const otherMentor = await t.signInAs('mentor');
    await enrol(t.db, cohortId, other.user.id, 'manager', new Date());
    await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: otherMentor.user.id, learnerIds: [other.user.id] });
    await learner.call('POST', mine, { text: 'One.' });
    await learner.call('POST', mine, { text: 'Two.' });
    await other.call('POST', mine, { text: 'Theirs.' });
    const all = await manager.call('GET', `/api/cohorts/${cohortId}/capstones`);
    expect(all.status).toBe(200);
    expect(all.json.capstones.map((c: { learner: { id: string }; version: number }) => [c.learner.id, c.version]).sort()).toEqual(
      [
        [learner.user.id, 2],
        [other.user.id, 1],
      ].sort(),
    );
    const mentees = await mentor.call('GET', `/api/cohorts/${cohortId}/capstones`);
    expect(mentees.json.capstones.map((c: { learner: { id: string } }) => c.learner.id)).toEqual([learner.user.id]);
  });
});
