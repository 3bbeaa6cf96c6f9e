import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The app first: it loads @hono/zod-openapi before any core zod schema is built, so those schemas get .openapi().
import { makeTestApp } from '../support/app.ts';
import { count, eq } from 'drizzle-orm';
import { mentorNotes } from '../../api/db/schema.ts';
import { MAX_NOTE } from '../../api/mentoring/rules.ts';
import { cohortWith } from '../support/cohort-fixtures.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

/** The learner's mentor and manager in one cohort, signed in. */
async function setting() {
  const manager = await t.signInAs('manager');
  const mentor = await t.signInAs('mentor');
  const learner = await t.signInAs('learner');
  const f = await cohortWith(t, { managerId: manager.user.id, learnerIds: [learner.user.id], mentorId: mentor.user.id });
  return { manager, mentor, learner, ...f };
}

const notesPath = (learnerId: string) => `/api/mentees/${learnerId}/notes`;
const notesOn = async (learnerId: string) => (await t.db.select({ n: count() }).from(mentorNotes).where(eq(mentorNotes.learnerId, learnerId)))[0]!.n;

describe("a mentor's notes", () => {
  it('are written by the mentor and private: the mentor sees them, the program’s manager does not', async () => {
    const { mentor, manager, learner, cohortId } = await setting();
    const res = await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'Needs help with the treaty lesson.' });
    expect(res.status).toBe(201);
    expect(res.json.note).toMatchObject({ learnerId: learner.user.id, cohortId, shared: false, mentor: { id: mentor.user.id, name: 'Test mentor' } });
    expect((await mentor.call('GET', notesPath(learner.user.id))).json.notes.map((n: { id: string }) => n.id)).toEqual([res.json.note.id]);
    expect((await manager.call('GET', notesPath(learner.user.id))).json.notes).toEqual([]);
  });

  it('shared ones are seen by the managers of the program, not by managers of another program the learner is in', async () => {
    const { mentor, manager, learner, cohortId } = await setting();
    const otherManager = await t.signInAs('manager');
    await cohortWith(t, { managerId: otherManager.user.id, learnerIds: [learner.user.id] });
    await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'Private.' });
    const shared = await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'Shared with the programme.', shared: true });
    expect((await manager.call('GET', notesPath(learner.user.id))).json.notes.map((n: { id: string }) => n.id)).toEqual([shared.json.note.id]);
    const other = await otherManager.call('GET', notesPath(learner.user.id));
    expect(other.status).toBe(200);
    expect(other.json.notes).toEqual([]);
  });

  it("are not seen by the learner's mentor in another cohort, even when shared", async () => {
    const { mentor, learner, cohortId } = await setting();
    const otherMentor = await t.signInAs('mentor');
    await cohortWith(t, { managerId: (await t.signInAs('manager')).user.id, learnerIds: [learner.user.id], mentorId: otherMentor.user.id });
    await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'Shared.', shared: true });
    expect((await otherMentor.call('GET', notesPath(learner.user.id))).json.notes).toEqual([]);
  });

  it('are never shown to learners, not even their own (403)', async () => {
    const { mentor, learner, cohortId } = await setting();
    await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'Shared.', shared: true });
    const res = await learner.call('GET', notesPath(learner.user.id));
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('Shared.');
  });

  it('can be filtered to one cohort', async () => {
    const { mentor, manager, learner, cohortId } = await setting();
    const second = await cohortWith(t, { managerId: manager.user.id, learnerIds: [learner.user.id] });
    await manager.call('POST', `/api/cohorts/${second.cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learner.user.id] });
    await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'First cohort.' });
    await mentor.call('POST', notesPath(learner.user.id), { cohortId: second.cohortId, body: 'Second cohort.' });
    const res = await mentor.call('GET', `${notesPath(learner.user.id)}?cohortId=${second.cohortId}`);
    expect(res.json.notes.map((n: { body: string }) => n.body)).toEqual(['Second cohort.']);
  });

  it("are only written in a cohort where the writer is the learner's mentor (403), and nothing is stored", async () => {
    const { mentor, manager, learner } = await setting();
    const other = await cohortWith(t, { managerId: manager.user.id, learnerIds: [learner.user.id] });
    const res = await mentor.call('POST', notesPath(learner.user.id), { cohortId: other.cohortId, body: 'Wrong cohort.' });
    expect(res.status).toBe(403);
    const byManager = await manager.call('POST', notesPath(learner.user.id), { cohortId: other.cohortId, body: 'Managers do not write notes.' });
    expect(byManager.status).toBe(403);
    expect(await notesOn(learner.user.id)).toBe(0);
  });

  it(`reject an empty body or one over ${MAX_NOTE} characters (400), storing nothing`, async () => {
    const { mentor, learner, cohortId } = await setting();
    for (const body of ['', '   ', 'x'.repeat(MAX_NOTE + 1)]) {
      expect((await mentor.call('POST', notesPath(learner.user.id), { cohortId, body })).status).toBe(400);
    }
    expect(await notesOn(learner.user.id)).toBe(0);
  });

  it('can be edited and shared later by their author; the manager then sees the new text', async () => {
    const { mentor, manager, learner, cohortId } = await setting();
    const made = await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'Draft.' });
    const res = await mentor.call('PATCH', `/api/notes/${made.json.note.id}`, { body: 'Ready to share.', shared: true });
    expect(res.status).toBe(200);
    expect(res.json.note).toMatchObject({ body: 'Ready to share.', shared: true });
    expect((await manager.call('GET', notesPath(learner.user.id))).json.notes.map((n: { body: string }) => n.body)).toEqual(['Ready to share.']);
  });

  it('reject bad edits (400) and keep the note as it was', async () => {
    const { mentor, learner, cohortId } = await setting();
    const made = await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'Original.' });
    for (const body of [{}, { body: '' }, { body: 'x'.repeat(MAX_NOTE + 1) }, { shared: 'yes' }]) {
      expect((await mentor.call('PATCH', `/api/notes/${made.json.note.id}`, body)).status, JSON.stringify(body)).toBe(400);
    }
    const [row] = await t.db.select().from(mentorNotes).where(eq(mentorNotes.id, made.json.note.id));
    expect(row).toMatchObject({ body: 'Original.', shared: false });
  });

  it('are deleted by their author only; another mentor gets 403 and the note stays', async () => {
    const { mentor, learner, cohortId } = await setting();
    const made = await mentor.call('POST', notesPath(learner.user.id), { cohortId, body: 'To delete.' });
    const stranger = await t.signInAs('mentor');
    expect((await stranger.call('DELETE', `/api/notes/${made.json.note.id}`)).status).toBe(403);
    expect(await notesOn(learner.user.id)).toBe(1);
    expect((await mentor.call('DELETE', `/api/notes/${made.json.note.id}`)).status).toBe(204);
    expect(await notesOn(learner.user.id)).toBe(0);
  });
});
