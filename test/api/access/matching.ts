// Access rows for the matching capability (api/matching/routes.ts): only the program's managers (and admins).
import { matchProposals, matchRuns } from '../../../api/db/schema.ts';
import { cohortWith } from '../../support/cohort-fixtures.ts';
import { type Cast, only, type Rows, type TestApp } from './matrix.ts';

const around = (t: TestApp, cast: Cast) => cohortWith(t, { managerId: cast.manager.id, learnerIds: [cast.learner.id] });

/** A finished run of the cast's cohort proposing nothing for the cast's learner, as the engine would store it. */
async function proposedRun(t: TestApp, cast: Cast) {
  const { cohortId } = await around(t, cast);
  const id = crypto.randomUUID();
  await t.db.insert(matchRuns).values({ id, cohortId, mode: 'group', scope: 'changes', status: 'proposed', startedAt: new Date().toISOString() });
  await t.db.insert(matchProposals).values({ runId: id, learnerId: cast.learner.id, blocker: 'time' });
  return id;
}

export const matchingRows: Rows = {
  'GET /api/programs/{programId}/matching-rules': {
    call: async (t, cast) => ({ path: `/api/programs/${(await around(t, cast)).programId}/matching-rules` }),
    expect: only(200, 'manager'),
  },
  'PATCH /api/programs/{programId}/matching-rules': {
    call: async (t, cast) => ({ path: `/api/programs/${(await around(t, cast)).programId}/matching-rules`, body: { excludeSameCountry: true } }),
    expect: only(200, 'manager'),
  },
  'POST /api/cohorts/{cohortId}/matching-runs': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/matching-runs`, body: {} }),
    expect: only(202, 'manager'),
  },
  'POST /api/programs/{programId}/matching-runs': {
    call: async (t, cast) => ({ path: `/api/programs/${(await around(t, cast)).programId}/matching-runs`, body: {} }),
    expect: only(202, 'manager'),
  },
  'GET /api/programs/{programId}/matching-runs': {
    call: async (t, cast) => ({ path: `/api/programs/${(await around(t, cast)).programId}/matching-runs` }),
    expect: only(200, 'manager'),
  },
  'GET /api/cohorts/{cohortId}/matching-runs': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/matching-runs` }),
    expect: only(200, 'manager'),
  },
  'GET /api/matching-runs/{runId}': {
    call: async (t, cast) => ({ path: `/api/matching-runs/${await proposedRun(t, cast)}` }),
    expect: only(200, 'manager'),
  },
  'PUT /api/matching-runs/{runId}/proposals/{learnerId}': {
    call: async (t, cast) => ({ path: `/api/matching-runs/${await proposedRun(t, cast)}/proposals/${cast.learner.id}`, body: { mentorId: null } }),
    expect: only(200, 'manager'),
  },
  'POST /api/matching-runs/{runId}/approve': {
    call: async (t, cast) => ({ path: `/api/matching-runs/${await proposedRun(t, cast)}/approve` }),
    expect: only(200, 'manager'),
  },
  'POST /api/matching-runs/{runId}/discard': {
    call: async (t, cast) => ({ path: `/api/matching-runs/${await proposedRun(t, cast)}/discard` }),
    expect: only(200, 'manager'),
  },
};
