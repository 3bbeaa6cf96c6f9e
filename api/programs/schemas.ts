// Request and response shapes of the programs capability (validated by the route definitions).
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locales.ts';
import { countryByAlpha2, regionCode } from '#core/regions/index.ts';
import { rosterRowSchema } from '#core/roster/index.ts';
import { localDateSchema, localTimeSchema, MAX_MEETING_MINUTES, MIN_MEETING_MINUTES, timeZoneSchema, weekdaySchema } from '#core/schedule/index.ts';
import { email, RegisterBody } from '../auth/schemas.ts';
import { CAPSTONE_STATUSES } from '../mentoring/tables.ts';
import { MEMBERSHIP_SOURCES } from './tables.ts';
import { datesInOrder, MAX_COHORT_CAPACITY, normaliseJoinCode } from './rules.ts';
import { singleLine } from '#core/text.ts';

const LOCALE_CODES = LOCALES.map((l) => l.code) as [string, ...string[]];
export const MAX_ROSTER_CHUNK = 1000;

export const id = z.uuid({ message: 'Use the id the API gave you.' });
const name = singleLine({ empty: 'Enter a name.', max: 120, tooLong: 'Use at most 120 characters.' });
const courseId = z.string().min(1).max(80);
const regions = z.array(regionCode).min(1, 'Choose at least one region.').max(50, 'At most 50 regions.');
const courseIds = z.array(courseId).min(1, 'Choose at least one course.').max(30, 'At most 30 courses.');
const locale = z.enum(LOCALE_CODES, { message: `Use one of the site's language codes: ${LOCALE_CODES.join(', ')}.` });
const capacity = z
  .number()
  .int('Capacity is a whole number.')
  .min(1, 'A cohort has at least one seat.')
  .max(MAX_COHORT_CAPACITY, `At most ${MAX_COHORT_CAPACITY} seats.`);
const endsAfterStart = { message: 'The end date is before the start date.', path: ['endsOn'] };
const datesOk = (v: { startsOn?: string; endsOn?: string }) => v.startsOn === undefined || v.endsOn === undefined || datesInOrder(v.startsOn, v.endsOn);

export const Pattern = z
  .object({
    weekday: weekdaySchema.describe('1 (Monday) to 7 (Sunday)'),
    time: localTimeSchema.describe('HH:MM in the cohort’s time zone'),
    durationMinutes: z
      .number()
      .int()
      .min(MIN_MEETING_MINUTES, `Meetings last at least ${MIN_MEETING_MINUTES} minutes.`)
      .max(MAX_MEETING_MINUTES, `Meetings last at most ${MAX_MEETING_MINUTES} minutes.`),
  })
  .openapi('MeetingPattern');

// ---- bodies -----------------------------------------------------------------------------------

export const RegionsBody = z.object({ regions: z.array(regionCode).max(50, 'At most 50 regions.') }).openapi('ManagerRegionsBody');

/** The share of recorded sessions a cohort learner must attend for a certificate (default 75). */
const attendancePercent = z.number().int('Use a whole percent.').min(0, 'Use 0 to 100.').max(100, 'Use 0 to 100.');

export const ProgramBody = z
  .object({ name, regions, courseIds, startsOn: localDateSchema, endsOn: localDateSchema, attendancePercent: attendancePercent.optional() })
  .refine(datesOk, endsAfterStart)
  .openapi('ProgramBody');

export const ProgramPatch = z
  .object({
    name: name.optional(),
    regions: regions.optional(),
    courseIds: courseIds.optional(),
    startsOn: localDateSchema.optional(),
    endsOn: localDateSchema.optional(),
    attendancePercent: attendancePercent.optional(),
  })
  .refine(datesOk, endsAfterStart)
  .openapi('ProgramPatch');

export const ManagerBody = z.object({ email }).openapi('ProgramManagerBody');

export const CohortBody = z
  .object({ name, courseId, locale, startsOn: localDateSchema, endsOn: localDateSchema, capacity, timeZone: timeZoneSchema, pattern: Pattern.optional() })
  .refine(datesOk, endsAfterStart)
  .openapi('CohortBody');

export const CohortPatch = z
  .object({
    name: name.optional(),
    courseId: courseId.optional(),
    locale: locale.optional(),
    startsOn: localDateSchema.optional(),
    endsOn: localDateSchema.optional(),
    capacity: capacity.optional(),
    timeZone: timeZoneSchema.optional(),
    pattern: Pattern.nullable().optional().openapi({ description: 'null: no weekly meeting' }),
  })
  .refine(datesOk, endsAfterStart)
  .openapi('CohortPatch');

const RosterRow = z.strictObject(rosterRowSchema.shape).openapi('RosterRow');
export const RosterBody = z
  .object({ rows: z.array(RosterRow).min(1, 'Send at least one row.').max(MAX_ROSTER_CHUNK, `Send at most ${MAX_ROSTER_CHUNK} rows at a time.`) })
  .superRefine(({ rows }, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (seen.has(row.email)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'email'], message: 'This email is already in the list.' });
      seen.add(row.email);
      if (row.country && !countryByAlpha2(row.country)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'country'], message: 'No country has this code.' });
    });
  })
  .openapi('RosterBody');

export const JoinBody = z
  .object({
    code: z
      .string()
      .max(40)
      .refine((s) => normaliseJoinCode(s) !== null, 'Codes are 8 letters and digits, like K7QX-M2PD.')
      .openapi({ example: 'K7QX-M2PD' }),
  })
  .openapi('JoinBody');

const token = z
  .string()
  .trim()
  .regex(/^[a-z2-7]{16,64}$/, 'This invitation link is incomplete. Open it again from the message you received.');
export const LookupBody = z.object({ token }).openapi('InvitationLookupBody');
export const AcceptBody = z
  .object({
    token,
    password: RegisterBody.shape.password,
    name: RegisterBody.shape.name.optional().openapi({ description: 'Defaults to the name on the roster' }),
  })
  .openapi('InvitationAcceptBody');

// ---- responses --------------------------------------------------------------------------------

export const Manager = z
  .object({ id: z.string(), name: z.string(), email: z.string(), country: z.string().nullable(), regions: z.array(z.string()) })
  .openapi('Manager');

const Person = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const Cohort = z
  .object({
    id: z.string(),
    programId: z.string(),
    programName: z.string(),
    name: z.string(),
    courseId: z.string(),
    locale: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    capacity: z.number().int(),
    timeZone: z.string(),
    pattern: Pattern.nullable(),
    joinCode: z.string().optional().openapi({ description: 'Managers only, shown as K7QX-M2PD', example: 'K7QX-M2PD' }),
  })
  .openapi('Cohort');

export const ProgramSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    regions: z.array(z.string()),
    courseIds: z.array(z.string()),
    cohortCount: z.number().int(),
  })
  .openapi('ProgramSummary');

export const Program = z
  .object({
    id: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    attendancePercent: z.number().int().openapi({ description: 'Share of recorded sessions a cohort learner must attend for a certificate' }),
    regions: z.array(z.string()),
    courseIds: z.array(z.string()),
    managers: z.array(Person),
    cohorts: z.array(Cohort.extend({ memberCount: z.number().int() })),
  })
  .openapi('Program');

export const CohortDetail = z
  .object({
    cohort: Cohort,
    seats: z.object({ capacity: z.number().int(), members: z.number().int(), pendingInvitations: z.number().int(), left: z.number().int() }),
    members: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        country: z.string().nullable(),
        email: z.string().optional().openapi({ description: 'Managers only' }),
        source: z.enum(MEMBERSHIP_SOURCES),
        joinedAt: z.string(),
        progress: z.object({ completedLessons: z.number().int(), totalLessons: z.number().int() }),
      }),
    ),
    groups: z.array(z.object({ id: z.string(), mentor: z.object({ id: z.string(), name: z.string() }), source: z.string(), learnerIds: z.array(z.string()) })),
    attendanceRate: z.number().nullable().openapi({ description: 'Present ÷ (present + absent) over recorded meetings; null before any record' }),
    mentors: z
      .array(z.object({ id: z.string(), name: z.string(), country: z.string().nullable() }))
      .optional()
      .openapi({ description: 'Managers only: the mentor accounts that can be given a group' }),
  })
  .openapi('CohortDetail');

export const RosterResult = z
  .object({
    results: z.array(
      z.object({
        line: z.number().int(),
        email: z.string(),
        status: z.enum(['enrolled', 'invited', 'already-member', 'already-invited']),
        invitationLink: z.string().optional().openapi({ description: 'Only for `invited`, only in this answer: send it to the person' }),
      }),
    ),
    counts: z.object({ enrolled: z.number().int(), invited: z.number().int(), alreadyMember: z.number().int(), alreadyInvited: z.number().int() }),
  })
  .openapi('RosterResult');

export const Invitation = z
  .object({ id: z.string(), email: z.string(), name: z.string(), createdAt: z.string(), expiresAt: z.string(), expired: z.boolean() })
  .openapi('Invitation');

export const JoinResult = z
  .object({
    status: z.enum(['joined', 'already-member']),
    cohort: z.object({
      id: z.string(),
      name: z.string(),
      programName: z.string(),
      courseId: z.string(),
      locale: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
    }),
  })
  .openapi('JoinResult');

export const MyCohort = z
  .object({
    id: z.string(),
    name: z.string(),
    programName: z.string(),
    courseId: z.string(),
    locale: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    timeZone: z.string(),
    joinedAt: z.string(),
    mentor: z.object({ id: z.string(), name: z.string() }).nullable(),
    nextMeeting: z
      .object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), groupId: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The next meeting not cancelled and not over (cohort-wide or my group’s)' }),
    capstone: z
      .object({ status: z.enum(CAPSTONE_STATUSES), version: z.number().int(), submittedAt: z.string() })
      .nullable()
      .openapi({ description: 'My latest capstone version, null before the first' }),
  })
  .openapi('MyCohort');

export const InvitationLookup = z
  .object({ email: z.string(), name: z.string(), cohortName: z.string(), programName: z.string(), expired: z.boolean(), expiresAt: z.string() })
  .openapi('InvitationLookup');
