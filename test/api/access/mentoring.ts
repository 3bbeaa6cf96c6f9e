// Access rows for the mentoring capability (api/mentoring/routes.ts).
import { hashSecret, randomString } from '../../../api/auth/tokens.ts';
import { insertCapstoneVersion, insertFeed, insertNote } from '../../../api/mentoring/store.ts';
import { cohortWith, meetingAt } from '../../support/cohort-fixtures.ts';
import { type Cast, everyone, only, type Rows, signedIn, type TestApp } from './matrix.ts';

const HOUR = 3_600_000;

/** The cast's cohort: the manager's program, the learner a member, in the mentor's group. */
const around = (t: TestApp, cast: Cast, extra: { pattern?: boolean } = {}) =>
  cohortWith(t, {
    managerId: cast.manager.id,
    learnerIds: [cast.learner.id],
    mentorId: cast.mentor.id,
    ...(extra.pattern ? { pattern: { weekday: 2, time: '10:00', durationMinutes: 60 } } : {}),
  });

const groupMeeting = async (t: TestApp, cast: Cast, startsIn: number) => {
  const { cohortId, groupId } = await around(t, cast);
  return meetingAt(t, { cohortId, groupId, startsAt: new Date(Date.now() + startsIn) });
};

const submission = async (t: TestApp, cast: Cast) => {
  const { cohortId, cohort } = await around(t, cast);
  const s = await insertCapstoneVersion(t.db, { userId: cast.learner.id, cohortId, courseId: cohort.courseId, text: 'My capstone.', link: null }, new Date());
  return s!;
};

/** Staff of the cohort: the mentor of the learner's group and the program's manager. */
const staff = ['mentor', 'manager'] as const;

export const mentoringRows: Rows = {
  'POST /api/cohorts/{cohortId}/groups': {
    call: async (t, cast) => {
      const { cohortId } = await cohortWith(t, { managerId: cast.manager.id, learnerIds: [cast.learner.id] });
      return { path: `/api/cohorts/${cohortId}/groups`, body: { mentorId: cast.mentor.id, learnerIds: [cast.learner.id] } };
    },
    expect: only(201, 'manager'),
  },
  'PUT /api/cohorts/{cohortId}/groups/{groupId}': {
    call: async (t, cast) => {
      const { cohortId, groupId } = await around(t, cast);
      return { path: `/api/cohorts/${cohortId}/groups/${groupId}`, body: { learnerIds: [] } };
    },
    expect: only(200, 'manager'),
  },
  'DELETE /api/cohorts/{cohortId}/groups/{groupId}': {
    call: async (t, cast) => {
      const { cohortId, groupId } = await around(t, cast);
      return { path: `/api/cohorts/${cohortId}/groups/${groupId}` };
    },
    expect: only(204, 'manager'),
  },
  'GET /api/mentor/groups': { call: () => ({ path: '/api/mentor/groups' }), expect: only(200, 'mentor', 'another mentor') },
  'GET /api/groups/{groupId}': {
    call: async (t, cast) => ({ path: `/api/groups/${(await around(t, cast)).groupId}` }),
    expect: only(200, ...staff),
  },
  'GET /api/cohorts/{cohortId}/meetings': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/meetings` }),
    expect: only(200, 'learner', ...staff),
  },
  'POST /api/cohorts/{cohortId}/meetings': {
    call: async (t, cast) => {
      const { cohortId, groupId } = await around(t, cast);
      return {
        path: `/api/cohorts/${cohortId}/meetings`,
        body: { title: 'Group check-in', startsAt: new Date(Date.now() + 48 * HOUR).toISOString(), durationMinutes: 45, groupId },
      };
    },
    expect: only(201, ...staff),
  },
  'POST /api/cohorts/{cohortId}/meetings/from-pattern': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast, { pattern: true })).cohortId}/meetings/from-pattern` }),
    expect: only(200, 'manager'),
  },
  'PATCH /api/meetings/{meetingId}': {
    call: async (t, cast) => ({ path: `/api/meetings/${(await groupMeeting(t, cast, 48 * HOUR)).id}`, body: { title: 'Moved' } }),
    expect: only(200, ...staff),
  },
  'GET /api/cohorts/{cohortId}/meetings/{meetingId}/ics': {
    call: async (t, cast) => {
      const { cohortId } = await around(t, cast);
      const meeting = await meetingAt(t, { cohortId, startsAt: new Date(Date.now() + 48 * HOUR) });
      return { path: `/api/cohorts/${cohortId}/meetings/${meeting.id}/ics` };
    },
    expect: only(200, 'learner', ...staff),
  },
  'GET /api/meetings/{meetingId}/attendance': {
    call: async (t, cast) => ({ path: `/api/meetings/${(await groupMeeting(t, cast, -HOUR)).id}/attendance` }),
    expect: only(200, ...staff),
  },
  'PUT /api/meetings/{meetingId}/attendance': {
    call: async (t, cast) => ({
      path: `/api/meetings/${(await groupMeeting(t, cast, -HOUR)).id}/attendance`,
      body: { records: [{ userId: cast.learner.id, status: 'present' }] },
    }),
    expect: only(200, ...staff),
  },
  'GET /api/mentees/{learnerId}/notes': {
    call: async (t, cast) => {
      await around(t, cast);
      return { path: `/api/mentees/${cast.learner.id}/notes` };
    },
    expect: only(200, ...staff),
  },
  'POST /api/mentees/{learnerId}/notes': {
    call: async (t, cast) => {
      const { cohortId } = await around(t, cast);
      return { path: `/api/mentees/${cast.learner.id}/notes`, body: { cohortId, body: 'Strong on treaty law.', shared: false } };
    },
    // The mentee scope lets the manager read shared notes; only the learner's mentor writes them.
    expect: { ...only(201, 'mentor'), manager: 403, admin: 403 },
  },
  'PATCH /api/notes/{noteId}': {
    call: async (t, cast) => {
      const { cohortId } = await around(t, cast);
      const note = await insertNote(t.db, { mentorId: cast.mentor.id, learnerId: cast.learner.id, cohortId, body: 'First note', shared: false }, new Date());
      return { path: `/api/notes/${note.id}`, body: { shared: true } };
    },
    expect: only(200, 'mentor'),
  },
  'DELETE /api/notes/{noteId}': {
    call: async (t, cast) => {
      const { cohortId } = await around(t, cast);
      const note = await insertNote(t.db, { mentorId: cast.mentor.id, learnerId: cast.learner.id, cohortId, body: 'First note', shared: false }, new Date());
      return { path: `/api/notes/${note.id}` };
    },
    expect: only(204, 'mentor'),
  },
  'GET /api/my/cohorts/{cohortId}/capstone': {
    call: async (t, cast) => ({ path: `/api/my/cohorts/${(await around(t, cast)).cohortId}/capstone` }),
    expect: only(200, 'learner', ...staff),
  },
  'POST /api/my/cohorts/{cohortId}/capstone': {
    call: async (t, cast) => ({ path: `/api/my/cohorts/${(await around(t, cast)).cohortId}/capstone`, body: { text: 'My capstone plan.' } }),
    // Staff reach the cohort, but only its learners send capstones.
    expect: { ...only(201, 'learner'), mentor: 403, manager: 403, admin: 403 },
  },
  'GET /api/cohorts/{cohortId}/capstones': {
    call: async (t, cast) => ({ path: `/api/cohorts/${(await around(t, cast)).cohortId}/capstones` }),
    expect: only(200, ...staff),
  },
  'GET /api/capstones/{submissionId}': {
    call: async (t, cast) => ({ path: `/api/capstones/${(await submission(t, cast)).id}` }),
    expect: only(200, ...staff),
  },
  'POST /api/capstones/{submissionId}/review': {
    call: async (t, cast) => ({ path: `/api/capstones/${(await submission(t, cast)).id}/review`, body: { decision: 'approved', feedback: 'Well argued.' } }),
    expect: only(200, ...staff),
  },
  'GET /api/calendar/feeds': { call: () => ({ path: '/api/calendar/feeds' }), expect: signedIn(200) },
  'POST /api/calendar/feeds': { call: () => ({ path: '/api/calendar/feeds', body: { kind: 'person' } }), expect: signedIn(201) },
  'DELETE /api/calendar/feeds/{feedId}': {
    call: async (t, cast) => {
      const feed = await insertFeed(
        t.db,
        { tokenHash: hashSecret(randomString(20)), kind: 'person', subjectId: cast.learner.id, ownerId: cast.learner.id },
        new Date(),
      );
      return { path: `/api/calendar/feeds/${feed.id}` };
    },
    expect: only(204, 'learner'),
  },
  'GET /api/public/calendar/{token}': {
    call: async (t, cast) => {
      const token = randomString(20);
      await insertFeed(t.db, { tokenHash: hashSecret(token), kind: 'person', subjectId: cast.learner.id, ownerId: cast.learner.id }, new Date());
      return { path: `/api/public/calendar/${token}` };
    },
    expect: everyone(200),
  },
};
