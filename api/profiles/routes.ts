import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locales.ts';
import { countryCode, regionCode } from '#core/regions/index.ts';
import { availabilitySchema, timeZoneSchema, weekdaySchema } from '#core/schedule/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { currentUser } from '../auth/current-user.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { ORGANISATION_KINDS } from './tables.ts';
import {
  MAX_BIO_LENGTH,
  MAX_GROUP_SLOTS,
  MAX_MENTOR_CAPACITY,
  MAX_ORGANISATION_NAME,
  MAX_SLOT_MINUTES,
  MAX_SLOT_SIZE,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MIN_SLOT_MINUTES,
  unknownEntries,
} from './rules.ts';
import { singleLine } from '#core/text.ts';
import {
  addOrganisation,
  EMPTY_MENTOR_PROFILE,
  organisationById,
  organisationsIn,
  type PersonProfile,
  profileOf,
  saveMentorProfile,
  saveProfile,
} from './store.ts';

// ---- shapes -------------------------------------------------------------------------------------

const LOCALE_CODES = LOCALES.map((l) => l.code) as [string, ...string[]];
const languageCode = z.enum(LOCALE_CODES, { message: `Use one of the site's language codes: ${LOCALE_CODES.join(', ')}.` });

const Organisation = z.object({ id: z.string(), country: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) }).openapi('Organisation');
const Window = z.object({ weekday: z.number().int(), start: z.string(), end: z.string() }).openapi('AvailabilityWindow');
const GroupSlotShape = z
  .object({
    weekday: weekdaySchema,
    start: z.string().regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, 'Times are on the quarter hour, from 00:00 to 23:45.'),
    minutes: z
      .number()
      .int()
      .multipleOf(15, 'Meetings last a whole number of quarter hours.')
      .min(MIN_SLOT_MINUTES, `Meetings last at least ${MIN_SLOT_MINUTES} minutes.`)
      .max(MAX_SLOT_MINUTES, `Meetings last at most ${MAX_SLOT_MINUTES} minutes.`),
    size: z.number().int('Size is a whole number.').min(1, 'A group has at least one place.').max(MAX_SLOT_SIZE, `At most ${MAX_SLOT_SIZE} in a group.`),
  })
  .openapi('GroupSlot');
const ProfileShape = z
  .object({
    organisation: Organisation.nullable(),
    languages: z.array(z.string()),
    timeZone: z.string().nullable(),
    availability: z.array(Window),
    updatedAt: z.string().nullable().openapi({ description: 'Null until the profile is first saved' }),
  })
  .openapi('Profile');
const MentorProfileShape = z
  .object({
    expertise: z.array(z.string()),
    tags: z.array(z.string()),
    countries: z.array(z.string()),
    regions: z.array(z.string()),
    capacity: z.number().int(),
    groupSlots: z.array(GroupSlotShape).openapi({ description: 'Weekly group meetings offered, in the mentor’s time zone; id is weekday-start' }),
    bio: z.string(),
    updatedAt: z.string().nullable(),
  })
  .openapi('MentorProfile');
const MyProfile = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), locale: z.string(), country: z.string().nullable() }),
    profile: ProfileShape,
    mentorProfile: MentorProfileShape.nullable().openapi({ description: 'For mentors (and anyone who has saved one); null otherwise' }),
  })
  .openapi('MyProfile');

const ProfileBody = z
  .object({
    name: singleLine({ empty: 'Enter your name.', max: 120, tooLong: 'Use at most 120 characters.' }).optional(),
    country: countryCode.nullable().optional().openapi({ description: 'ISO 3166-1 alpha-2; omitted: kept; null: cleared' }),
    organisationId: z.uuid({ message: 'Choose an organisation from the list.' }).nullable().optional(),
    languages: z.array(languageCode).max(LOCALE_CODES.length, 'Each language once.'),
    timeZone: timeZoneSchema,
    availability: availabilitySchema,
  })
  .openapi('ProfileBody');

const MentorProfileBody = z
  .object({
    expertise: z.array(z.string().min(1).max(80)).max(50).openapi({ description: 'Course ids' }),
    tags: z
      .array(z.string().trim().min(1, 'A tag cannot be empty.').max(MAX_TAG_LENGTH, `Tags have at most ${MAX_TAG_LENGTH} characters.`))
      .max(MAX_TAGS, `At most ${MAX_TAGS} tags.`),
    countries: z.array(countryCode).max(300),
    regions: z.array(regionCode).max(100),
    capacity: z
      .number()
      .int('Capacity is a whole number.')
      .min(1, 'Take at least one mentee.')
      .max(MAX_MENTOR_CAPACITY, `At most ${MAX_MENTOR_CAPACITY} mentees.`),
    groupSlots: z
      .array(GroupSlotShape)
      .max(MAX_GROUP_SLOTS, `At most ${MAX_GROUP_SLOTS} group slots a week.`)
      .optional()
      .openapi({ description: 'Omitted: kept as they are' }),
    bio: z.string().trim().max(MAX_BIO_LENGTH, `Keep the bio to ${MAX_BIO_LENGTH} characters.`),
  })
  .openapi('MentorProfileBody');

const OrganisationBody = z
  .object({
    country: countryCode,
    name: z.string().trim().min(2, 'Enter the organisation’s name.').max(MAX_ORGANISATION_NAME, `Use at most ${MAX_ORGANISATION_NAME} characters.`),
    kind: z.enum(ORGANISATION_KINDS),
  })
  .openapi('OrganisationBody');

const PersonShape = z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.string().nullable(),
    organisation: Organisation.nullable(),
    languages: z.array(z.string()),
    timeZone: z.string().nullable(),
    availability: z.array(Window),
    email: z.string().optional().openapi({ description: 'Only for managers and admins' }),
  })
  .openapi('PersonProfile');

// ---- routes -------------------------------------------------------------------------------------

const getMine = defineRoute({
  method: 'get',
  path: '/profile',
  tags: ['profiles'],
  access: 'signed-in',
  summary: 'My account details, profile and (for mentors) mentor profile',
  responses: { 200: jsonContent(MyProfile, 'My profile'), ...errors(401) },
});

const putMine = defineRoute({
  method: 'put',
  path: '/profile',
  tags: ['profiles'],
  access: 'signed-in',
  summary: 'Replace my profile (name and country on the account when given)',
  request: { body: jsonBody(ProfileBody) },
  responses: { 200: jsonContent(MyProfile, 'Saved'), ...errors(400, 401, 403, 415, 422) },
});

const putMentor = defineRoute({
  method: 'put',
  path: '/profile/mentor',
  tags: ['profiles'],
  access: { role: ['mentor'] },
  summary: 'Replace my mentor profile: expertise, tags, countries and regions known, capacity, bio',
  request: { body: jsonBody(MentorProfileBody) },
  responses: { 200: jsonContent(z.object({ mentorProfile: MentorProfileShape }), 'Saved'), ...errors(400, 401, 403, 415, 422) },
});

const listOrganisations = defineRoute({
  method: 'get',
  path: '/organisations',
  tags: ['profiles'],
  access: 'signed-in',
  summary: "A country's organisations, by name",
  request: { query: z.object({ country: countryCode }) },
  responses: { 200: jsonContent(z.object({ organisations: z.array(Organisation) }), 'Organisations'), ...errors(400, 401) },
});

const postOrganisation = defineRoute({
  method: 'post',
  path: '/organisations',
  tags: ['profiles'],
  access: 'signed-in',
  summary: 'Add an organisation; one the country already has under that name (ignoring case and spaces) is answered instead',
  request: { body: jsonBody(OrganisationBody) },
  responses: {
    201: jsonContent(z.object({ organisation: Organisation }), 'Added'),
    200: jsonContent(z.object({ organisation: Organisation }), 'Already listed: the existing one'),
    ...errors(400, 401, 403, 415),
  },
});

const getPerson = defineRoute({
  method: 'get',
  path: '/people/{learnerId}/profile',
  tags: ['profiles'],
  access: { scope: 'mentee', param: 'learnerId' },
  summary: "A mentee's or program member's profile (email for managers only)",
  request: { params: z.object({ learnerId: z.uuid() }) },
  responses: { 200: jsonContent(z.object({ person: PersonShape }), 'Their profile'), ...errors(400, 401, 403, 404) },
});

/** The signed-in user's view: mentors always get a mentor profile (empty until they save one). */
function myView(p: PersonProfile) {
  const mentorProfile = p.mentorProfile ?? (p.user.role === 'mentor' ? EMPTY_MENTOR_PROFILE : null);
  return { user: p.user, profile: p.profile, mentorProfile };
}

const invalid = (status: 400 | 422, message: string, details: Array<{ path: string; message: string }>) =>
  new ApiError(status, 'invalid_request', message, details);

export const profilesRoutes = newRouter()
  .openapi(getMine, async (c) => {
    const mine = await profileOf(c.var.deps.db, currentUser(c).id);
    if (!mine) throw notFound('user');
    return c.json(myView(mine), 200);
  })
  .openapi(putMine, async (c) => {
    const user = currentUser(c);
    const body = c.req.valid('json');
    const { db, clock } = c.var.deps;
    if (body.organisationId) {
      const organisation = await organisationById(db, body.organisationId);
      if (!organisation)
        throw invalid(422, 'That organisation does not exist. Nothing was saved.', [{ path: 'organisationId', message: 'No such organisation.' }]);
      const country = body.country !== undefined ? body.country : user.country;
      if (organisation.country !== country) {
        throw invalid(400, 'The organisation is listed under another country. Nothing was saved.', [
          { path: 'organisationId', message: 'Choose an organisation of your country.' },
        ]);
      }
    }
    const saved = await saveProfile(db, user.id, body, clock());
    if (!saved) throw notFound('user');
    return c.json(myView(saved), 200);
  })
  .openapi(putMentor, async (c) => {
    const user = currentUser(c);
    const body = c.req.valid('json');
    const { db, clock, curriculum } = c.var.deps;
    const unknown = unknownEntries('expertise', body.expertise, (id) => curriculum.course(id) !== undefined);
    if (unknown.length > 0) {
      throw invalid(
        422,
        'Some courses do not exist. Nothing was saved.',
        unknown.map((u) => ({ path: u.path, message: `No course "${u.value}".` })),
      );
    }
    return c.json({ mentorProfile: await saveMentorProfile(db, user.id, body, clock()) }, 200);
  })
  .openapi(listOrganisations, async (c) => c.json({ organisations: await organisationsIn(c.var.deps.db, c.req.valid('query').country) }, 200))
  .openapi(postOrganisation, async (c) => {
    const body = c.req.valid('json');
    const { organisation, created } = await addOrganisation(c.var.deps.db, { ...body, createdBy: currentUser(c).id });
    return created ? c.json({ organisation }, 201) : c.json({ organisation }, 200);
  })
  .openapi(getPerson, async (c) => {
    const actor = currentUser(c);
    const person = await profileOf(c.var.deps.db, c.req.valid('param').learnerId);
    if (!person) throw notFound('person');
    const { user, profile } = person;
    const seesEmail = actor.role === 'manager' || actor.role === 'admin';
    return c.json(
      {
        person: {
          id: user.id,
          name: user.name,
          country: user.country,
          organisation: profile.organisation,
          languages: profile.languages,
          timeZone: profile.timeZone,
          availability: profile.availability,
          ...(seesEmail ? { email: user.email } : {}),
        },
      },
      200,
    );
  });
