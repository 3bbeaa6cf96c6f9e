// Access rows for the programs capability (api/programs/routes.ts), and the fixture the programs
// tests share: a program built around a cast with the same factories the demo seed uses.
import { createUser } from '../../../api/auth/users.ts';
import { groupMembers, mentorGroups } from '../../../api/db/schema.ts';
import { addProgramManager, cohortById, createCohort, createProgram, enrol, setManagerRegions } from '../../../api/programs/store.ts';
import { importRoster } from '../../../api/programs/roster-store.ts';
import { TEST_SCRYPT, uniqueEmail } from '../../support/app.ts';
import { adminOnly, type Cast, everyone, fresh, only, type Rows, signedIn, type TestApp } from './matrix.ts';

export const WESTERN_AFRICA = '011';
export const AFRICA = '002';
export const SOUTH_AMERICA = '005';

export const person = (t: Pick<TestApp, 'db'>, role: 'learner' | 'mentor' | 'manager', label: string = role) =>
  createUser(t.db, { email: uniqueEmail(label), name: `Person ${label}`, password: 'a person password', role }, TEST_SCRYPT);

/**
 * A program in `region` (Western Africa unless told) whose manager is given Africa, with one
 * cohort (capacity 30 unless told): the learner enrolled, the mentor leading a group with the
 * learner in it. Any of the three may be left out.
 */
export async function programAround(
  t: Pick<TestApp, 'db' | 'manifest'>,
  people: { learnerId?: string; mentorId?: string; managerId?: string },
  options: { region?: string; managerRegion?: string; capacity?: number } = {},
) {
  const now = new Date();
  const courseIds = t.manifest.courses.slice(0, 2).map((c) => c.id);
  if (people.managerId) await setManagerRegions(t.db, people.managerId, [options.managerRegion ?? AFRICA]);
  const program = await createProgram(t.db, {
    name: 'Regional programme',
    regions: [options.region ?? WESTERN_AFRICA],
    courseIds,
    startsOn: '2027-01-11',
    endsOn: '2027-06-30',
    managerIds: people.managerId ? [people.managerId] : [],
  });
  const cohort = await createCohort(t.db, {
    programId: program.id,
    name: 'Cohort A',
    courseId: courseIds[0]!,
    locale: 'en',
    startsOn: '2027-01-11',
    endsOn: '2027-03-31',
    capacity: options.capacity ?? 30,
    timeZone: 'Africa/Accra',
    pattern: { weekday: 2, time: '14:00', durationMinutes: 60 },
  });
  if (people.learnerId) await enrol(t.db, cohort.id, people.learnerId, 'manager', now);
  let groupId: string | null = null;
  if (people.mentorId) {
    groupId = crypto.randomUUID();
    // Mentoring's rows, written directly until its store has a factory.
    await t.db.insert(mentorGroups).values({ id: groupId, cohortId: cohort.id, mentorId: people.mentorId, source: 'manual' });
    if (people.learnerId) await t.db.insert(groupMembers).values({ groupId, cohortId: cohort.id, learnerId: people.learnerId, addedAt: now.toISOString() });
  }
  return { program, cohort, programId: program.id, cohortId: cohort.id, groupId };
}

const around = (t: TestApp, cast: Cast) => programAround(t, { learnerId: cast.learner.id, mentorId: cast.mentor.id, managerId: cast.manager.id });

/** An invitation's secret, made the way an import makes it. */
export async function invitationToken(t: TestApp, cohortId: string, invitedBy: string) {
  const cohort = (await cohortById(t.db, cohortId))!;
  const outcome = await importRoster(t.db, cohort, [{ line: 2, email: fresh('invitee'), name: 'Invited Person' }], invitedBy, new Date());
  if (!outcome.ok || !outcome.results[0]?.token) throw new Error('invitationToken: the import did not invite');
  return outcome.results[0].token;
}

export const programsRows: Rows = {
  'GET /api/admin/managers': { call: () => ({ path: '/api/admin/managers' }), expect: adminOnly(200) },
  'PUT /api/admin/managers/{id}/regions': {
    call: (_t, cast) => ({ path: `/api/admin/managers/${cast.manager.id}/regions`, body: { regions: [WESTERN_AFRICA] } }),
    expect: adminOnly(200),
  },
  'GET /api/programs': { call: () => ({ path: '/api/programs' }), expect: only(200, 'manager', 'another manager') },
  'POST /api/programs': {
    call: async (t, cast) => {
      await setManagerRegions(t.db, cast.manager.id, [AFRICA]);
      const courseIds = [t.manifest.courses[0]!.id];
      return { path: '/api/programs', body: { name: 'New programme', regions: [WESTERN_AFRICA], courseIds, startsOn: '2027-01-01', endsOn: '2027-12-31' } };
    },
    // Another manager has no regions, so Western Africa is outside theirs.
    expect: { ...only(201, 'manager'), 'another manager': 422 },
  },
  'GET /api/programs/{programId}': {
    call: async (t, cast) => ({ path: `/api/programs/${(await around(t, cast)).programId}` }),
    expect: only(200, 'manager'),
  },
  'PATCH /api/programs/{programId}': {
    call: async (t, cast) => ({ path: `/api/programs/${(await around(t, cast)).programId}`, body: { name: 'Renamed programme' } }),
    expect: only(200, 'manager'),
  },
  'POST /api/programs/{programId}/managers': {
    call: async (t, cast) => {
      const { programId } = await around(t, cast);
      const colleague = await person(t, 'manager', 'colleague');
      await setManagerRegions(t.db, colleague.id, [WESTERN_AFRICA]);
      return { path: `/api/programs/${programId}/managers`, body: { email: colleague.email } };
    },
    expect: only(201, 'manager'),
  },
  'DELETE /api/programs/{programId}/managers/{userId}': {
    call: async (t, cast) => {
      const { programId } = await around(t, cast);
      const colleague = await person(t, 'manager', 'colleague');
      await addProgramManager(t.db, programId, colleague.id);
      return { path: `/api/programs/${programId}/managers/${colleague.id}` };
    },
    expect: only(204, 'manager'),
  },
  'POST /api/programs/{programId}/cohorts': {
    call: async (t, cast) => ({
      path: `/api/programs/${(await around(t, cast)).programId}/cohorts`,
      body: {
        name: 'Cohort B',
        courseId: t.manifest.courses[0]!.id,
        locale: 'fr',
        startsOn: '2027-02-01',
        endsOn: '2027-04-30',
        capacity: 25,
        timeZone: 'Africa/Dakar',
      },
    }),
    expect: only(201, 'manager'),
  },
  'GET /api/cohorts/{cohortId}': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}` }),
    // The cohort's staff: its program's manager and the mentor of a group in it.
    expect: only(200, 'mentor', 'manager'),
  },
  'PATCH /api/cohorts/{cohortId}': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}`, body: { name: 'Cohort A (evening)' } }),
    expect: only(200, 'manager'),
  },
  'POST /api/cohorts/{cohortId}/join-code': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/join-code` }),
    expect: only(200, 'manager'),
  },
  'DELETE /api/cohorts/{cohortId}/members/{userId}': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/members/${cast.learner.id}` }),
    expect: only(204, 'manager'),
  },
  'POST /api/cohorts/{cohortId}/roster': {
    call: async (t, cast) => ({
      path: `/api/cohorts/${(await around(t, cast)).cohortId}/roster`,
      body: { rows: [{ line: 2, email: fresh('roster'), name: 'Roster Person' }] },
    }),
    expect: only(200, 'manager'),
  },
  'GET /api/cohorts/{cohortId}/invitations': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/invitations` }),
    expect: only(200, 'manager'),
  },
  'POST /api/cohorts/join': {
    call: async (t, cast) => {
      const { cohort } = await programAround(t, { managerId: cast.manager.id });
      return { path: '/api/cohorts/join', body: { code: cohort.joinCode } };
    },
    expect: signedIn(201),
  },
  'GET /api/my/cohorts': { call: () => ({ path: '/api/my/cohorts' }), expect: signedIn(200) },
  'DELETE /api/my/cohorts/{cohortId}': {
    call: async (t, cast) => ({ path: `/api/my/cohorts/${(await around(t, cast)).cohortId}` }),
    // The learner leaves; staff (and admins) pass the scope but have no membership to leave.
    expect: { ...only(404, 'mentor', 'manager'), learner: 204 },
  },
  'POST /api/invitations/lookup': {
    call: async (t, cast) => {
      const { cohortId } = await programAround(t, { managerId: cast.manager.id });
      return { path: '/api/invitations/lookup', body: { token: await invitationToken(t, cohortId, cast.manager.id) } };
    },
    expect: everyone(200),
  },
  'POST /api/invitations/accept': {
    call: async (t, cast) => {
      const { cohortId } = await programAround(t, { managerId: cast.manager.id });
      return { path: '/api/invitations/accept', body: { token: await invitationToken(t, cohortId, cast.manager.id), password: 'a long pass phrase' } };
    },
    expect: everyone(201),
  },
};
