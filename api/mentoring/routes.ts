import { z } from '@hono/zod-openapi';
import { buildIcs, type CalendarEvent, ICS_CONTENT_TYPE, MAX_MEETING_MINUTES, MIN_MEETING_MINUTES, utcToZoned } from '#core/schedule/index.ts';
import type { AppContext, SessionUser } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { currentUser } from '../auth/current-user.ts';
import { decide } from '../auth/policy.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import { definePublicRoute, defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { awardAfter } from '../certification/issuing.ts';
import { cohortsOfMember, isCohortMember, managesCohort } from '../programs/access.ts';
import { groupById, mentorOf } from './access.ts';
import { ATTENDANCE, CAPSTONE_STATUSES, FEED_KINDS, GROUP_SOURCES, MEETING_SOURCES } from './tables.ts';
import {
  attendanceWindow,
  canSubmitCapstone,
  changeMeeting,
  cohortPattern,
  FLAG_CODES,
  MAX_CAPSTONE_LINK,
  MAX_CAPSTONE_TEXT,
  MAX_FEEDBACK,
  MAX_NOTE,
  needsAttention,
  patternMeetings,
  quizSummary,
  reviewProblem,
} from './rules.ts';
import {
  accountOf,
  attendanceOf,
  canSeeMeeting,
  capstoneVersions,
  type CohortRow,
  cohortFeedMeetings,
  cohortRow,
  createGroup,
  deleteGroup,
  deleteNote,
  expectedAttendees,
  type FeedMeeting,
  feedsOf,
  type GroupProblem,
  groupsLedBy,
  groupWithLearners,
  insertCapstoneVersion,
  insertFeed,
  insertMeeting,
  insertNote,
  insertPatternMeetings,
  latestCapstones,
  liveFeedByHash,
  meetingAudience,
  meetingById,
  type MeetingRow,
  meetingsVisibleInCohort,
  type MenteeRecord,
  menteeRecords,
  menteesIn,
  namesOf,
  type NoteView,
  notesByMentor,
  personFeedMeetings,
  replaceGroupLearners,
  revokeFeed,
  reviewSubmission,
  saveAttendance,
  sharedNotes,
  type SubmissionRow,
  submissionById,
  updateMeeting,
  updateNote,
  type Viewer,
} from './store.ts';
import { notify } from '../notifications/store.ts';
import { singleLine } from '#core/text.ts';

// ---- shapes -------------------------------------------------------------------------------------

const id = z.uuid({ message: 'Ids are UUIDs.' });
const instant = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date and time with its offset, such as 2026-10-27T09:00:00Z.' });

const Group = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    mentorId: z.string(),
    source: z.enum(GROUP_SOURCES),
    createdAt: z.string(),
    learnerIds: z.array(z.string()),
  })
  .openapi('MentorGroup');

const Flag = z.object({ code: z.enum(FLAG_CODES), detail: z.record(z.string(), z.unknown()) }).openapi('NeedsAttentionFlag', {
  description:
    'inactive-14-days: { daysInactive, lastActivityAt }; quiz-failed-twice: { lessonId, failedAttempts }; missed-two-meetings: { absences, meetings: [{ meetingId, date }] }',
});

const CohortBrief = z
  .object({ id: z.string(), name: z.string(), courseId: z.string(), locale: z.string(), startsOn: z.string(), endsOn: z.string(), timeZone: z.string() })
  .openapi('CohortBrief');

const Summary = z
  .object({
    lessonsCompleted: z.number().int(),
    lessonsTotal: z.number().int(),
    quizzesPassed: z.number().int(),
    quizzesTotal: z.number().int(),
    assessmentPassed: z.boolean().nullable().openapi({ description: 'Null when the course has no final assessment' }),
    lastActivityAt: z.string().nullable(),
  })
  .openapi('MenteeSummary');

const Score = z.object({ best: z.number().nullable(), max: z.number().nullable(), attempts: z.number().int(), passed: z.boolean() });

const MenteeDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.string().nullable(),
    lastActivityAt: z.string().nullable(),
    summary: Summary,
    lessons: z.array(z.object({ lessonId: z.string(), title: z.string(), completed: z.boolean(), completedAt: z.string().nullable(), quiz: Score.nullable() })),
    assessment: Score.nullable().openapi({ description: 'Null when the course has no final assessment' }),
    flags: z.array(Flag),
  })
  .openapi('MenteeProgress');

const MyGroup = z
  .object({
    id: z.string(),
    source: z.enum(GROUP_SOURCES),
    cohort: CohortBrief,
    mentees: z.array(z.object({ id: z.string(), name: z.string(), country: z.string().nullable(), summary: Summary, flags: z.array(Flag) })),
  })
  .openapi('MyMentorGroup');

const Meeting = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    groupId: z.string().nullable(),
    title: z.string(),
    startsAt: z.string().openapi({ description: 'UTC instant; show it in the viewer’s own zone' }),
    endsAt: z.string(),
    durationMinutes: z.number().int(),
    source: z.enum(MEETING_SOURCES),
    patternDate: z.string().nullable(),
    sequence: z.number().int(),
    cancelledAt: z.string().nullable(),
    timeZone: z.string().openapi({ description: 'The cohort’s time zone' }),
  })
  .openapi('Meeting');

const AttendanceShape = z
  .object({
    meeting: Meeting,
    window: z.object({ state: z.enum(['not-started', 'open', 'closed']), opensAt: z.string(), closesAt: z.string() }),
    attendees: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        status: z.enum(ATTENDANCE).nullable(),
        recordedAt: z.string().nullable(),
        recordedBy: z.string().nullable(),
      }),
    ),
  })
  .openapi('Attendance');

const Note = z
  .object({
    id: z.string(),
    learnerId: z.string(),
    cohortId: z.string(),
    mentor: z.object({ id: z.string(), name: z.string() }),
    body: z.string(),
    shared: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('MentorNote');

const Submission = z
  .object({
    id: z.string(),
    userId: z.string(),
    cohortId: z.string(),
    courseId: z.string(),
    version: z.number().int(),
    text: z.string(),
    link: z.string().nullable(),
    status: z.enum(CAPSTONE_STATUSES),
    submittedAt: z.string(),
    feedback: z.string().nullable(),
    reviewerId: z.string().nullable(),
    reviewedAt: z.string().nullable(),
  })
  .openapi('CapstoneSubmission');

const Feed = z
  .object({ id: z.string(), kind: z.enum(FEED_KINDS), cohortId: z.string().nullable(), cohortName: z.string().nullable(), createdAt: z.string() })
  .openapi('CalendarFeed');

const title = singleLine({ empty: 'Give the meeting a title.', max: 120, tooLong: 'Use at most 120 characters.' });
const minutes = z
  .number()
  .int()
  .min(MIN_MEETING_MINUTES, `Meetings last at least ${MIN_MEETING_MINUTES} minutes.`)
  .max(MAX_MEETING_MINUTES, `Meetings last at most ${MAX_MEETING_MINUTES} minutes.`);

const GroupBody = z.object({ mentorId: id, learnerIds: z.array(id).max(200, 'At most 200 learners in a group.') }).openapi('GroupBody');
const GroupLearnersBody = z.object({ learnerIds: z.array(id).max(200, 'At most 200 learners in a group.') }).openapi('GroupLearnersBody');
const MeetingBody = z.object({ title, startsAt: instant, durationMinutes: minutes, groupId: id.optional() }).openapi('MeetingBody');
const MeetingChangeBody = z
  .object({ title: title.optional(), startsAt: instant.optional(), durationMinutes: minutes.optional(), cancelled: z.literal(true).optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Change the time, the length or the title, or cancel the meeting.')
  .openapi('MeetingChangeBody');
const AttendanceBody = z
  .object({
    records: z
      .array(z.object({ userId: id, status: z.enum(ATTENDANCE) }))
      .min(1, 'Record at least one person.')
      .max(1000)
      .superRefine((records, ctx) => {
        const seen = new Set<string>();
        records.forEach((r, i) => {
          if (seen.has(r.userId)) ctx.addIssue({ code: 'custom', message: 'Each person once.', path: [i, 'userId'] });
          seen.add(r.userId);
        });
      }),
  })
  .openapi('AttendanceBody');
const noteBody = z.string().trim().min(1, 'Write something.').max(MAX_NOTE, `Notes have at most ${MAX_NOTE} characters.`);
const NoteBody = z.object({ cohortId: id, body: noteBody, shared: z.boolean().default(false) }).openapi('NoteBody');
const NoteChangeBody = z
  .object({ body: noteBody.optional(), shared: z.boolean().optional() })
  .refine((b) => b.body !== undefined || b.shared !== undefined, 'Change the text or who sees it.')
  .openapi('NoteChangeBody');
const CapstoneBody = z
  .object({
    text: z.string().trim().min(1, 'Write your capstone.').max(MAX_CAPSTONE_TEXT, `At most ${MAX_CAPSTONE_TEXT} characters.`),
    link: z
      .url({ protocol: /^https$/, message: 'Links are https:// addresses.' })
      .max(MAX_CAPSTONE_LINK, `Links have at most ${MAX_CAPSTONE_LINK} characters.`)
      .optional(),
  })
  .openapi('CapstoneBody');
const ReviewBody = z
  .object({
    decision: z.enum(['approved', 'changes_requested']),
    feedback: z.string().trim().max(MAX_FEEDBACK, `Feedback has at most ${MAX_FEEDBACK} characters.`).default(''),
  })
  .refine((b) => b.decision === 'approved' || b.feedback.length > 0, { message: 'Say what to change.', path: ['feedback'] })
  .openapi('ReviewBody');
const FeedBody = z
  .discriminatedUnion('kind', [z.object({ kind: z.literal('person') }), z.object({ kind: z.literal('cohort'), cohortId: id })])
  .openapi('CalendarFeedBody');

const cohortParam = z.object({ cohortId: id });
const groupParams = z.object({ cohortId: id, groupId: id });
const meetingParam = z.object({ meetingId: id });
const learnerParam = z.object({ learnerId: id });
const noteParam = z.object({ noteId: id });
const submissionParam = z.object({ submissionId: id });
const feedParam = z.object({ feedId: id });

// ---- routes -------------------------------------------------------------------------------------

const tags = ['mentoring'];
const noContent = { 204: { description: 'Done' } };

const postGroup = defineRoute({
  method: 'post',
  path: '/cohorts/{cohortId}/groups',
  tags,
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Give a mentor a group of learners of the cohort (a learner is in one group per cohort); the learners are told',
  request: { params: cohortParam, body: jsonBody(GroupBody) },
  responses: { 201: jsonContent(z.object({ group: Group }), 'Created'), ...errors(400, 401, 403, 409, 415, 422) },
});

const putGroup = defineRoute({
  method: 'put',
  path: '/cohorts/{cohortId}/groups/{groupId}',
  tags,
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: "Replace a group's learners; newly added learners are told",
  request: { params: groupParams, body: jsonBody(GroupLearnersBody) },
  responses: { 200: jsonContent(z.object({ group: Group }), 'Saved'), ...errors(400, 401, 403, 404, 409, 415, 422) },
});

const deleteGroupRoute = defineRoute({
  method: 'delete',
  path: '/cohorts/{cohortId}/groups/{groupId}',
  tags,
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Dissolve a group (its learners stay in the cohort; its group meetings go)',
  request: { params: groupParams },
  responses: { ...noContent, ...errors(400, 401, 403, 404) },
});

const myGroups = defineRoute({
  method: 'get',
  path: '/mentor/groups',
  tags,
  access: { role: ['mentor'] },
  summary: 'My groups with their cohort and mentees, each with a progress summary and needs-attention flags',
  responses: { 200: jsonContent(z.object({ groups: z.array(MyGroup) }), 'My groups'), ...errors(401, 403) },
});

const getGroup = defineRoute({
  method: 'get',
  path: '/groups/{groupId}',
  tags,
  access: { scope: 'group', param: 'groupId' },
  summary: "A group's mentees: progress per lesson, quizzes, final assessment, last activity and needs-attention flags",
  request: { params: z.object({ groupId: id }) },
  responses: {
    200: jsonContent(
      z.object({
        group: z.object({ id: z.string(), source: z.enum(GROUP_SOURCES), cohort: CohortBrief, mentor: z.object({ id: z.string(), name: z.string() }) }),
        mentees: z.array(MenteeDetail),
      }),
      'The group',
    ),
    ...errors(400, 401, 403, 404),
  },
});

const listMeetings = defineRoute({
  method: 'get',
  path: '/cohorts/{cohortId}/meetings',
  tags,
  access: { scope: 'cohort-member', param: 'cohortId' },
  summary: 'Meetings I can see in the cohort (learners: cohort-wide and their group’s), upcoming (soonest first) and past (latest first)',
  request: { params: cohortParam },
  responses: {
    200: jsonContent(
      z.object({ timeZone: z.string(), upcoming: z.array(Meeting), past: z.array(Meeting) }),
      'Meetings, as UTC instants with the cohort’s zone',
    ),
    ...errors(400, 401, 403, 404),
  },
});

const postMeeting = defineRoute({
  method: 'post',
  path: '/cohorts/{cohortId}/meetings',
  tags,
  access: { scope: 'cohort-staff', param: 'cohortId' },
  summary: 'Schedule a one-off meeting for the cohort or one group (mentors: their own group only); attendees are told',
  request: { params: cohortParam, body: jsonBody(MeetingBody) },
  responses: { 201: jsonContent(z.object({ meeting: Meeting }), 'Scheduled'), ...errors(400, 401, 403, 404, 415, 422) },
});

const fromPattern = defineRoute({
  method: 'post',
  path: '/cohorts/{cohortId}/meetings/from-pattern',
  tags,
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: "Create the weekly pattern's meetings still to come over the cohort's dates; idempotent (one per local date); members get one summary",
  request: { params: cohortParam },
  responses: {
    200: jsonContent(z.object({ created: z.number().int(), meetings: z.array(Meeting) }), 'The pattern’s meetings; `created` of them are new'),
    ...errors(401, 403, 404, 409),
  },
});

const patchMeeting = defineRoute({
  method: 'patch',
  path: '/meetings/{meetingId}',
  tags,
  access: { scope: 'meeting', param: 'meetingId' },
  summary: 'Reschedule, retitle or cancel a meeting that has not started; raises its sequence and tells attendees',
  request: { params: meetingParam, body: jsonBody(MeetingChangeBody) },
  responses: { 200: jsonContent(z.object({ meeting: Meeting }), 'Changed'), ...errors(400, 401, 403, 404, 409, 415) },
});

const meetingIcs = defineRoute({
  method: 'get',
  path: '/cohorts/{cohortId}/meetings/{meetingId}/ics',
  tags,
  access: { scope: 'cohort-member', param: 'cohortId' },
  summary: 'One meeting as an iCalendar file to download',
  request: { params: z.object({ cohortId: id, meetingId: id }) },
  responses: { 200: { description: 'text/calendar, as an attachment', content: { 'text/calendar': { schema: z.string() } } }, ...errors(400, 401, 403, 404) },
});

const getAttendance = defineRoute({
  method: 'get',
  path: '/meetings/{meetingId}/attendance',
  tags,
  access: { scope: 'meeting', param: 'meetingId' },
  summary: 'Who is expected at a meeting, what was recorded, and whether it can still be changed',
  request: { params: meetingParam },
  responses: { 200: jsonContent(AttendanceShape, 'Attendance'), ...errors(400, 401, 403, 404) },
});

const putAttendance = defineRoute({
  method: 'put',
  path: '/meetings/{meetingId}/attendance',
  tags,
  access: { scope: 'meeting', param: 'meetingId' },
  summary: 'Record attendance, from the start of the meeting until 7 days after it; expected attendees only',
  request: { params: meetingParam, body: jsonBody(AttendanceBody) },
  responses: { 200: jsonContent(AttendanceShape, 'Saved'), ...errors(400, 401, 403, 404, 409, 415, 422) },
});

const listNotes = defineRoute({
  method: 'get',
  path: '/mentees/{learnerId}/notes',
  tags,
  access: { scope: 'mentee', param: 'learnerId' },
  summary: 'Notes on a mentee: mentors see their own, managers those shared with them',
  request: { params: learnerParam, query: z.object({ cohortId: id.optional() }) },
  responses: { 200: jsonContent(z.object({ notes: z.array(Note) }), 'Notes, newest first'), ...errors(400, 401, 403) },
});

const postNote = defineRoute({
  method: 'post',
  path: '/mentees/{learnerId}/notes',
  tags,
  access: { scope: 'mentee', param: 'learnerId' },
  summary: 'Write a note on my mentee in a cohort (private unless shared with the program’s managers)',
  request: { params: learnerParam, body: jsonBody(NoteBody) },
  responses: { 201: jsonContent(z.object({ note: Note }), 'Written'), ...errors(400, 401, 403, 415) },
});

const patchNote = defineRoute({
  method: 'patch',
  path: '/notes/{noteId}',
  tags,
  access: { scope: 'note', param: 'noteId' },
  summary: 'Edit my note or who sees it',
  request: { params: noteParam, body: jsonBody(NoteChangeBody) },
  responses: { 200: jsonContent(z.object({ note: Note }), 'Saved'), ...errors(400, 401, 403, 404, 415) },
});

const deleteNoteRoute = defineRoute({
  method: 'delete',
  path: '/notes/{noteId}',
  tags,
  access: { scope: 'note', param: 'noteId' },
  summary: 'Delete my note',
  request: { params: noteParam },
  responses: { ...noContent, ...errors(400, 401, 403) },
});

const myCapstone = defineRoute({
  method: 'get',
  path: '/my/cohorts/{cohortId}/capstone',
  tags,
  access: { scope: 'cohort-member', param: 'cohortId' },
  summary: 'My capstone versions in the cohort (newest first) with status and feedback',
  request: { params: cohortParam },
  responses: {
    200: jsonContent(z.object({ cohortId: z.string(), courseId: z.string(), canSubmit: z.boolean(), versions: z.array(Submission) }), 'My capstone'),
    ...errors(400, 401, 403, 404),
  },
});

const submitCapstone = defineRoute({
  method: 'post',
  path: '/my/cohorts/{cohortId}/capstone',
  tags,
  access: { scope: 'cohort-member', param: 'cohortId' },
  summary: 'Send a new version of my capstone (learners of the cohort; not once one is approved)',
  request: { params: cohortParam, body: jsonBody(CapstoneBody) },
  responses: { 201: jsonContent(z.object({ submission: Submission }), 'Sent'), ...errors(400, 401, 403, 404, 409, 415) },
});

const cohortCapstones = defineRoute({
  method: 'get',
  path: '/cohorts/{cohortId}/capstones',
  tags,
  access: { scope: 'cohort-staff', param: 'cohortId' },
  summary: "Each learner's latest capstone version (mentors: their mentees')",
  request: { params: cohortParam },
  responses: {
    200: jsonContent(
      z.object({
        capstones: z.array(
          z.object({
            id: z.string(),
            learner: z.object({ id: z.string(), name: z.string() }),
            version: z.number().int(),
            status: z.enum(CAPSTONE_STATUSES),
            submittedAt: z.string(),
            reviewedAt: z.string().nullable(),
          }),
        ),
      }),
      'Latest versions',
    ),
    ...errors(400, 401, 403),
  },
});

const getCapstone = defineRoute({
  method: 'get',
  path: '/capstones/{submissionId}',
  tags,
  access: { scope: 'capstone', param: 'submissionId' },
  summary: 'One capstone version, with every version the learner sent (newest first)',
  request: { params: submissionParam },
  responses: {
    200: jsonContent(
      z.object({
        submission: Submission,
        learner: z.object({ id: z.string(), name: z.string() }),
        latestVersion: z.number().int(),
        history: z.array(Submission),
      }),
      'The version',
    ),
    ...errors(400, 401, 403, 404),
  },
});

const reviewCapstone = defineRoute({
  method: 'post',
  path: '/capstones/{submissionId}/review',
  tags,
  access: { scope: 'capstone', param: 'submissionId' },
  summary: 'Approve the latest version or ask for changes; the learner is told',
  request: { params: submissionParam, body: jsonBody(ReviewBody) },
  responses: { 200: jsonContent(z.object({ submission: Submission }), 'Reviewed'), ...errors(400, 401, 403, 404, 409, 415) },
});

const listFeeds = defineRoute({
  method: 'get',
  path: '/calendar/feeds',
  tags,
  access: 'signed-in',
  summary: 'My calendar subscriptions (their secret addresses are shown only when made)',
  responses: { 200: jsonContent(z.object({ feeds: z.array(Feed) }), 'My feeds'), ...errors(401) },
});

const postFeed = defineRoute({
  method: 'post',
  path: '/calendar/feeds',
  tags,
  access: 'signed-in',
  summary: 'A secret calendar address: all my meetings (person) or one cohort’s I can see (cohort)',
  request: { body: jsonBody(FeedBody) },
  responses: {
    201: jsonContent(z.object({ id: z.string(), kind: z.enum(FEED_KINDS), cohortId: z.string().nullable(), url: z.string() }), 'Made; the url is shown once'),
    ...errors(400, 401, 403, 415),
  },
});

const deleteFeed = defineRoute({
  method: 'delete',
  path: '/calendar/feeds/{feedId}',
  tags,
  access: { scope: 'feed', param: 'feedId' },
  summary: 'Revoke a calendar address: it stops working',
  request: { params: feedParam },
  responses: { ...noContent, ...errors(400, 401, 403) },
});

const publicFeed = definePublicRoute({
  method: 'get',
  path: '/public/calendar/{token}',
  tags,
  maxAgeSeconds: 300,
  summary: 'A calendar subscription (the token is its secret); 404 once revoked',
  request: { params: z.object({ token: z.string() }) },
  responses: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } }, ...errors(404) },
});

// ---- helpers ------------------------------------------------------------------------------------

const viewerOf = (user: SessionUser): Viewer => ({ id: user.id, role: user.role });

function toMeeting(m: MeetingRow, timeZone: string) {
  return {
    id: m.id,
    cohortId: m.cohortId,
    groupId: m.groupId,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    durationMinutes: Math.round((Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000),
    source: m.source,
    patternDate: m.patternDate,
    sequence: m.sequence,
    cancelledAt: m.cancelledAt,
    timeZone,
  };
}

const brief = (c: CohortRow) => ({
  id: c.id,
  name: c.name,
  courseId: c.courseId,
  locale: c.locale,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  timeZone: c.timeZone,
});

const toNote = (n: NoteView) => ({
  id: n.id,
  learnerId: n.learnerId,
  cohortId: n.cohortId,
  mentor: { id: n.mentorId, name: n.mentorName },
  body: n.body,
  shared: n.shared,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
});

const toSubmission = (s: SubmissionRow) => ({
  id: s.id,
  userId: s.userId,
  cohortId: s.cohortId,
  courseId: s.courseId,
  version: s.version,
  text: s.text,
  link: s.link,
  status: s.status,
  submittedAt: s.submittedAt,
  feedback: s.feedback,
  reviewerId: s.reviewerId,
  reviewedAt: s.reviewedAt,
});

async function requireCohort(c: AppContext, cohortId: string): Promise<CohortRow> {
  const cohort = await cohortRow(c.var.deps.db, cohortId);
  if (!cohort) throw notFound('cohort');
  return cohort;
}

function groupProblemError(p: GroupProblem): ApiError {
  switch (p.problem) {
    case 'no-cohort':
      return notFound('cohort');
    case 'not-a-mentor':
      return new ApiError(422, 'invalid_request', 'That person is not a mentor. Nothing was saved.', [
        { path: 'mentorId', message: 'Choose a mentor account.' },
      ]);
    case 'mentor-has-group':
      return new ApiError(409, 'conflict', 'This mentor already has a group in this cohort; change that group instead. Nothing was saved.', {
        groupId: p.groupId,
      });
    case 'not-members':
      return new ApiError(
        422,
        'invalid_request',
        'Some learners are not members of this cohort. Nothing was saved.',
        p.learnerIds.map((learnerId) => ({ path: 'learnerIds', message: `${learnerId} is not in this cohort.`, learnerId })),
      );
    case 'already-grouped':
      return new ApiError(
        409,
        'conflict',
        `Already in another group of this cohort: ${p.learners.map((l) => l.name).join(', ')}. Nothing was saved.`,
        p.learners.map((l) => ({ learnerId: l.learnerId, name: l.name, groupId: l.groupId })),
      );
  }
}

/** The mentor's view of one mentee: per lesson, quizzes, assessment, summary, flags. */
function menteeView(c: AppContext, cohort: CohortRow, r: MenteeRecord) {
  const { curriculum, clock } = c.var.deps;
  const course = curriculum.course(cohort.courseId);
  const lessons = (course?.lessons ?? []).map((l) => {
    const row = r.lessons.get(l.id);
    const quiz = quizSummary(Object.keys(curriculum.manifest.quizKeys[l.id] ?? {}).length, row);
    return { lessonId: l.id, title: l.title, completed: (row?.completedAt ?? null) !== null, completedAt: row?.completedAt ?? null, quiz };
  });
  const hasAssessment = curriculum.manifest.assessments[cohort.courseId] !== undefined;
  const assessment = hasAssessment ? (r.assessment ?? { best: null, max: null, attempts: 0, passed: false }) : null;
  const flags = needsAttention(
    {
      cohortStartsOn: cohort.startsOn,
      timeZone: cohort.timeZone,
      joinedAt: r.joinedAt,
      lastActivityAt: r.lastActivityAt,
      quizEvents: r.quizEvents,
      absences: r.absences,
    },
    clock(),
  );
  const quizzes = lessons.filter((l) => l.quiz !== null);
  const summary = {
    lessonsCompleted: lessons.filter((l) => l.completed).length,
    lessonsTotal: lessons.length,
    quizzesPassed: quizzes.filter((l) => l.quiz!.passed).length,
    quizzesTotal: quizzes.length,
    assessmentPassed: assessment ? assessment.passed : null,
    lastActivityAt: r.lastActivityAt,
  };
  return { id: r.id, name: r.name, country: r.country, lastActivityAt: r.lastActivityAt, summary, lessons, assessment, flags };
}

function meetingEvent(m: FeedMeeting | (MeetingRow & { cohortName: string }), origin: string): CalendarEvent {
  return {
    uid: `meeting-${m.id}@accord`,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    summary: m.title,
    description: m.cohortName,
    url: origin,
    sequence: m.sequence,
    cancelled: m.cancelledAt !== null,
  };
}

/** Tell a meeting's audience (its learners and mentors), except whoever made the change. */
async function tellAudience(c: AppContext, meeting: MeetingRow, kind: 'meeting.scheduled' | 'meeting.changed', data: Record<string, unknown>, actorId: string) {
  const { db, clock } = c.var.deps;
  const audience = (await meetingAudience(db, meeting)).filter((u) => u !== actorId);
  await notify(db, audience, kind, data, clock());
}

const FEED_HISTORY_DAYS = 90;
const TOKEN_SHAPE = /^[a-z2-7]{16,64}$/;

// ---- handlers -----------------------------------------------------------------------------------

export const mentoringRoutes = newRouter()
  .openapi(postGroup, async (c) => {
    const { cohortId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await createGroup(c.var.deps.db, { cohortId, mentorId: body.mentorId, learnerIds: body.learnerIds, source: 'manual' }, c.var.deps.clock());
    if (!result.ok) throw groupProblemError(result);
    return c.json({ group: result.group }, 201);
  })
  .openapi(putGroup, async (c) => {
    const { cohortId, groupId } = c.req.valid('param');
    const group = await groupById(c.var.deps.db, groupId);
    if (!group || group.cohortId !== cohortId) throw notFound('group');
    const result = await replaceGroupLearners(c.var.deps.db, groupId, c.req.valid('json').learnerIds, c.var.deps.clock());
    if (!result.ok) throw groupProblemError(result);
    return c.json({ group: result.group }, 200);
  })
  .openapi(deleteGroupRoute, async (c) => {
    const { cohortId, groupId } = c.req.valid('param');
    const group = await groupById(c.var.deps.db, groupId);
    if (!group || group.cohortId !== cohortId) throw notFound('group');
    await deleteGroup(c.var.deps.db, groupId);
    return c.body(null, 204);
  })
  .openapi(myGroups, async (c) => {
    const { db } = c.var.deps;
    const led = await groupsLedBy(db, currentUser(c).id);
    const groups = [];
    for (const { group, cohort } of led) {
      const learners = (await groupWithLearners(db, group.id))?.learnerIds ?? [];
      const records = await menteeRecords(db, cohort, learners);
      groups.push({
        id: group.id,
        source: group.source,
        cohort: brief(cohort),
        mentees: records.map((r) => {
          const v = menteeView(c, cohort, r);
          return { id: v.id, name: v.name, country: v.country, summary: v.summary, flags: v.flags };
        }),
      });
    }
    return c.json({ groups }, 200);
  })
  .openapi(getGroup, async (c) => {
    const { db } = c.var.deps;
    const group = await groupWithLearners(db, c.req.valid('param').groupId);
    const cohort = group ? await cohortRow(db, group.cohortId) : null;
    if (!group || !cohort) throw notFound('group');
    const mentor = (await namesOf(db, [group.mentorId])).get(group.mentorId);
    const records = await menteeRecords(db, cohort, group.learnerIds);
    return c.json(
      {
        group: { id: group.id, source: group.source, cohort: brief(cohort), mentor: { id: group.mentorId, name: mentor?.name ?? '' } },
        mentees: records.map((r) => menteeView(c, cohort, r)),
      },
      200,
    );
  })
  .openapi(listMeetings, async (c) => {
    const cohort = await requireCohort(c, c.req.valid('param').cohortId);
    const now = c.var.deps.clock().getTime();
    const all = (await meetingsVisibleInCohort(c.var.deps.db, viewerOf(currentUser(c)), cohort.id)).map((m) => toMeeting(m, cohort.timeZone));
    const upcoming = all.filter((m) => Date.parse(m.endsAt) > now);
    const past = all.filter((m) => Date.parse(m.endsAt) <= now).reverse();
    return c.json({ timeZone: cohort.timeZone, upcoming, past }, 200);
  })
  .openapi(postMeeting, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const cohort = await requireCohort(c, c.req.valid('param').cohortId);
    const body = c.req.valid('json');
    const now = clock();
    const manages = user.role === 'admin' || (user.role === 'manager' && (await managesCohort(db, user.id, cohort.id)));
    if (body.groupId) {
      const group = await groupById(db, body.groupId);
      if (!group || group.cohortId !== cohort.id) {
        throw new ApiError(422, 'invalid_request', 'That group is not in this cohort.', [{ path: 'groupId', message: 'No such group in this cohort.' }]);
      }
      if (!manages && group.mentorId !== user.id) throw new ApiError(403, 'forbidden', 'Mentors schedule meetings for their own group only.');
    } else if (!manages) {
      throw new ApiError(403, 'forbidden', 'Mentors schedule meetings for their own group: give its groupId.');
    }
    const startsAt = new Date(body.startsAt);
    if (startsAt.getTime() <= now.getTime()) {
      throw new ApiError(400, 'invalid_request', 'Meetings are scheduled in the future.', [
        { path: 'startsAt', message: 'Choose a time that has not passed.' },
      ]);
    }
    const meeting = await insertMeeting(
      db,
      {
        cohortId: cohort.id,
        groupId: body.groupId ?? null,
        title: body.title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + body.durationMinutes * 60_000).toISOString(),
        createdBy: user.id,
      },
      now,
    );
    await tellAudience(
      c,
      meeting,
      'meeting.scheduled',
      {
        cohortId: cohort.id,
        cohortName: cohort.name,
        meetingId: meeting.id,
        title: meeting.title,
        startsAt: meeting.startsAt,
        timeZone: cohort.timeZone,
        count: 1,
      },
      user.id,
    );
    return c.json({ meeting: toMeeting(meeting, cohort.timeZone) }, 201);
  })
  .openapi(fromPattern, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const cohort = await requireCohort(c, c.req.valid('param').cohortId);
    const pattern = cohortPattern(cohort);
    if (!pattern) throw new ApiError(409, 'conflict', 'This cohort has no weekly meeting pattern; set one on the cohort first.');
    const now = clock();
    // Only meetings still to come: a pattern set (or re-run) mid-cohort does not invent past meetings.
    const planned = patternMeetings(pattern, cohort.startsOn, cohort.endsOn).filter((p) => Date.parse(p.startsAt) > now.getTime());
    const { created, all } = await insertPatternMeetings(db, cohort, planned, cohort.name, user.id, now);
    if (created.length > 0) {
      const first = [...created].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0]!;
      const audience = (await meetingAudience(db, { cohortId: cohort.id, groupId: null })).filter((u) => u !== user.id);
      await notify(
        db,
        audience,
        'meeting.scheduled',
        { cohortId: cohort.id, cohortName: cohort.name, count: created.length, firstStartsAt: first.startsAt, timeZone: cohort.timeZone },
        now,
      );
    }
    return c.json({ created: created.length, meetings: all.map((m) => toMeeting(m, cohort.timeZone)) }, 200);
  })
  .openapi(patchMeeting, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const meeting = await meetingById(db, c.req.valid('param').meetingId);
    const cohort = meeting ? await cohortRow(db, meeting.cohortId) : null;
    if (!meeting || !cohort) throw notFound('meeting');
    const now = clock();
    const outcome = changeMeeting(meeting, c.req.valid('json'), now);
    if (!outcome.ok) {
      if (outcome.reason === 'nothing-to-change') return c.json({ meeting: toMeeting(meeting, cohort.timeZone) }, 200);
      if (outcome.reason === 'cancelled') throw new ApiError(409, 'conflict', 'This meeting was cancelled; schedule a new one instead.');
      if (outcome.reason === 'started') throw new ApiError(409, 'conflict', 'This meeting has already started; it can no longer be changed.');
      throw new ApiError(400, 'invalid_request', 'Meetings are moved to a time that has not passed.', [
        { path: 'startsAt', message: 'Choose a time in the future.' },
      ]);
    }
    const { rescheduled, ...update } = outcome.update;
    const saved = await updateMeeting(db, meeting.id, meeting.sequence, update, now);
    if (!saved) throw new ApiError(409, 'conflict', 'Someone changed this meeting a moment ago; reload it and try again.');
    await tellAudience(
      c,
      saved,
      'meeting.changed',
      {
        cohortId: cohort.id,
        cohortName: cohort.name,
        meetingId: saved.id,
        title: saved.title,
        startsAt: saved.startsAt,
        previousStartsAt: meeting.startsAt,
        rescheduled,
        cancelled: saved.cancelledAt !== null,
        timeZone: cohort.timeZone,
      },
      user.id,
    );
    return c.json({ meeting: toMeeting(saved, cohort.timeZone) }, 200);
  })
  .openapi(meetingIcs, async (c) => {
    const { db, clock, publicOrigin } = c.var.deps;
    const { cohortId, meetingId } = c.req.valid('param');
    const cohort = await requireCohort(c, cohortId);
    const meeting = await meetingById(db, meetingId);
    if (!meeting || meeting.cohortId !== cohort.id || !(await canSeeMeeting(db, viewerOf(currentUser(c)), meeting))) throw notFound('meeting');
    const text = buildIcs(cohort.name, [meetingEvent({ ...meeting, cohortName: cohort.name }, publicOrigin)], { now: clock() });
    const date = utcToZoned(new Date(meeting.startsAt), cohort.timeZone).date;
    return c.body(text, 200, { 'Content-Type': ICS_CONTENT_TYPE, 'Content-Disposition': `attachment; filename="accord-meeting-${date}.ics"` });
  })
  .openapi(getAttendance, async (c) => c.json(await attendanceView(c, c.req.valid('param').meetingId), 200))
  .openapi(putAttendance, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const meeting = await meetingById(db, c.req.valid('param').meetingId);
    if (!meeting) throw notFound('meeting');
    const now = clock();
    if (meeting.cancelledAt !== null) throw new ApiError(409, 'conflict', 'This meeting was cancelled; there is no attendance to record.');
    const window = attendanceWindow(meeting.startsAt, now);
    if (window.state === 'not-started')
      throw new ApiError(409, 'conflict', 'Attendance is recorded once the meeting has started.', { opensAt: window.opensAt });
    if (window.state === 'closed') {
      throw new ApiError(409, 'conflict', `Attendance could be changed until ${window.closesAt}, 7 days after the meeting started.`, {
        closesAt: window.closesAt,
      });
    }
    const { records } = c.req.valid('json');
    const expected = new Set((await expectedAttendees(db, meeting)).map((a) => a.id));
    const strangers = records.map((r, i) => ({ r, i })).filter(({ r }) => !expected.has(r.userId));
    if (strangers.length > 0) {
      throw new ApiError(
        422,
        'invalid_request',
        'Some people are not expected at this meeting. Nothing was saved.',
        strangers.map(({ r, i }) => ({ path: `records.${i}.userId`, message: `${r.userId} is not expected at this meeting.` })),
      );
    }
    await saveAttendance(db, meeting.id, records, user.id, now);
    const course = await cohortRow(db, meeting.cohortId);
    if (course)
      await awardAfter(
        c.var.deps,
        records.filter((r) => r.status !== 'absent').map((r) => r.userId),
        course.courseId,
      );
    return c.json(await attendanceView(c, meeting.id), 200);
  })
  .openapi(listNotes, async (c) => {
    const user = currentUser(c);
    const { db } = c.var.deps;
    const { learnerId } = c.req.valid('param');
    const { cohortId } = c.req.valid('query');
    let notes: NoteView[];
    if (user.role === 'mentor') notes = await notesByMentor(db, user.id, learnerId, cohortId);
    else if (user.role === 'admin') notes = await sharedNotes(db, learnerId, undefined, cohortId);
    else {
      const managed = [];
      for (const id of await cohortsOfMember(db, learnerId)) if (await managesCohort(db, user.id, id)) managed.push(id);
      notes = await sharedNotes(db, learnerId, managed, cohortId);
    }
    return c.json({ notes: notes.map(toNote) }, 200);
  })
  .openapi(postNote, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const { learnerId } = c.req.valid('param');
    const body = c.req.valid('json');
    if ((await mentorOf(db, learnerId, body.cohortId)) !== user.id) {
      throw new ApiError(403, 'forbidden', 'Notes are written by the learner’s mentor in that cohort.');
    }
    const note = await insertNote(db, { mentorId: user.id, learnerId, cohortId: body.cohortId, body: body.body, shared: body.shared }, clock());
    return c.json({ note: toNote(note) }, 201);
  })
  .openapi(patchNote, async (c) => {
    const { db, clock } = c.var.deps;
    const note = await updateNote(db, c.req.valid('param').noteId, c.req.valid('json'), clock());
    if (!note) throw notFound('note');
    return c.json({ note: toNote(note) }, 200);
  })
  .openapi(deleteNoteRoute, async (c) => {
    await deleteNote(c.var.deps.db, c.req.valid('param').noteId);
    return c.body(null, 204);
  })
  .openapi(myCapstone, async (c) => {
    const cohort = await requireCohort(c, c.req.valid('param').cohortId);
    const versions = await capstoneVersions(c.var.deps.db, currentUser(c).id, cohort.id);
    const member = await isCohortMember(c.var.deps.db, currentUser(c).id, cohort.id);
    return c.json(
      { cohortId: cohort.id, courseId: cohort.courseId, canSubmit: member && canSubmitCapstone(versions[0]), versions: versions.map(toSubmission) },
      200,
    );
  })
  .openapi(submitCapstone, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const cohort = await requireCohort(c, c.req.valid('param').cohortId);
    if (!(await isCohortMember(db, user.id, cohort.id))) throw new ApiError(403, 'forbidden', 'Capstones are sent by the cohort’s learners.');
    const body = c.req.valid('json');
    const latest = (await capstoneVersions(db, user.id, cohort.id))[0];
    if (!canSubmitCapstone(latest)) throw new ApiError(409, 'conflict', 'Your capstone is approved; no further versions are needed.');
    const saved = await insertCapstoneVersion(
      db,
      { userId: user.id, cohortId: cohort.id, courseId: cohort.courseId, text: body.text, link: body.link ?? null },
      clock(),
    );
    if (!saved) throw new ApiError(409, 'conflict', 'Your capstone changed a moment ago (approved, or another version was sent); reload it.');
    return c.json({ submission: toSubmission(saved) }, 201);
  })
  .openapi(cohortCapstones, async (c) => {
    const user = currentUser(c);
    const { db } = c.var.deps;
    const { cohortId } = c.req.valid('param');
    const everyone = user.role === 'admin' || (user.role === 'manager' && (await managesCohort(db, user.id, cohortId)));
    const rows = await latestCapstones(db, cohortId, everyone ? undefined : await menteesIn(db, user.id, cohortId));
    return c.json(
      {
        capstones: rows.map((s) => ({
          id: s.id,
          learner: { id: s.userId, name: s.learnerName },
          version: s.version,
          status: s.status,
          submittedAt: s.submittedAt,
          reviewedAt: s.reviewedAt,
        })),
      },
      200,
    );
  })
  .openapi(getCapstone, async (c) => {
    const { db } = c.var.deps;
    const submission = await submissionById(db, c.req.valid('param').submissionId);
    if (!submission) throw notFound('capstone');
    const history = await capstoneVersions(db, submission.userId, submission.cohortId);
    const learner = (await namesOf(db, [submission.userId])).get(submission.userId);
    return c.json(
      {
        submission: toSubmission(submission),
        learner: { id: submission.userId, name: learner?.name ?? '' },
        latestVersion: history[0]?.version ?? submission.version,
        history: history.map(toSubmission),
      },
      200,
    );
  })
  .openapi(reviewCapstone, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const submission = await submissionById(db, c.req.valid('param').submissionId);
    if (!submission) throw notFound('capstone');
    const body = c.req.valid('json');
    const latest = (await capstoneVersions(db, submission.userId, submission.cohortId))[0]!;
    const problem = reviewProblem(submission, latest.version);
    if (problem === 'not-latest')
      throw new ApiError(409, 'conflict', `A newer version (${latest.version}) has been sent; review that one.`, { latestId: latest.id });
    if (problem === 'already-reviewed') throw new ApiError(409, 'conflict', 'This version has already been reviewed.');
    const now = clock();
    const saved = await reviewSubmission(db, submission, { status: body.decision, feedback: body.feedback, reviewerId: user.id }, now);
    if (!saved) throw new ApiError(409, 'conflict', 'This capstone changed a moment ago (a new version, or another review); reload it.');
    const cohort = await cohortRow(db, saved.cohortId);
    await notify(
      db,
      [saved.userId],
      'capstone.reviewed',
      { cohortId: saved.cohortId, cohortName: cohort?.name ?? '', submissionId: saved.id, version: saved.version, decision: saved.status },
      now,
    );
    if (saved.status === 'approved') await awardAfter(c.var.deps, [saved.userId], saved.courseId);
    return c.json({ submission: toSubmission(saved) }, 200);
  })
  .openapi(listFeeds, async (c) => {
    const rows = await feedsOf(c.var.deps.db, currentUser(c).id);
    return c.json(
      {
        feeds: rows.map(({ feed, cohortName }) => ({
          id: feed.id,
          kind: feed.kind,
          cohortId: feed.kind === 'cohort' ? feed.subjectId : null,
          cohortName: feed.kind === 'cohort' ? (cohortName ?? null) : null,
          createdAt: feed.createdAt,
        })),
      },
      200,
    );
  })
  .openapi(postFeed, async (c) => {
    const user = currentUser(c);
    const { db, clock, publicOrigin } = c.var.deps;
    const body = c.req.valid('json');
    if (body.kind === 'cohort' && (await decide({ scope: 'cohort-member', param: 'cohortId' }, user, c.var.deps, body.cohortId)) !== 'allow') {
      throw new ApiError(403, 'forbidden', 'Calendars are made for cohorts you belong to or staff.');
    }
    const token = randomString(20);
    const feed = await insertFeed(
      db,
      { tokenHash: hashSecret(token), kind: body.kind, subjectId: body.kind === 'cohort' ? body.cohortId : user.id, ownerId: user.id },
      clock(),
    );
    return c.json(
      { id: feed.id, kind: feed.kind, cohortId: feed.kind === 'cohort' ? feed.subjectId : null, url: `${publicOrigin}/api/public/calendar/${token}` },
      201,
    );
  })
  .openapi(deleteFeed, async (c) => {
    await revokeFeed(c.var.deps.db, c.req.valid('param').feedId, c.var.deps.clock());
    return c.body(null, 204);
  })
  .openapi(publicFeed, async (c) => {
    const { db, clock, publicOrigin } = c.var.deps;
    const { token } = c.req.valid('param');
    const gone = () => new ApiError(404, 'not_found', 'No such calendar, or it was revoked.');
    if (!TOKEN_SHAPE.test(token)) throw gone();
    const feed = await liveFeedByHash(db, hashSecret(token));
    const owner = feed ? await accountOf(db, feed.ownerId) : null;
    if (!feed || !owner) throw gone();
    const now = clock();
    const since = new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000).toISOString();
    let name = 'Accord';
    let list: FeedMeeting[];
    if (feed.kind === 'cohort') {
      // Someone who has left the cohort (or lost its staffing) no longer reads its calendar.
      if ((await decide({ scope: 'cohort-member', param: 'cohortId' }, owner, c.var.deps, feed.subjectId)) !== 'allow') throw gone();
      const cohort = await cohortRow(db, feed.subjectId);
      if (!cohort) throw gone();
      name = `Accord: ${cohort.name}`;
      list = await cohortFeedMeetings(db, viewerOf(owner), cohort.id, since);
    } else {
      name = `Accord: ${owner.name}`;
      list = await personFeedMeetings(db, viewerOf(owner), since);
    }
    const text = buildIcs(
      name,
      list.map((m) => meetingEvent(m, publicOrigin)),
      { now },
    );
    return c.body(text, 200, { 'Content-Type': ICS_CONTENT_TYPE });
  });

async function attendanceView(c: AppContext, meetingId: string) {
  const { db, clock } = c.var.deps;
  const meeting = await meetingById(db, meetingId);
  const cohort = meeting ? await cohortRow(db, meeting.cohortId) : null;
  if (!meeting || !cohort) throw notFound('meeting');
  const [expected, recorded] = await Promise.all([expectedAttendees(db, meeting), attendanceOf(db, meeting.id)]);
  const byUser = new Map(recorded.map((r) => [r.userId, r]));
  return {
    meeting: toMeeting(meeting, cohort.timeZone),
    window: attendanceWindow(meeting.startsAt, clock()),
    attendees: expected.map((a) => {
      const r = byUser.get(a.id);
      return { userId: a.id, name: a.name, status: r?.status ?? null, recordedAt: r?.recordedAt ?? null, recordedBy: r?.recordedBy ?? null };
    }),
  };
}
