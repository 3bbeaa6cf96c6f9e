import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, groupMembers, matchRuns, meetings, mentorGroups, organisations } from '../../api/db/schema.ts';
import { saveMentorProfile, saveProfile } from '../../api/profiles/store.ts';
import { createCohort, createProgram, enrol } from '../../api/programs/store.ts';
import type { AvailabilityWindow } from '#core/schedule/availability.ts';
import { makeTestApp } from '../support/app.ts';
import { cohortWith, person } from '../support/cohort-fixtures.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
let courseId: string;
beforeAll(async () => {
  t = await makeTestApp();
  courseId = t.manifest.courses[0]!.id;
});
afterAll(() => t.close());

type Session = Awaited<ReturnType<typeof t.signInAs>>;
const TUESDAY_EVENING: AvailabilityWindow[] = [{ weekday: 2, start: '16:00', end: '19:00' }];
const SLOT = { weekday: 2 as const, start: '17:00', minutes: 60, size: 3 };

/** An organisation in Zambia: a country no other test lists organisations of (profiles.test.ts expects some countries empty on the shared sqld). */
async function organisation(name: string) {
  const id = crypto.randomUUID();
  await t.db.insert(organisations).values({ id, country: 'ZM', name, nameKey: name.toLowerCase(), kind: 'ministry' });
  return id;
}

async function learner(
  o: {
    languages?: string[];
    availability?: AvailabilityWindow[];
    timeZone?: string | null;
    organisationId?: string | null;
    country?: string;
    name?: string;
  } = {},
) {
  const user = await person(t, 'learner', o.name ?? 'Learner');
  await saveProfile(t.db, user.id, {
    country: o.country ?? 'GH',
    organisationId: o.organisationId ?? null,
    languages: o.languages ?? ['en'],
    timeZone: o.timeZone === undefined ? 'Africa/Accra' : o.timeZone,
    availability: o.availability ?? TUESDAY_EVENING,
  });
  return user.id;
}

async function mentor(o: {
  name: string;
  region: string;
  expertise?: string[];
  languages?: string[];
  capacity?: number;
  slots?: (typeof SLOT)[];
  organisationId?: string | null;
  country?: string;
}) {
  const user = await person(t, 'mentor', o.name);
  await saveProfile(t.db, user.id, {
    country: o.country ?? 'NG',
    organisationId: o.organisationId ?? null,
    languages: o.languages ?? ['en'],
    timeZone: 'Africa/Accra',
    availability: TUESDAY_EVENING,
  });
  await saveMentorProfile(t.db, user.id, {
    expertise: o.expertise ?? [courseId],
    tags: [],
    countries: [],
    regions: [o.region],
    capacity: o.capacity ?? 5,
    groupSlots: o.slots ?? [SLOT],
    bio: '',
  });
  return user.id;
}

/** Starts a run and waits (polling) until it has finished. */
async function run(manager: Session, cohortId: string, body: Record<string, unknown> = {}) {
  const started = await manager.call('POST', `/api/cohorts/${cohortId}/matching-runs`, body);
  expect(started.status).toBe(202);
  const runId = started.json.run.id as string;
  let detail = await manager.call('GET', `/api/matching-runs/${runId}`);
  for (let i = 0; i < 200 && detail.json.run.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 25));
    detail = await manager.call('GET', `/api/matching-runs/${runId}`);
  }
  expect(detail.status).toBe(200);
  return { runId, detail: detail.json, started: started.json.run };
}

type Json = any;
const proposalOf = (detail: { mentors: Array<{ id: string; learners: Json[] }>; unmatched: Json[] }, learnerId: string): Json => {
  for (const m of detail.mentors) {
    const p = m.learners.find((l: Json) => l.learner.id === learnerId);
    if (p) return { mentorId: m.id, ...p };
  }
  const u = detail.unmatched.find((l: Json) => l.learner.id === learnerId);
  return u ? { mentorId: null, ...u } : null;
};

/**
 * A manager and a cohort of a program in its own region. Mentors are available to a program that
 * covers a region they know, so each test's mentors (made for `region`) are the only ones its
 * runs see, whatever other tests (sharing the sqld database) have made.
 */
let regionIndex = 0;
// None of these contains or lies inside a region another test's mentors know (005, 011, 014, 061).
const REGIONS = ['017', '018', '015', '029', '013', '021', '030', '034', '035', '143', '145', '151', '154', '155', '039', '053', '054', '057'];
async function setting(learnerIds: string[], region: string) {
  const manager = await t.signInAs('manager');
  const made = await cohortWith(t, { managerId: manager.user.id, learnerIds, courseId, regions: [region], managerRegions: ['001'] });
  return { manager, ...made };
}
const nextRegion = () => REGIONS[regionIndex++ % REGIONS.length]!;

describe('a matching run', () => {
  it('answers at once with a running run, then proposes a mentor for each learner with the reasons, certified optimal', async () => {
    const region = nextRegion();
    const a = await learner({ name: 'Ama' });
    const b = await learner({ name: 'Kofi' });
    const expert = await mentor({ region, name: 'Expert mentor' });
    const { manager, cohortId } = await setting([a, b], region);
    const { started, detail } = await run(manager, cohortId);
    expect(started).toMatchObject({ status: 'running', mode: 'group', scope: 'changes' });
    expect(detail.run.status).toBe('proposed');
    expect(detail.run.summary.optimal).toBe('certified');
    for (const id of [a, b]) {
      const p = proposalOf(detail, id)!;
      expect(p.mentorId).not.toBeNull();
      expect(p.slotId).not.toBeNull();
      expect(p.reasons.reduce((n: number, r: { points: number }) => n + r.points, 0)).toBe(p.score);
    }
    // The expert (course knowledge) outscores anyone without it; both learners fit in one slot of three.
    const mine = detail.mentors.find((m: { id: string }) => m.id === expert);
    expect(mine.learners.map((l: { learner: { id: string } }) => l.learner.id).sort()).toEqual([a, b].sort());
    expect(mine.learners[0].reasons.map((r: { term: string }) => r.term)).toContain('expertise');
    expect(detail.run.summary.totals.matched).toBeGreaterThanOrEqual(detail.run.summary.greedy.matched);
  });

  it('names the constraint that left a learner without a mentor', async () => {
    const region = nextRegion();
    const org = await organisation(`Ministry ${crypto.randomUUID().slice(0, 6)}`);
    const french = await learner({ name: 'Only French', languages: ['fr'] });
    const noTime = await learner({ name: 'No time zone', timeZone: null, availability: [] });
    const wrongHours = await learner({ name: 'Mornings only', availability: [{ weekday: 2, start: '08:00', end: '10:00' }] });
    const colleague = await learner({ name: 'Colleague', organisationId: org });
    const outsider = await learner({ name: 'From elsewhere' });
    // The program's only mentor speaks English and works for `org`.
    await mentor({ region, name: 'Ministry mentor', organisationId: org });
    const { manager, cohortId } = await setting([french, noTime, wrongHours, colleague, outsider], region);
    const { detail } = await run(manager, cohortId);
    expect(proposalOf(detail, french)).toMatchObject({ mentorId: null, blocker: 'language' });
    expect(proposalOf(detail, noTime)).toMatchObject({ mentorId: null, blocker: 'time', incompleteProfile: true });
    expect(proposalOf(detail, wrongHours)).toMatchObject({ mentorId: null, blocker: 'time', incompleteProfile: false });
    expect(proposalOf(detail, colleague)).toMatchObject({ mentorId: null, blocker: 'conflict-of-interest' });
    expect(proposalOf(detail, outsider)!.mentorId).not.toBeNull();
    expect(proposalOf(detail, french)!.remaining).toMatchObject({ language: 0 });
  });

  it('refuses a second run while one is running (409) and a body it does not understand (400)', async () => {
    const region = nextRegion();
    const { manager, cohortId } = await setting([await learner()], region);
    await t.db
      .insert(matchRuns)
      .values({ id: crypto.randomUUID(), cohortId, mode: 'group', scope: 'changes', status: 'running', startedAt: new Date().toISOString() });
    const again = await manager.call('POST', `/api/cohorts/${cohortId}/matching-runs`, {});
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    const bad = await manager.call('POST', `/api/cohorts/${cohortId}/matching-runs`, { mode: 'random' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
  });
});

describe('where matching may run', () => {
  it('refuses a cohort too large for this server’s limit (422, with the sizes) and starts nothing', async () => {
    // Workers set a limit (api/matching/solver.ts EDGE_MATCHING_LIMIT); this app's is 1 pair.
    const main = t;
    t = await makeTestApp({ matchingLimit: 1 });
    try {
      const region = nextRegion();
      await mentor({ region, name: 'Limit mentor' });
      const { manager, cohortId } = await setting([await learner(), await learner()], region);
      const res = await manager.call('POST', `/api/cohorts/${cohortId}/matching-runs`, {});
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe('invalid_request');
      expect(res.json.error.details).toMatchObject({ learners: 2, limit: 1 });
      expect(res.json.error.message).toMatch(/Node server/);
      expect(await t.db.select().from(matchRuns).where(eq(matchRuns.cohortId, cohortId))).toEqual([]);
    } finally {
      t.close();
      t = main;
    }
  });
});

describe('reviewing and approving', () => {
  it('refuses an override that breaks a hard constraint (422, with the reason) and changes nothing', async () => {
    const region = nextRegion();
    const a = await learner();
    const frenchOnly = await mentor({ region, name: 'Francophone', languages: ['fr'] });
    await mentor({ region, name: 'Anglophone' });
    const { manager, cohortId } = await setting([a], region);
    const { runId, detail } = await run(manager, cohortId);
    const before = proposalOf(detail, a)!;
    const res = await manager.call('PUT', `/api/matching-runs/${runId}/proposals/${a}`, { mentorId: frenchOnly, slotId: '2-17:00' });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual({ blocker: 'language' });
    const after = proposalOf((await manager.call('GET', `/api/matching-runs/${runId}`)).json, a)!;
    expect(after).toMatchObject({ mentorId: before.mentorId, slotId: before.slotId, overridden: false });
  });

  it('asks to confirm a placement that scores lower, makes it when confirmed, and audits it', async () => {
    const region = nextRegion();
    const a = await learner();
    const expert = await mentor({ region, name: 'Course expert' });
    const other = await mentor({ region, name: 'Other field', expertise: [] });
    const { manager, cohortId } = await setting([a], region);
    const { runId, detail } = await run(manager, cohortId);
    expect(proposalOf(detail, a)!.mentorId).toBe(expert);
    const ask = await manager.call('PUT', `/api/matching-runs/${runId}/proposals/${a}`, { mentorId: other, slotId: '2-17:00' });
    expect(ask.status).toBe(409);
    expect(ask.json.error.details).toMatchObject({ needsConfirm: true });
    expect(ask.json.error.details.score).toBeLessThan(ask.json.error.details.proposedScore);
    const done = await manager.call('PUT', `/api/matching-runs/${runId}/proposals/${a}`, { mentorId: other, slotId: '2-17:00', confirm: true });
    expect(done.status).toBe(200);
    expect(done.json.proposal).toMatchObject({ mentorId: other, overridden: true });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'matching.proposal.overridden'), eq(auditLog.target, runId)));
    expect(audit).toHaveLength(1);
  });

  it('approving makes the group (source matching, its slot), its weekly meetings, and tells the mentor and the learners', async () => {
    const region = nextRegion();
    const a = await learner();
    const b = await learner();
    const theMentor = await mentor({ region, name: 'Approved mentor', capacity: 8 });
    const { manager, cohortId } = await setting([a, b], region);
    const { runId, detail } = await run(manager, cohortId);
    expect(proposalOf(detail, a)!.mentorId).toBe(theMentor);
    const res = await manager.call('POST', `/api/matching-runs/${runId}/approve`);
    expect(res.status).toBe(200);
    expect(res.json.run.status).toBe('approved');
    const [group] = await t.db
      .select()
      .from(mentorGroups)
      .where(and(eq(mentorGroups.cohortId, cohortId), eq(mentorGroups.mentorId, theMentor)));
    expect(group).toMatchObject({ source: 'matching', slotId: '2-17:00' });
    const members = await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, group!.id));
    expect(members.map((m) => m.learnerId).sort()).toEqual([a, b].sort());
    // Tuesdays 17:00 in Accra (UTC+0) from 11 January to 31 March 2027: 12 meetings.
    const weekly = await t.db.select().from(meetings).where(eq(meetings.groupId, group!.id));
    expect(weekly).toHaveLength(12);
    expect(weekly.map((m) => m.startsAt).sort()[0]).toBe('2027-01-12T17:00:00.000Z');
    expect(res.json).toMatchObject({ groupsCreated: 1, learnersPlaced: 2, meetingsCreated: 12 });
    const again = await manager.call('POST', `/api/matching-runs/${runId}/approve`);
    expect(again.status).toBe(409);
  });

  it('a later run keeps approved pairs and places only the newcomer, who joins the existing group', async () => {
    const region = nextRegion();
    const a = await learner();
    const theMentor = await mentor({ region, name: 'Stable mentor', capacity: 8 });
    const { manager, cohortId } = await setting([a], region);
    const first = await run(manager, cohortId);
    await manager.call('POST', `/api/matching-runs/${first.runId}/approve`);
    const newcomer = await learner();
    await enrol(t.db, cohortId, newcomer, 'manager', new Date());
    const second = await run(manager, cohortId);
    expect(proposalOf(second.detail, a)).toMatchObject({ mentorId: theMentor, kept: true });
    expect(proposalOf(second.detail, newcomer)).toMatchObject({ mentorId: theMentor, kept: false });
    const res = await manager.call('POST', `/api/matching-runs/${second.runId}/approve`);
    expect(res.json).toMatchObject({ groupsCreated: 0, learnersPlaced: 1 });
    const groups = await t.db.select().from(mentorGroups).where(eq(mentorGroups.cohortId, cohortId));
    expect(groups).toHaveLength(1);
  });

  it('discarding changes nothing for anyone', async () => {
    const region = nextRegion();
    const { manager, cohortId } = await setting([await learner()], region);
    await mentor({ region, name: 'Discarded mentor' });
    const { runId } = await run(manager, cohortId);
    const res = await manager.call('POST', `/api/matching-runs/${runId}/discard`);
    expect(res.status).toBe(200);
    expect(res.json.run.status).toBe('discarded');
    expect(await t.db.select().from(mentorGroups).where(eq(mentorGroups.cohortId, cohortId))).toEqual([]);
    expect((await manager.call('POST', `/api/matching-runs/${runId}/approve`)).status).toBe(409);
  });
});

describe('the program’s rules', () => {
  it('are the defaults until changed; a bad weight is refused with the field named and nothing saved', async () => {
    const region = nextRegion();
    const { manager, programId } = await setting([], region);
    const got = await manager.call('GET', `/api/programs/${programId}/matching-rules`);
    expect(got.json.rules).toMatchObject({ mode: 'group', excludeSameCountry: false, weights: { expertise: 40, region: 30, overlap: 20, tags: 10, load: 4 } });
    const bad = await manager.call('PATCH', `/api/programs/${programId}/matching-rules`, { weights: { load: 500 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('weights.load');
    expect((await manager.call('GET', `/api/programs/${programId}/matching-rules`)).json.rules.weights.load).toBe(4);
  });

  it('with "not from their own country", a learner whose only mentors share their country is unmatched for that reason', async () => {
    const region = nextRegion();
    const ghanaian = await learner({ country: 'GH', languages: ['sw'] });
    await mentor({ region, name: 'Ghanaian Swahili speaker', languages: ['sw'], country: 'GH' });
    const { manager, cohortId, programId } = await setting([ghanaian], region);
    const patch = await manager.call('PATCH', `/api/programs/${programId}/matching-rules`, { excludeSameCountry: true, extraLanguages: ['sw'] });
    expect(patch.status).toBe(200);
    const { detail } = await run(manager, cohortId);
    expect(proposalOf(detail, ghanaian)).toMatchObject({ mentorId: null, blocker: 'same-country' });
  });

  it('only the program’s managers run, read or approve its matching', async () => {
    const region = nextRegion();
    const { manager, cohortId } = await setting([await learner()], region);
    const { runId } = await run(manager, cohortId);
    const stranger = await t.signInAs('manager');
    const theMentor = await t.signInAs('mentor');
    for (const who of [stranger, theMentor]) {
      expect((await who.call('POST', `/api/cohorts/${cohortId}/matching-runs`, {})).status).toBe(403);
      expect((await who.call('GET', `/api/matching-runs/${runId}`)).status).toBe(403);
      expect((await who.call('POST', `/api/matching-runs/${runId}/approve`)).status).toBe(403);
    }
  });
});

describe('a program-wide matching run', () => {
  const LATE: AvailabilityWindow[] = [{ weekday: 2, start: '16:00', end: '19:00' }];
  const FIVE_PM: AvailabilityWindow[] = [{ weekday: 2, start: '17:00', end: '18:00' }];

  /** Waits until no run of the program's latest batch is running; returns the batch. */
  async function settled(manager: Session, programId: string) {
    let batch = await manager.call('GET', `/api/programs/${programId}/matching-runs`);
    for (let i = 0; i < 200 && batch.json.runs.some((r: Json) => r.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      batch = await manager.call('GET', `/api/programs/${programId}/matching-runs`);
    }
    expect(batch.status).toBe(200);
    return batch.json;
  }

  it('matches every cohort, earliest start first, and never gives a mentor’s slot or place twice', async () => {
    const region = nextRegion();
    // One mentor: two weekly slots, room for three mentees in all.
    const only = await mentor({ region, name: 'Shared mentor', capacity: 3, slots: [SLOT, { ...SLOT, start: '18:00' }] });
    const early = [await learner({ availability: FIVE_PM }), await learner({ availability: FIVE_PM })];
    const late = [await learner({ availability: LATE }), await learner({ availability: LATE })];
    const { manager, programId, cohortId: first } = await setting(early, region);
    const second = await createCohort(t.db, {
      programId,
      name: 'Later cohort',
      courseId,
      locale: 'en',
      startsOn: '2027-01-18',
      endsOn: '2027-03-31',
      capacity: 50,
      timeZone: 'Africa/Accra',
      pattern: null,
    });
    for (const id of late) await enrol(t.db, second.id, id, 'manager', new Date());

    const none = await manager.call('GET', `/api/programs/${programId}/matching-runs`);
    expect(none.json).toEqual({ batchId: null, runs: [] });
    const started = await manager.call('POST', `/api/programs/${programId}/matching-runs`, {});
    expect(started.status).toBe(202);
    expect(started.json.runs.map((r: Json) => [r.cohortId, r.status, r.batchId])).toEqual([
      [first, 'running', started.json.batchId],
      [second.id, 'running', started.json.batchId],
    ]);
    const batch = await settled(manager, programId);
    expect(batch.batchId).toBe(started.json.batchId);
    expect(batch.runs.map((r: Json) => [r.cohortName, r.status])).toEqual([
      [expect.any(String), 'proposed'],
      ['Later cohort', 'proposed'],
    ]);

    // The first cohort takes the 17:00 slot (the only one its learners can attend) and two places.
    const a = (await manager.call('GET', `/api/matching-runs/${batch.runs[0].id}`)).json;
    for (const id of early) expect(proposalOf(a, id)).toMatchObject({ mentorId: only, slotId: '2-17:00' });
    // The second sees what is left: the 18:00 slot and one place; the other learner is told why.
    const b = (await manager.call('GET', `/api/matching-runs/${batch.runs[1].id}`)).json;
    const placed = late.map((id) => proposalOf(b, id));
    expect(placed.filter((p) => p.mentorId === only).map((p) => p.slotId)).toEqual(['2-18:00']);
    expect(placed.filter((p) => p.mentorId === null).map((p) => p.blocker)).toEqual(['capacity']);
    expect(b.run.summary.optimal).toBe('certified');

    // A move in the second run cannot take the first run's slot.
    const waiting = placed.find((p) => p.mentorId === null)!;
    const taken = await manager.call('PUT', `/api/matching-runs/${batch.runs[1].id}/proposals/${waiting.learner.id}`, { mentorId: only, slotId: '2-17:00' });
    expect(taken.status).toBe(422);

    // Approving both gives the mentor exactly the three mentees they offered, one group per cohort.
    for (const r of batch.runs) expect((await manager.call('POST', `/api/matching-runs/${r.id}/approve`)).status).toBe(200);
    const groups = await t.db.select().from(mentorGroups).where(eq(mentorGroups.mentorId, only));
    expect(groups.map((g) => [g.cohortId, g.slotId]).sort()).toEqual(
      [
        [first, '2-17:00'],
        [second.id, '2-18:00'],
      ].sort(),
    );
    const mentees = await t.db
      .select()
      .from(groupMembers)
      .where(
        inArray(
          groupMembers.groupId,
          groups.map((g) => g.id),
        ),
      );
    expect(mentees).toHaveLength(3);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.action, 'matching.run.started'));
    expect(audited.filter((e) => JSON.parse(e.data ?? '{}').batchId === started.json.batchId)).toHaveLength(2);
  });

  it('refuses, starting nothing, a program with no cohorts, one whose cohort is already matching, and a bad body', async () => {
    const region = nextRegion();
    const { manager, programId, cohortId } = await setting([await learner()], region);
    const runsOfProgram = async () => (await t.db.select().from(matchRuns).where(eq(matchRuns.cohortId, cohortId))).length;

    const bad = await manager.call('POST', `/api/programs/${programId}/matching-runs`, { mode: 'lottery' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('mode');

    await t.db
      .insert(matchRuns)
      .values({ id: crypto.randomUUID(), cohortId, mode: 'group', scope: 'changes', status: 'running', startedAt: new Date().toISOString() });
    const busy = await manager.call('POST', `/api/programs/${programId}/matching-runs`, {});
    expect(busy.status).toBe(409);
    expect(busy.json.error.details.cohortId).toBe(cohortId);
    expect(await runsOfProgram()).toBe(1);

    const empty = await createProgram(t.db, {
      name: 'Empty',
      regions: [region],
      courseIds: [courseId],
      startsOn: '2027-01-11',
      endsOn: '2027-03-31',
      managerIds: [manager.user.id],
    });
    const nothing = await manager.call('POST', `/api/programs/${empty.id}/matching-runs`, {});
    expect(nothing.status).toBe(422);
    expect(nothing.json.error.message).toMatch(/no cohorts/);
    expect((await manager.call('GET', `/api/programs/${empty.id}/matching-runs`)).json.runs).toEqual([]);
  });
});
