// Access rows for the profiles capability (api/profiles/routes.ts).
import { cohortMembers, cohorts, groupMembers, managerRegions, mentorGroups, programManagers, programRegions, programs } from '../../../api/db/schema.ts';
import { type Cast, only, type Rows, signedIn, type TestApp } from './matrix.ts';

/**
 * A program in Western Africa (M49 011) managed by `managerId` (given Africa, 002), one cohort with
 * `learnerId` as a member, and a group of `mentorId`'s with the learner in it. Rows written
 * directly until the programs and mentoring stores have factories of their own.
 */
export async function cohortAround(t: Pick<TestApp, 'db' | 'manifest'>, people: { learnerId: string; mentorId: string; managerId: string }) {
  const programId = crypto.randomUUID();
  const cohortId = crypto.randomUUID();
  const groupId = crypto.randomUUID();
  const now = new Date().toISOString();
  await t.db.batch([
    t.db.insert(programs).values({ id: programId, name: 'Regional programme', startsOn: '2027-01-11', endsOn: '2027-06-30' }),
    t.db.insert(programRegions).values({ programId, region: '011' }),
    t.db.insert(managerRegions).values({ userId: people.managerId, region: '002' }).onConflictDoNothing(),
    t.db.insert(programManagers).values({ programId, userId: people.managerId }),
    t.db.insert(cohorts).values({
      id: cohortId,
      programId,
      name: 'Cohort A',
      courseId: t.manifest.courses[0]!.id,
      locale: 'en',
      startsOn: '2027-01-11',
      endsOn: '2027-03-31',
      capacity: 30,
      timeZone: 'Africa/Accra',
      joinCode: crypto.randomUUID().slice(0, 8).toUpperCase(),
    }),
    t.db.insert(cohortMembers).values({ cohortId, userId: people.learnerId, source: 'manager', joinedAt: now }),
    t.db.insert(mentorGroups).values({ id: groupId, cohortId, mentorId: people.mentorId, source: 'manual' }),
    t.db.insert(groupMembers).values({ groupId, cohortId, learnerId: people.learnerId, addedAt: now }),
  ]);
  return { programId, cohortId, groupId };
}

const aroundCast = (t: TestApp, cast: Cast) => cohortAround(t, { learnerId: cast.learner.id, mentorId: cast.mentor.id, managerId: cast.manager.id });

export const profilesRows: Rows = {
  'GET /api/profile': { call: () => ({ path: '/api/profile' }), expect: signedIn(200) },
  'PUT /api/profile': {
    call: () => ({
      path: '/api/profile',
      body: { languages: ['en'], timeZone: 'Africa/Nairobi', availability: [{ weekday: 2, start: '09:00', end: '11:00' }] },
    }),
    expect: signedIn(200),
  },
  'PUT /api/profile/mentor': {
    call: (t) => ({
      path: '/api/profile/mentor',
      body: { expertise: [t.manifest.courses[0]!.id], tags: ['data protection'], countries: ['KE'], regions: ['014'], capacity: 4, bio: 'Former regulator.' },
    }),
    expect: only(200, 'mentor', 'another mentor'),
  },
  'GET /api/organisations': { call: () => ({ path: '/api/organisations?country=ZM' }), expect: signedIn(200) },
  'POST /api/organisations': {
    call: () => ({ path: '/api/organisations', body: { country: 'ZM', name: `Agency ${crypto.randomUUID()}`, kind: 'agency' } }),
    expect: signedIn(201),
  },
  'GET /api/people/{learnerId}/profile': {
    call: async (t, cast) => {
      await aroundCast(t, cast);
      return { path: `/api/people/${cast.learner.id}/profile` };
    },
    // The learner's mentor and the manager of their program; not the learner, nor anyone unrelated.
    expect: only(200, 'mentor', 'manager'),
  },
};
