import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { managerRegions, programManagers, programs } from '../../api/db/schema.ts';
import { regionsOfManager, setManagerRegions } from '../../api/programs/store.ts';
import { makeTestApp } from '../support/app.ts';
import { AFRICA, person, programAround, SOUTH_AMERICA, WESTERN_AFRICA } from './access/programs.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
let courses: string[];

beforeAll(async () => {
  t = await makeTestApp();
  courses = t.manifest.courses.map((c) => c.id);
});
afterAll(() => t.close());

/** A signed-in manager whom an admin gave these regions. */
async function managerIn(...regions: string[]) {
  const me = await t.signInAs('manager');
  await setManagerRegions(t.db, me.user.id, regions);
  return me;
}
const newProgram = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ghana national programme',
  regions: [WESTERN_AFRICA],
  courseIds: [courses[0]!, courses[1]!],
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  ...overrides,
});
const programsCreatedBy = async (userId: string) => (await t.db.select({ n: count() }).from(programs).where(eq(programs.createdBy, userId)))[0]!.n;
const cohortBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Accra, spring',
  courseId: courses[0]!,
  locale: 'en',
  startsOn: '2027-02-01',
  endsOn: '2027-04-30',
  capacity: 25,
  timeZone: 'Africa/Accra',
  ...overrides,
});

describe("managers' regions (admins)", () => {
  it('replaces a manager’s regions and lists every manager with theirs', async () => {
    const admin = await t.signInAs('admin');
    const manager = await person(t, 'manager');
    const put = await admin.call('PUT', `/api/admin/managers/${manager.id}/regions`, { regions: [WESTERN_AFRICA, AFRICA, WESTERN_AFRICA] });
    expect(put.status).toBe(200);
    expect(put.json.manager).toEqual({ id: manager.id, name: manager.name, email: manager.email, country: null, regions: [AFRICA, WESTERN_AFRICA] });
    const list = await admin.call('GET', '/api/admin/managers');
    expect(list.json.managers.find((m: { id: string }) => m.id === manager.id)).toEqual(put.json.manager);
  });

  it('refuses someone who is not a manager, and changes nothing', async () => {
    const admin = await t.signInAs('admin');
    const learner = await person(t, 'learner');
    const res = await admin.call('PUT', `/api/admin/managers/${learner.id}/regions`, { regions: [AFRICA] });
    expect(res.status).toBe(409);
    expect(await regionsOfManager(t.db, learner.id)).toEqual([]);
  });

  it('answers 404 for an unknown user', async () => {
    const admin = await t.signInAs('admin');
    expect((await admin.call('PUT', `/api/admin/managers/${crypto.randomUUID()}/regions`, { regions: [AFRICA] })).status).toBe(404);
  });

  it('refuses a code that is not an M49 region, and keeps the regions the manager had', async () => {
    const admin = await t.signInAs('admin');
    const manager = await person(t, 'manager');
    await setManagerRegions(t.db, manager.id, [AFRICA]);
    const res = await admin.call('PUT', `/api/admin/managers/${manager.id}/regions`, { regions: ['999'] });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: 'regions.0', message: expect.any(String) }]);
    expect(await regionsOfManager(t.db, manager.id)).toEqual([AFRICA]);
  });
});

describe('creating programs', () => {
  it('creates a program inside my regions and names me its manager', async () => {
    const me = await managerIn(AFRICA);
    const res = await me.call('POST', '/api/programs', newProgram());
    expect(res.status).toBe(201);
    expect(res.json.program).toEqual({
      id: expect.any(String),
      name: 'Ghana national programme',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      attendancePercent: 75,
      regions: [WESTERN_AFRICA],
      courseIds: [courses[0], courses[1]].sort(),
      managers: [{ id: me.user.id, name: me.user.name, email: me.email }],
      cohorts: [],
    });
  });

  it('sets the attendance a certificate needs (0 to 100, default 75), refusing other values and changing nothing', async () => {
    const me = await managerIn(AFRICA);
    const made = await me.call('POST', '/api/programs', newProgram({ attendancePercent: 80 }));
    expect(made.json.program.attendancePercent).toBe(80);
    const id = made.json.program.id;
    expect((await me.call('PATCH', `/api/programs/${id}`, { attendancePercent: 60 })).json.program.attendancePercent).toBe(60);
    for (const bad of [101, -1, 75.5, '75']) expect((await me.call('PATCH', `/api/programs/${id}`, { attendancePercent: bad })).status, String(bad)).toBe(400);
    expect((await me.call('GET', `/api/programs/${id}`)).json.program.attendancePercent).toBe(60);
  });

  it('refuses regions outside mine (South America for a manager of Africa), storing nothing', async () => {
    const me = await managerIn(AFRICA);
    const res = await me.call('POST', '/api/programs', newProgram({ regions: [WESTERN_AFRICA, SOUTH_AMERICA] }));
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([{ path: 'regions.1', message: expect.stringContaining(SOUTH_AMERICA) }]);
    expect(await programsCreatedBy(me.user.id)).toBe(0);
  });

  it('refuses a wider region than mine (Africa for a manager of Western Africa)', async () => {
    const me = await managerIn(WESTERN_AFRICA);
    expect((await me.call('POST', '/api/programs', newProgram({ regions: [AFRICA] }))).status).toBe(422);
    expect(await programsCreatedBy(me.user.id)).toBe(0);
  });

  it('refuses courses that do not exist, storing nothing', async () => {
    const me = await managerIn(AFRICA);
    const res = await me.call('POST', '/api/programs', newProgram({ courseIds: [courses[0]!, 'no-such-course'] }));
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([{ path: 'courseIds.1', message: 'No course "no-such-course".' }]);
    expect(await programsCreatedBy(me.user.id)).toBe(0);
  });

  it('refuses an end date before the start date', async () => {
    const me = await managerIn(AFRICA);
    const res = await me.call('POST', '/api/programs', newProgram({ startsOn: '2027-06-01', endsOn: '2027-05-31' }));
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: 'endsOn', message: expect.any(String) }]);
    expect(await programsCreatedBy(me.user.id)).toBe(0);
  });

  it.each([
    ['an impossible date', { startsOn: '2027-02-30' }],
    ['no regions', { regions: [] }],
    ['no courses', { courseIds: [] }],
    ['an empty name', { name: '   ' }],
  ])('refuses %s, storing nothing', async (_case, overrides) => {
    const me = await managerIn(AFRICA);
    expect((await me.call('POST', '/api/programs', newProgram(overrides))).status).toBe(400);
    expect(await programsCreatedBy(me.user.id)).toBe(0);
  });

  it('lets an admin create anywhere, with no manager named yet', async () => {
    const admin = await t.signInAs('admin');
    const res = await admin.call('POST', '/api/programs', newProgram({ regions: [SOUTH_AMERICA] }));
    expect(res.status).toBe(201);
    expect(res.json.program.managers).toEqual([]);
  });
});

describe('listing and reading programs', () => {
  it('lists the programs I manage with their cohort counts, and not others', async () => {
    const me = await managerIn(AFRICA);
    const mine = await programAround(t, { managerId: me.user.id });
    const other = await programAround(t, { managerId: (await person(t, 'manager')).id });
    const res = await me.call('GET', '/api/programs');
    expect(res.status).toBe(200);
    expect(res.json.programs).toEqual([expect.objectContaining({ id: mine.programId, regions: [WESTERN_AFRICA], cohortCount: 1 })]);
    expect(res.json.programs.map((p: { id: string }) => p.id)).not.toContain(other.programId);
  });

  it('lists every program for an admin', async () => {
    const admin = await t.signInAs('admin');
    const { programId } = await programAround(t, { managerId: (await person(t, 'manager')).id });
    const res = await admin.call('GET', '/api/programs');
    expect(res.json.programs.map((p: { id: string }) => p.id)).toContain(programId);
  });

  it('shows a program with its managers and its cohorts with member counts and join codes', async () => {
    const me = await managerIn(AFRICA);
    const learner = await person(t, 'learner');
    const { programId, cohort } = await programAround(t, { managerId: me.user.id, learnerId: learner.id });
    const res = await me.call('GET', `/api/programs/${programId}`);
    expect(res.status).toBe(200);
    expect(res.json.program.managers).toEqual([{ id: me.user.id, name: me.user.name, email: me.email }]);
    expect(res.json.program.cohorts).toEqual([
      expect.objectContaining({ id: cohort.id, name: 'Cohort A', memberCount: 1, joinCode: `${cohort.joinCode.slice(0, 4)}-${cohort.joinCode.slice(4)}` }),
    ]);
  });
});

describe('object-level access: a manager of Western Africa and a program in South America', () => {
  it('cannot read it or edit it by id, even when named on it', async () => {
    const me = await managerIn(WESTERN_AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id }, { region: SOUTH_AMERICA, managerRegion: WESTERN_AFRICA });
    expect((await me.call('GET', `/api/programs/${programId}`)).status).toBe(403);
    expect((await me.call('PATCH', `/api/programs/${programId}`, { name: 'Taken over' })).status).toBe(403);
    expect((await me.call('POST', `/api/programs/${programId}/cohorts`, cohortBody())).status).toBe(403);
  });

  it('cannot read or edit a cohort of it by id', async () => {
    const me = await managerIn(WESTERN_AFRICA);
    const { cohortId } = await programAround(t, { managerId: me.user.id }, { region: SOUTH_AMERICA, managerRegion: WESTERN_AFRICA });
    expect((await me.call('GET', `/api/cohorts/${cohortId}`)).status).toBe(403);
    expect((await me.call('PATCH', `/api/cohorts/${cohortId}`, { name: 'Taken over' })).status).toBe(403);
    expect((await me.call('POST', `/api/cohorts/${cohortId}/join-code`)).status).toBe(403);
    expect((await me.call('GET', `/api/cohorts/${cohortId}/invitations`)).status).toBe(403);
  });

  it('does not list it among my programs', async () => {
    const me = await managerIn(WESTERN_AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id }, { region: SOUTH_AMERICA, managerRegion: WESTERN_AFRICA });
    const list = await me.call('GET', '/api/programs');
    expect(list.json.programs.map((p: { id: string }) => p.id)).not.toContain(programId);
  });

  it('loses a program when an admin takes the region away', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    expect((await me.call('GET', `/api/programs/${programId}`)).status).toBe(200);
    await setManagerRegions(t.db, me.user.id, [SOUTH_AMERICA]);
    expect((await me.call('GET', `/api/programs/${programId}`)).status).toBe(403);
  });

  it('answers a missing program like someone else’s (403), so ids cannot be probed', async () => {
    const me = await managerIn(AFRICA);
    expect((await me.call('GET', `/api/programs/${crypto.randomUUID()}`)).status).toBe(403);
  });
});

describe('editing programs', () => {
  it('renames, moves the dates and replaces the courses', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const res = await me.call('PATCH', `/api/programs/${programId}`, { name: 'Renamed', endsOn: '2027-09-30', courseIds: [courses[0]!, courses[2]!] });
    expect(res.status).toBe(200);
    expect(res.json.program).toMatchObject({ name: 'Renamed', startsOn: '2027-01-11', endsOn: '2027-09-30', courseIds: [courses[0], courses[2]].sort() });
  });

  it('refuses an end date before the stored start date', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const res = await me.call('PATCH', `/api/programs/${programId}`, { endsOn: '2026-12-31' });
    expect(res.status).toBe(400);
    expect((await me.call('GET', `/api/programs/${programId}`)).json.program.endsOn).toBe('2027-06-30');
  });

  it('refuses regions outside mine and keeps the old ones', async () => {
    const me = await managerIn(WESTERN_AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id }, { managerRegion: WESTERN_AFRICA });
    expect((await me.call('PATCH', `/api/programs/${programId}`, { regions: [SOUTH_AMERICA] })).status).toBe(422);
    expect((await me.call('GET', `/api/programs/${programId}`)).json.program.regions).toEqual([WESTERN_AFRICA]);
  });

  it('refuses to drop a course a cohort takes', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const res = await me.call('PATCH', `/api/programs/${programId}`, { courseIds: [courses[1]!] });
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ courseIds: [courses[0]] });
    expect((await me.call('GET', `/api/programs/${programId}`)).json.program.courseIds).toEqual([courses[0], courses[1]].sort());
  });
});

describe('program managers', () => {
  it('names a manager whose regions reach the program; naming them again changes nothing', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const colleague = await person(t, 'manager', 'colleague');
    await setManagerRegions(t.db, colleague.id, [WESTERN_AFRICA]);
    const first = await me.call('POST', `/api/programs/${programId}/managers`, { email: colleague.email.toUpperCase() });
    expect(first.status).toBe(201);
    expect(first.json.program.managers.map((m: { id: string }) => m.id).sort()).toEqual([me.user.id, colleague.id].sort());
    const again = await me.call('POST', `/api/programs/${programId}/managers`, { email: colleague.email });
    expect(again.status).toBe(200);
    expect(again.json.program.managers).toHaveLength(2);
  });

  it('refuses a manager whose regions do not reach the program', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const faraway = await person(t, 'manager');
    await setManagerRegions(t.db, faraway.id, [SOUTH_AMERICA]);
    expect((await me.call('POST', `/api/programs/${programId}/managers`, { email: faraway.email })).status).toBe(422);
    const named = await t.db.select().from(programManagers).where(eq(programManagers.programId, programId));
    expect(named.map((n) => n.userId)).toEqual([me.user.id]);
  });

  it('refuses an account that is not a manager, and an unknown email', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const learner = await person(t, 'learner');
    await t.db.insert(managerRegions).values({ userId: learner.id, region: AFRICA });
    expect((await me.call('POST', `/api/programs/${programId}/managers`, { email: learner.email })).status).toBe(422);
    expect((await me.call('POST', `/api/programs/${programId}/managers`, { email: 'nobody-at-all@example.org' })).status).toBe(422);
  });

  it('removes a manager, but never the last one', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const colleague = await person(t, 'manager', 'colleague');
    await setManagerRegions(t.db, colleague.id, [AFRICA]);
    await me.call('POST', `/api/programs/${programId}/managers`, { email: colleague.email });
    expect((await me.call('DELETE', `/api/programs/${programId}/managers/${colleague.id}`)).status).toBe(204);
    const last = await me.call('DELETE', `/api/programs/${programId}/managers/${me.user.id}`);
    expect(last.status).toBe(409);
    expect((await me.call('GET', `/api/programs/${programId}`)).json.program.managers.map((m: { id: string }) => m.id)).toEqual([me.user.id]);
  });

  it('answers 404 for someone who is not a manager of the program', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    expect((await me.call('DELETE', `/api/programs/${programId}/managers/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('creating cohorts', () => {
  it('creates a cohort with a grouped join code and its weekly pattern', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const res = await me.call('POST', `/api/programs/${programId}/cohorts`, cohortBody({ pattern: { weekday: 3, time: '10:30', durationMinutes: 90 } }));
    expect(res.status).toBe(201);
    expect(res.json.cohort).toEqual({
      id: expect.any(String),
      programId,
      programName: 'Regional programme',
      name: 'Accra, spring',
      courseId: courses[0],
      locale: 'en',
      startsOn: '2027-02-01',
      endsOn: '2027-04-30',
      capacity: 25,
      timeZone: 'Africa/Accra',
      pattern: { weekday: 3, time: '10:30', durationMinutes: 90 },
      joinCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/),
    });
  });

  it('refuses a course the program does not include', async () => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    const res = await me.call('POST', `/api/programs/${programId}/cohorts`, cohortBody({ courseId: courses[3]! }));
    expect(res.status).toBe(422);
    expect((await me.call('GET', `/api/programs/${programId}`)).json.program.cohorts).toHaveLength(1);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }],
    ['a locale the site does not have', { locale: 'xx' }],
    ['no seats', { capacity: 0 }],
    ['an end before the start', { startsOn: '2027-05-01', endsOn: '2027-04-01' }],
    ['a meeting time off the clock', { pattern: { weekday: 2, time: '25:00', durationMinutes: 60 } }],
  ])('refuses %s, storing nothing', async (_case, overrides) => {
    const me = await managerIn(AFRICA);
    const { programId } = await programAround(t, { managerId: me.user.id });
    expect((await me.call('POST', `/api/programs/${programId}/cohorts`, cohortBody(overrides))).status).toBe(400);
    expect((await me.call('GET', `/api/programs/${programId}`)).json.program.cohorts).toHaveLength(1);
  });
});
