// Access rows for certification (api/certification/routes.ts).
import { issueByHand } from '../../../api/certification/issuing.ts';
import { holderById } from '../../../api/certification/store.ts';
import { cohortWith } from '../../support/cohort-fixtures.ts';
import { type Cast, everyone, only, type Rows, signedIn, type TestApp } from './matrix.ts';

const assessedCourse = (t: TestApp) => Object.keys(t.manifest.assessments)[0]!;

/** The cast's cohort, its program managed by the cast's manager, the learner a member. */
const around = (t: TestApp, cast: Cast) => cohortWith(t, { managerId: cast.manager.id, learnerIds: [cast.learner.id], courseId: assessedCourse(t) });

/** A certificate of the cast's learner, earned (by hand) in the cast's cohort. */
async function certificate(t: TestApp, cast: Cast) {
  const { cohortId, cohort } = await around(t, cast);
  const holder = (await holderById(t.db, cast.learner.id))!;
  const { id } = await issueByHand(t.deps, { holder, courseId: cohort.courseId, cohortId, actorId: cast.manager.id, reason: 'Completed in person.' });
  return id;
}

export const certificationRows: Rows = {
  'GET /api/courses/{courseId}/certificate': { call: (t) => ({ path: `/api/courses/${assessedCourse(t)}/certificate` }), expect: signedIn(200) },
  'GET /api/my/credentials': { call: () => ({ path: '/api/my/credentials' }), expect: signedIn(200) },
  'GET /api/cohorts/{cohortId}/credentials': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/credentials` }),
    expect: only(200, 'manager'),
  },
  'POST /api/cohorts/{cohortId}/credentials': {
    call: async (t, cast) => ({
      path: `/api/cohorts/${(await around(t, cast)).cohortId}/credentials`,
      body: { userId: cast.learner.id, reason: 'Completed the programme in person.' },
    }),
    expect: only(201, 'manager'),
  },
  'PATCH /api/credentials/{credentialId}': {
    call: async (t, cast) => ({ path: `/api/credentials/${await certificate(t, cast)}`, body: { state: 'suspended', reason: 'Under review.' } }),
    expect: only(200, 'manager'),
  },
  'GET /api/public/credentials/{credentialId}': {
    call: async (t, cast) => ({ path: `/api/public/credentials/${await certificate(t, cast)}` }),
    expect: everyone(200),
  },
  'GET /api/public/credentials/{credentialId}/status': {
    call: async (t, cast) => ({ path: `/api/public/credentials/${await certificate(t, cast)}/status` }),
    expect: everyone(200),
  },
  'GET /api/public/status-lists/revocation': { call: () => ({ path: '/api/public/status-lists/revocation' }), expect: everyone(200) },
  'GET /.well-known/did.json': { call: () => ({ path: '/.well-known/did.json' }), expect: everyone(200) },
};
