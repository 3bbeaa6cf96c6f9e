// The app first: @hono/zod-openapi must extend zod before core's schemas are built (see the report).
import { makeTestApp, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { mentorProfiles, organisations, profiles } from '../../api/db/schema.ts';
import { createUser } from '../../api/auth/users.ts';
import { profileOf, saveMentorProfile, saveProfile } from '../../api/profiles/store.ts';
import { cohortAround } from './access/profiles.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
let courseIds: string[];

beforeAll(async () => {
  t = await makeTestApp();
  courseIds = t.manifest.courses.map((c) => c.id);
});
afterAll(() => t.close());

const validProfile = {
  name: 'Amina Njoroge',
  country: 'KE',
  languages: ['en', 'sw'],
  timeZone: 'Africa/Nairobi',
  availability: [
    { weekday: 3, start: '14:00', end: '16:00' },
    { weekday: 1, start: '10:00', end: '11:00' },
    { weekday: 1, start: '09:00', end: '10:00' },
  ],
};
const validMentor = () => ({
  expertise: [courseIds[0]!, courseIds[1]!],
  tags: ['  data   protection ', 'Data Protection', 'standards'],
  countries: ['KE', 'TZ'],
  regions: ['014'],
  capacity: 6,
  bio: 'Twelve years at a telecoms regulator.',
});
/** A country no other test lists organisations for (the matrix and matching.test.ts use ZM; sqld is shared), so each test starts from an empty list. */
const COUNTRIES = ['GH', 'SN', 'NG', 'CI', 'BJ', 'TG', 'ML', 'BF', 'NE', 'GM', 'LR', 'SL'];
let nextCountry = 0;
const freshCountry = () => COUNTRIES[nextCountry++]!;

const person = (role: 'learner' | 'mentor' | 'manager') =>
  createUser(t.db, { email: uniqueEmail(`p-${role}`), name: `Person ${role}`, password: 'a person password', role }, TEST_SCRYPT);
const storedProfile = async (userId: string) => (await t.db.select().from(profiles).where(eq(profiles.userId, userId)))[0];

describe('my profile', () => {
  it('starts empty: no organisation, languages, time zone or availability, and no mentor profile for a learner', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('GET', '/api/profile');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      user: { id: me.user.id, email: me.email, name: 'Test learner', role: 'learner', locale: 'en', country: null },
      profile: { organisation: null, languages: [], timeZone: null, availability: [], updatedAt: null },
      mentorProfile: null,
    });
  });

  it('gives a mentor an empty mentor profile to fill in', async () => {
    const me = await t.signInAs('mentor');
    const res = await me.call('GET', '/api/profile');
    expect(res.json.mentorProfile).toEqual({ expertise: [], tags: [], countries: [], regions: [], capacity: 5, bio: '', groupSlots: [], updatedAt: null });
  });

  it('saves name, country, languages, time zone and availability, and reads them back sorted with touching windows merged', async () => {
    const me = await t.signInAs('learner');
    const put = await me.call('PUT', '/api/profile', validProfile);
    expect(put.status).toBe(200);
    const res = await me.call('GET', '/api/profile');
    expect(res.json.user).toMatchObject({ name: 'Amina Njoroge', country: 'KE' });
    expect(res.json.profile).toMatchObject({
      organisation: null,
      languages: ['en', 'sw'],
      timeZone: 'Africa/Nairobi',
      availability: [
        { weekday: 1, start: '09:00', end: '11:00' },
        { weekday: 3, start: '14:00', end: '16:00' },
      ],
    });
    expect(res.json.profile.updatedAt).toEqual(expect.any(String));
    expect(put.json).toEqual(res.json);
  });

  it('keeps the name and country when they are left out, and clears the country when it is null', async () => {
    const me = await t.signInAs('learner');
    await me.call('PUT', '/api/profile', validProfile);
    const { name: _name, country: _country, ...rest } = validProfile;
    await me.call('PUT', '/api/profile', rest);
    expect((await me.call('GET', '/api/profile')).json.user).toMatchObject({ name: 'Amina Njoroge', country: 'KE' });
    await me.call('PUT', '/api/profile', { ...rest, country: null });
    expect((await me.call('GET', '/api/profile')).json.user.country).toBeNull();
  });

  it('accepts an availability window that ends at midnight (24:00)', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('PUT', '/api/profile', { ...validProfile, availability: [{ weekday: 7, start: '20:00', end: '24:00' }] });
    expect(res.status).toBe(200);
    expect(res.json.profile.availability).toEqual([{ weekday: 7, start: '20:00', end: '24:00' }]);
  });

  const invalidCases: Array<[string, Record<string, unknown>, string]> = [
    ['a window that ends before it starts', { availability: [{ weekday: 2, start: '11:00', end: '10:00' }] }, 'availability.0.end'],
    [
      'overlapping windows on one day',
      {
        availability: [
          { weekday: 2, start: '09:00', end: '11:00' },
          { weekday: 2, start: '10:00', end: '12:00' },
        ],
      },
      'availability.1.start',
    ],
    ['a time off the 15-minute grid', { availability: [{ weekday: 2, start: '09:10', end: '10:00' }] }, 'availability.0.start'],
    ['a weekday outside 1..7', { availability: [{ weekday: 8, start: '09:00', end: '10:00' }] }, 'availability.0.weekday'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an offset instead of a time zone', { timeZone: '+03:00' }, 'timeZone'],
    ['a country that is not ISO alpha-2', { country: 'XX' }, 'country'],
    ['a language the site does not have', { languages: ['en', 'de'] }, 'languages.1'],
    ['an empty name', { name: '   ' }, 'name'],
    ['an organisation id that is not a UUID', { organisationId: 'ministry' }, 'organisationId'],
  ];
  for (const [what, change, path] of invalidCases) {
    it(`refuses ${what} with 400 naming ${path}, and changes nothing`, async () => {
      const me = await t.signInAs('learner');
      await me.call('PUT', '/api/profile', validProfile);
      const before = (await me.call('GET', '/api/profile')).json;
      const res = await me.call('PUT', '/api/profile', { ...validProfile, name: 'Someone Else', country: 'TZ', ...change });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect((await me.call('GET', '/api/profile')).json).toEqual(before);
    });
  }

  it('refuses an organisation that does not exist with 422, and stores no profile', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('PUT', '/api/profile', { ...validProfile, organisationId: crypto.randomUUID() });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([{ path: 'organisationId', message: expect.any(String) }]);
    expect(await storedProfile(me.user.id)).toBeUndefined();
    expect((await me.call('GET', '/api/profile')).json.user.country).toBeNull();
  });

  it('refuses an organisation of another country with 400 naming organisationId', async () => {
    const me = await t.signInAs('learner');
    const other = await me.call('POST', '/api/organisations', { country: 'UG', name: 'Uganda Communications Commission', kind: 'regulator' });
    const res = await me.call('PUT', '/api/profile', { ...validProfile, organisationId: other.json.organisation.id });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe('organisationId');
    expect(await storedProfile(me.user.id)).toBeUndefined();
  });

  it('saves an organisation of my country and shows its name and kind', async () => {
    const me = await t.signInAs('learner');
    const added = await me.call('POST', '/api/organisations', { country: 'KE', name: 'Office of the Data Protection Commissioner', kind: 'regulator' });
    const res = await me.call('PUT', '/api/profile', { ...validProfile, organisationId: added.json.organisation.id });
    expect(res.status).toBe(200);
    expect(res.json.profile.organisation).toEqual({
      id: added.json.organisation.id,
      country: 'KE',
      name: 'Office of the Data Protection Commissioner',
      kind: 'regulator',
    });
  });

  it('answers a non-JSON body with 415 and stores nothing', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('PUT', '/api/profile', 'languages=en', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(await storedProfile(me.user.id)).toBeUndefined();
  });
});

describe('mentor profile', () => {
  it('saves expertise, tags (tidied, repeats dropped), countries, regions, capacity and bio, and shows them on my profile', async () => {
    const me = await t.signInAs('mentor');
    const put = await me.call('PUT', '/api/profile/mentor', validMentor());
    expect(put.status).toBe(200);
    const expected = {
      expertise: [courseIds[0], courseIds[1]],
      tags: ['data protection', 'standards'],
      countries: ['KE', 'TZ'],
      regions: ['014'],
      capacity: 6,
      bio: 'Twelve years at a telecoms regulator.',
      groupSlots: [],
      updatedAt: expect.any(String),
    };
    expect(put.json.mentorProfile).toEqual(expected);
    expect((await me.call('GET', '/api/profile')).json.mentorProfile).toEqual(expected);
  });

  it('is for mentors only: a learner gets 403 and nothing is stored', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('PUT', '/api/profile/mentor', validMentor());
    expect(res.status).toBe(403);
    expect((await t.db.select({ n: count() }).from(mentorProfiles).where(eq(mentorProfiles.userId, me.user.id)))[0]!.n).toBe(0);
  });

  it('refuses a course that does not exist with 422 naming it, and stores nothing', async () => {
    const me = await t.signInAs('mentor');
    const res = await me.call('PUT', '/api/profile/mentor', { ...validMentor(), expertise: [courseIds[0], 'astrology'] });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([{ path: 'expertise.1', message: expect.stringContaining('astrology') }]);
    expect((await me.call('GET', '/api/profile')).json.mentorProfile.updatedAt).toBeNull();
  });

  const invalidMentorCases: Array<[string, Record<string, unknown>, string]> = [
    ['a capacity of 0', { capacity: 0 }, 'capacity'],
    ['a capacity over 50', { capacity: 51 }, 'capacity'],
    ['a fractional capacity', { capacity: 2.5 }, 'capacity'],
    ['a bio over 600 characters', { bio: 'x'.repeat(601) }, 'bio'],
    ['more than 12 tags', { tags: Array.from({ length: 13 }, (_, i) => `tag ${i}`) }, 'tags'],
    ['a tag over 40 characters', { tags: ['y'.repeat(41)] }, 'tags.0'],
    ['a country that is not ISO alpha-2', { countries: ['KE', 'Kenya'] }, 'countries.1'],
    ['a region that is not an M49 code', { regions: ['Africa'] }, 'regions.0'],
  ];
  for (const [what, change, path] of invalidMentorCases) {
    it(`refuses ${what} with 400 naming ${path}, and changes nothing`, async () => {
      const me = await t.signInAs('mentor');
      await me.call('PUT', '/api/profile/mentor', validMentor());
      const before = (await me.call('GET', '/api/profile')).json.mentorProfile;
      const res = await me.call('PUT', '/api/profile/mentor', { ...validMentor(), capacity: 9, ...change });
      expect(res.status).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect((await me.call('GET', '/api/profile')).json.mentorProfile).toEqual(before);
    });
  }

  it('accepts a bio of exactly 600 characters and 12 tags of 40 characters', async () => {
    const me = await t.signInAs('mentor');
    const tags = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, '0')}${'t'.repeat(38)}`);
    const res = await me.call('PUT', '/api/profile/mentor', { ...validMentor(), bio: 'b'.repeat(600), tags });
    expect(res.status).toBe(200);
    expect(res.json.mentorProfile.tags).toEqual(tags);
  });
});

describe('organisations', () => {
  it('starts with none listed: nothing is invented', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('GET', `/api/organisations?country=${freshCountry()}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ organisations: [] });
  });

  it('adds one (201) and lists it under its own country only', async () => {
    const me = await t.signInAs('learner');
    const [country, other] = [freshCountry(), freshCountry()];
    const res = await me.call('POST', '/api/organisations', { country, name: 'Ministry of Communications', kind: 'ministry' });
    expect(res.status).toBe(201);
    expect(res.json.organisation).toEqual({ id: expect.any(String), country, name: 'Ministry of Communications', kind: 'ministry' });
    expect((await me.call('GET', `/api/organisations?country=${country}`)).json.organisations).toEqual([res.json.organisation]);
    expect((await me.call('GET', `/api/organisations?country=${other}`)).json.organisations).toEqual([]);
  });

  it('answers a name already listed (other case, extra spaces) with 200 and the existing one, adding nothing', async () => {
    const me = await t.signInAs('learner');
    const country = freshCountry();
    const first = await me.call('POST', '/api/organisations', { country, name: 'National Cyber Security Authority', kind: 'agency' });
    const again = await (await t.signInAs('learner')).call('POST', '/api/organisations', {
      country,
      name: '  national   CYBER security authority ',
      kind: 'other',
    });
    expect(again.status).toBe(200);
    expect(again.json.organisation).toEqual(first.json.organisation);
    expect((await t.db.select({ n: count() }).from(organisations).where(eq(organisations.country, country)))[0]!.n).toBe(1);
  });

  it('lets two countries have organisations of the same name', async () => {
    const me = await t.signInAs('learner');
    const a = await me.call('POST', '/api/organisations', { country: freshCountry(), name: 'Ministry of Digital Economy', kind: 'ministry' });
    const b = await me.call('POST', '/api/organisations', { country: freshCountry(), name: 'Ministry of Digital Economy', kind: 'ministry' });
    expect(b.status).toBe(201);
    expect(b.json.organisation.id).not.toBe(a.json.organisation.id);
  });

  it('tidies the name as it stores it, and lists a country’s organisations by name ignoring case', async () => {
    const me = await t.signInAs('learner');
    const country = freshCountry();
    for (const name of ['zeta agency', 'Alpha  Ministry', 'Beta Regulator']) await me.call('POST', '/api/organisations', { country, name, kind: 'other' });
    const res = await me.call('GET', `/api/organisations?country=${country}`);
    expect(res.json.organisations.map((o: { name: string }) => o.name)).toEqual(['Alpha Ministry', 'Beta Regulator', 'zeta agency']);
  });

  const invalidOrganisations: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown kind', { kind: 'company' }, 'kind'],
    ['a country that is not ISO alpha-2', { country: 'ZZ' }, 'country'],
    ['a name of one character', { name: ' a ' }, 'name'],
    ['a name over 160 characters', { name: 'n'.repeat(161) }, 'name'],
  ];
  for (const [what, change, path] of invalidOrganisations) {
    it(`refuses ${what} with 400 naming ${path}, and adds nothing`, async () => {
      const me = await t.signInAs('learner');
      const country = freshCountry();
      const res = await me.call('POST', '/api/organisations', { country, name: 'Telecoms Regulatory Authority', kind: 'regulator', ...change });
      expect(res.status).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect((await t.db.select({ n: count() }).from(organisations).where(eq(organisations.country, country)))[0]!.n).toBe(0);
    });
  }

  it('needs a country to list organisations', async () => {
    const me = await t.signInAs('learner');
    expect((await me.call('GET', '/api/organisations')).status).toBe(400);
  });
});

describe("a mentee's profile", () => {
  async function mentorship() {
    const [learner, mentor, manager] = await Promise.all([person('learner'), person('mentor'), person('manager')]);
    await cohortAround(t, { learnerId: learner.id, mentorId: mentor.id, managerId: manager.id });
    await saveProfile(t.db, learner.id, {
      country: 'GH',
      languages: ['en', 'fr'],
      timeZone: 'Africa/Accra',
      availability: [{ weekday: 4, start: '15:00', end: '17:00' }],
    });
    return { learner, mentor, manager };
  }
  const signIn = async (u: { email: string }) => {
    const session = t.browser();
    await session.call('POST', '/api/auth/login', { email: u.email, password: 'a person password' });
    return session;
  };

  it('is visible to the mentee’s mentor, without the email', async () => {
    const { learner, mentor } = await mentorship();
    const res = await (await signIn(mentor)).call('GET', `/api/people/${learner.id}/profile`);
    expect(res.status).toBe(200);
    expect(res.json.person).toEqual({
      id: learner.id,
      name: 'Person learner',
      country: 'GH',
      organisation: null,
      languages: ['en', 'fr'],
      timeZone: 'Africa/Accra',
      availability: [{ weekday: 4, start: '15:00', end: '17:00' }],
    });
  });

  it('is not visible to another mentor (403, no profile in the answer)', async () => {
    const { learner } = await mentorship();
    const other = await t.signInAs('mentor');
    const res = await other.call('GET', `/api/people/${learner.id}/profile`);
    expect(res.status).toBe(403);
    expect(Object.keys(res.json)).toEqual(['error']);
  });

  it('is not visible to a mentor of a different group in another cohort', async () => {
    const { learner } = await mentorship();
    const [otherLearner, otherMentor, otherManager] = await Promise.all([person('learner'), person('mentor'), person('manager')]);
    await cohortAround(t, { learnerId: otherLearner.id, mentorId: otherMentor.id, managerId: otherManager.id });
    expect((await (await signIn(otherMentor)).call('GET', `/api/people/${learner.id}/profile`)).status).toBe(403);
  });

  it('shows the email to the manager of the mentee’s program', async () => {
    const { learner, manager } = await mentorship();
    const res = await (await signIn(manager)).call('GET', `/api/people/${learner.id}/profile`);
    expect(res.status).toBe(200);
    expect(res.json.person.email).toBe(learner.email);
  });

  it('answers 404 to an admin asking for someone who does not exist', async () => {
    const admin = await t.signInAs('admin');
    expect((await admin.call('GET', `/api/people/${crypto.randomUUID()}/profile`)).status).toBe(404);
  });
});

describe('the store functions the seed and the matching engine use', () => {
  it('saveProfile, saveMentorProfile and profileOf round-trip', async () => {
    const mentor = await person('mentor');
    await saveProfile(t.db, mentor.id, { name: 'Seeded Mentor', country: 'PT', languages: ['pt', 'en'], timeZone: 'Europe/Lisbon', availability: [] });
    await saveMentorProfile(t.db, mentor.id, { ...validMentor(), tags: ['standards'] });
    const read = await profileOf(t.db, mentor.id);
    expect(read?.user).toMatchObject({ name: 'Seeded Mentor', country: 'PT', role: 'mentor' });
    expect(read?.profile).toMatchObject({ languages: ['pt', 'en'], timeZone: 'Europe/Lisbon', availability: [] });
    expect(read?.mentorProfile).toMatchObject({ tags: ['standards'], capacity: 6 });
  });

  it('profileOf answers null for an unknown user', async () => {
    expect(await profileOf(t.db, crypto.randomUUID())).toBeNull();
  });
});
