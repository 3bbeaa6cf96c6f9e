// Earn → issue → verify → revoke, through the API on memory and sqld, verified by the app's
// verifier (core/credentials/verify.ts) and by an independent one that shares no code with the signer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { assessmentAttempts, auditLog, credentials, notifications } from '../../api/db/schema.ts';
import { verifyCredential } from '#core/credentials/verify.ts';
import { awardIfEarned } from '../../api/certification/issuing.ts';
import { insertCapstoneVersion, saveAttendance } from '../../api/mentoring/store.ts';
import { updateProgram } from '../../api/programs/store.ts';
import { cohortWith, meetingAt, person } from '../support/cohort-fixtures.ts';
import { independentlyVerify } from '../support/independent-verifier.ts';
import { ob3SchemaErrors } from '../support/ob3-schema.ts';
import { completions, makeTestApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

type Session = Awaited<ReturnType<typeof t.signInAs>>;
const courseOf = () => t.manifest.courses.find((c) => t.manifest.assessments[c.id])!;

/** Completes every lesson of the course, as the learner's device would send it. */
async function completeLessons(learner: Session, courseId: string, skip = 0) {
  const lessons = t.manifest.courses.find((c) => c.id === courseId)!.lessons.slice(skip);
  const events = completions(lessons);
  expect((await learner.call('POST', '/api/progress/events', { events })).status).toBe(200);
}

/** Passes the final assessment with the key of the questions drawn. */
async function passAssessment(learner: Session, courseId: string) {
  const bank = t.manifest.assessments[courseId]!.en!;
  const draw = (await learner.call('GET', `/api/courses/${courseId}/assessment`)).json;
  const answers = Object.fromEntries(draw.questions.map((q: { id: string }) => [q.id, bank.questions.find((b) => b.id === q.id)!.answer]));
  const res = await learner.call('POST', `/api/courses/${courseId}/assessment/attempts`, { locale: 'en', attempt: draw.attempt, answers });
  expect(res.json.passed).toBe(true);
}

/** Serves what a verifier fetches (the DID document, the status lists) from the running app. */
const fromApp = async (url: string) => {
  const res = await t.call('GET', new URL(url).pathname);
  return res.status === 200 ? res.json : null;
};
const verify = (doc: unknown) => verifyCredential(doc, { fetchJson: fromApp });
const certificate = async (learner: Session, courseId: string) => (await learner.call('GET', `/api/courses/${courseId}/certificate`)).json;
const documentOf = async (id: string) => (await t.call('GET', `/api/public/credentials/${id}`)).json;

describe('earning a certificate by self-study', () => {
  it('lists what is missing for a fresh learner, and issues nothing', async () => {
    const learner = await t.signInAs('learner');
    const course = courseOf();
    const res = await certificate(learner, course.id);
    expect(res).toMatchObject({ courseId: course.id, earned: false, cohortId: null, credential: null });
    expect(res.requirements).toEqual([
      { kind: 'lessons', met: false, done: 0, total: course.lessons.length },
      { kind: 'assessment', met: false },
    ]);
  });

  it('issues the certificate on completion, automatically, and tells the learner', async () => {
    const learner = await t.signInAs('learner');
    const course = courseOf();
    await completeLessons(learner, course.id);
    expect((await certificate(learner, course.id)).requirements.map((r: { met: boolean }) => r.met)).toEqual([true, false]);
    await passAssessment(learner, course.id);
    const [row] = await t.db.select().from(credentials).where(eq(credentials.userId, learner.user.id));
    expect(row).toMatchObject({ courseId: course.id, state: 'active', issuedBy: null, cohortId: null });
    const res = await certificate(learner, course.id);
    expect(res).toMatchObject({ earned: true, credential: { id: row!.id, state: 'active', byHand: false } });
    expect(res.credential.verifyUrl).toBe(`http://localhost:4321/en/verify/${row!.id}/`);
    expect((await learner.call('GET', '/api/my/credentials')).json.credentials.map((c: { id: string }) => c.id)).toEqual([row!.id]);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, learner.user.id), eq(notifications.kind, 'credential.issued')));
    expect(told).toHaveLength(1);
  });

  it('the credential verifies, by the app’s verifier and independently, and never shows the email', async () => {
    const learner = await t.signInAs('learner');
    const course = courseOf();
    await completeLessons(learner, course.id);
    await passAssessment(learner, course.id);
    const { credential } = await certificate(learner, course.id);
    const doc = await documentOf(credential.id);
    expect(doc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(ob3SchemaErrors(doc)).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain(learner.email);
    expect(await verify(doc)).toMatchObject({ outcome: 'valid', statusChecked: true, courseName: course.title, holderName: learner.user.name });
    const didDocument = (await t.call('GET', '/.well-known/did.json')).json;
    expect(await independentlyVerify(doc, didDocument)).toMatchObject({ verified: true });
    const changed = structuredClone(doc);
    changed.credentialSubject.achievement.name = 'A course never taken';
    expect((await verify(changed)).outcome).toBe('tampered');
    expect((await independentlyVerify(changed, didDocument)).verified).toBe(false);
  });

  it('two completions at once make one credential and one notification', async () => {
    const learner = await t.signInAs('learner');
    const course = courseOf();
    await completeLessons(learner, course.id);
    // Passed without the hook, so the race below is the first chance to issue.
    const bank = t.manifest.assessments[course.id]!.en!;
    await t.db.insert(assessmentAttempts).values({
      id: crypto.randomUUID(),
      userId: learner.user.id,
      courseId: course.id,
      locale: 'en',
      score: bank.attemptSize,
      maxScore: bank.attemptSize,
      passed: true,
      ordinal: 1,
      answers: '{}',
      createdAt: new Date().toISOString(),
    });
    const issued = await Promise.all(Array.from({ length: 4 }, () => awardIfEarned(t.deps, learner.user.id, course.id)));
    expect(new Set(issued.map((c) => c!.id)).size).toBe(1);
    const [rows] = await t.db.select({ n: count() }).from(credentials).where(eq(credentials.userId, learner.user.id));
    expect(rows!.n).toBe(1);
    const [told] = await t.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, learner.user.id), eq(notifications.kind, 'credential.issued')));
    expect(told!.n).toBe(1);
  });
});

describe('earning a certificate in a cohort', () => {
  it('also needs the capstone approved by a mentor; approving it issues the certificate', async () => {
    const learner = await t.signInAs('learner');
    const manager = await person(t, 'manager');
    const mentor = await t.signInAs('mentor');
    const course = courseOf();
    const { cohortId } = await cohortWith(t, { managerId: manager.id, learnerIds: [learner.user.id], mentorId: mentor.user.id, courseId: course.id });
    await completeLessons(learner, course.id);
    await passAssessment(learner, course.id);
    let res = await certificate(learner, course.id);
    expect(res).toMatchObject({ earned: false, cohortId, credential: null });
    expect(res.requirements.find((r: { kind: string }) => r.kind === 'capstone')).toEqual({ kind: 'capstone', met: false, state: 'none' });
    expect(res.requirements.find((r: { kind: string }) => r.kind === 'attendance')).toMatchObject({ met: true, percent: null, required: 75 });
    const version = await insertCapstoneVersion(t.db, { userId: learner.user.id, cohortId, courseId: course.id, text: 'My capstone.', link: null }, new Date());
    const review = await mentor.call('POST', `/api/capstones/${version!.id}/review`, { decision: 'approved', feedback: '' });
    expect(review.status).toBe(200);
    res = await certificate(learner, course.id);
    expect(res).toMatchObject({ earned: true, cohortId, credential: { state: 'active' } });
    const [row] = await t.db.select().from(credentials).where(eq(credentials.userId, learner.user.id));
    expect(row!.cohortId).toBe(cohortId);
  });
});

describe('attendance, by the program’s rule', () => {
  it('counts present against absent among recorded sessions (excused left out), against the program’s percent', async () => {
    const learner = await t.signInAs('learner');
    const manager = await person(t, 'manager');
    const course = courseOf();
    const { cohortId, programId } = await cohortWith(t, { managerId: manager.id, learnerIds: [learner.user.id], courseId: course.id });
    await updateProgram(t.db, programId, { attendancePercent: 80 });
    const record = async (status: 'present' | 'absent' | 'excused', daysAgo: number) => {
      const meeting = await meetingAt(t, { cohortId, startsAt: new Date(Date.now() - daysAgo * 86_400_000) });
      await saveAttendance(t.db, meeting.id, [{ userId: learner.user.id, status }], manager.id, new Date());
    };
    const attendanceNow = async () => (await certificate(learner, course.id)).requirements.find((r: { kind: string }) => r.kind === 'attendance');
    expect(await attendanceNow()).toEqual({ kind: 'attendance', met: true, required: 80, percent: null, recorded: 0 });
    for (const [i, status] of (['present', 'present', 'present', 'absent', 'excused'] as const).entries()) await record(status, 10 - i);
    expect(await attendanceNow()).toEqual({ kind: 'attendance', met: false, required: 80, percent: 75, recorded: 4 });
    await record('present', 2);
    expect(await attendanceNow()).toEqual({ kind: 'attendance', met: true, required: 80, percent: 80, recorded: 5 });
  });
});

/** A learner with a certificate earned in a cohort of `manager`'s program. */
async function certifiedInCohort() {
  const learner = await t.signInAs('learner');
  const manager = await t.signInAs('manager');
  const course = courseOf();
  const { cohortId } = await cohortWith(t, { managerId: manager.user.id, learnerIds: [learner.user.id], courseId: course.id });
  const issued = await manager.call('POST', `/api/cohorts/${cohortId}/credentials`, {
    userId: learner.user.id,
    reason: 'Completed the programme in person in Accra, 2026.',
  });
  expect(issued.status).toBe(201);
  return { learner, manager, cohortId, id: issued.json.credential.id as string };
}

describe('issuing by hand, revoking and suspending', () => {
  it('a manager issues by hand with a reason, audited; a second time is 409; a non-member 404', async () => {
    const { learner, manager, cohortId, id } = await certifiedInCohort();
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'credential.issue'), eq(auditLog.target, id)));
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.data ?? '{}')).toMatchObject({ reason: 'Completed the programme in person in Accra, 2026.' });
    expect(await verify(await documentOf(id))).toMatchObject({ outcome: 'valid' });
    const again = await manager.call('POST', `/api/cohorts/${cohortId}/credentials`, { userId: learner.user.id, reason: 'Once more, by mistake.' });
    expect(again.status).toBe(409);
    const stranger = await person(t, 'learner');
    expect((await manager.call('POST', `/api/cohorts/${cohortId}/credentials`, { userId: stranger.id, reason: 'Not in this cohort.' })).status).toBe(404);
    expect((await manager.call('POST', `/api/cohorts/${cohortId}/credentials`, { userId: stranger.id, reason: '' })).status).toBe(400);
  });

  it('revoking: the status list says so, the verifier says revoked (never valid), the learner is told; revocation is final', async () => {
    const { learner, manager, id } = await certifiedInCohort();
    const res = await manager.call('PATCH', `/api/credentials/${id}`, { state: 'revoked', reason: 'Assessment taken by someone else.' });
    expect(res.status).toBe(200);
    expect(res.json.credential).toMatchObject({ state: 'revoked' });
    const doc = await documentOf(id);
    expect(await verify(doc)).toMatchObject({ outcome: 'revoked', statusChecked: true });
    const status = (await t.call('GET', `/api/public/credentials/${id}/status`)).json;
    expect(status).toMatchObject({ state: 'revoked' });
    expect(status.changedAt).toBeTruthy();
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, learner.user.id), eq(notifications.kind, 'credential.changed')));
    expect(JSON.parse(told[0]!.data)).toMatchObject({ state: 'revoked', credentialId: id });
    const back = await manager.call('PATCH', `/api/credentials/${id}`, { state: 'active', reason: 'Changed my mind.' });
    expect(back.status).toBe(409);
    expect(await verify(doc)).toMatchObject({ outcome: 'revoked' });
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'credential.revoke'), eq(auditLog.target, id))),
    ).toHaveLength(1);
  });

  it('suspending and reinstating', async () => {
    const { manager, id } = await certifiedInCohort();
    expect((await manager.call('PATCH', `/api/credentials/${id}`, { state: 'suspended', reason: 'Under review.' })).status).toBe(200);
    expect((await verify(await documentOf(id))).outcome).toBe('suspended');
    expect((await manager.call('PATCH', `/api/credentials/${id}`, { state: 'active', reason: 'Review cleared.' })).status).toBe(200);
    expect((await verify(await documentOf(id))).outcome).toBe('valid');
  });

  it('a learner, and a manager of another program, may not revoke; nothing changes', async () => {
    const { learner, id } = await certifiedInCohort();
    expect((await learner.call('PATCH', `/api/credentials/${id}`, { state: 'revoked', reason: 'I want it gone.' })).status).toBe(403);
    const other = await t.signInAs('manager');
    expect((await other.call('PATCH', `/api/credentials/${id}`, { state: 'revoked', reason: 'Not mine to revoke.' })).status).toBe(403);
    expect((await verify(await documentOf(id))).outcome).toBe('valid');
  });
});

describe('public endpoints', () => {
  it('serve the credential, its status, the lists and the DID document to anyone, from any origin', async () => {
    const { id } = await certifiedInCohort();
    const anyone = t.browser();
    for (const path of [
      `/api/public/credentials/${id}`,
      `/api/public/credentials/${id}/status`,
      '/api/public/status-lists/revocation',
      '/.well-known/did.json',
    ]) {
      const res = await anyone.call('GET', path, undefined, { origin: 'https://verifier.example' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(res.headers.get('cache-control'), path).toMatch(/^public, max-age=\d+$/);
    }
    expect((await anyone.call('GET', `/api/public/credentials/${'0'.repeat(32)}`)).status).toBe(404);
    expect((await anyone.call('GET', '/api/public/credentials/not-an-id')).status).toBe(400);
    const did = (await anyone.call('GET', '/.well-known/did.json')).json;
    expect(JSON.stringify(did)).not.toMatch(/secret/i);
  });
});
