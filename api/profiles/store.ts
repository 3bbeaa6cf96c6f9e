import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Role } from '#core/user.ts';
import { type AvailabilityWindow, normaliseAvailability } from '#core/schedule/availability.ts';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { type ORGANISATION_KINDS, mentorProfiles, organisations, profiles } from './tables.ts';
import { DEFAULT_MENTOR_CAPACITY, type GroupSlot, organisationKey, parseList, tidyName, tidySlots, tidyTags, unique } from './rules.ts';

/**
 * All of profiles' SQL. The demo seed and the matching engine write and read profiles through
 * `saveProfile`, `saveMentorProfile`, `profileOf` and `profilesOf`, like the routes do. Inputs are
 * already validated (the routes' schemas); these functions only tidy (sort, merge, de-duplicate).
 */

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation {
  id: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  name: string;
  kind: OrganisationKind;
}

export interface ProfileInput {
  /** Omitted: kept. */
  name?: string;
  /** Omitted: kept; null: cleared. */
  country?: string | null;
  /** Replaced (null or omitted: none). */
  organisationId?: string | null;
  /** Locale codes (core/locales.ts). */
  languages: readonly string[];
  /** IANA zone; null: not yet confirmed. */
  timeZone: string | null;
  /** On the wall clock of `timeZone`; stored sorted, touching windows merged. */
  availability: readonly AvailabilityWindow[];
}

export interface MentorProfileInput {
  /** Course ids. */
  expertise: readonly string[];
  tags: readonly string[];
  /** ISO alpha-2 countries the mentor knows. */
  countries: readonly string[];
  /** M49 region codes the mentor knows. */
  regions: readonly string[];
  capacity: number;
  /** Omitted: kept as they are. */
  groupSlots?: readonly GroupSlot[] | undefined;
  bio: string;
}

export interface Profile {
  organisation: Organisation | null;
  languages: string[];
  timeZone: string | null;
  availability: AvailabilityWindow[];
  /** Null until the profile is first saved. */
  updatedAt: string | null;
}

export interface MentorProfile {
  expertise: string[];
  tags: string[];
  countries: string[];
  regions: string[];
  capacity: number;
  groupSlots: GroupSlot[];
  bio: string;
  updatedAt: string | null;
}

export interface PersonProfile {
  user: { id: string; email: string; name: string; role: Role; locale: string; country: string | null };
  profile: Profile;
  /** Null when the person has never saved a mentor profile. */
  mentorProfile: MentorProfile | null;
}

const organisationColumns = { id: organisations.id, country: organisations.country, name: organisations.name, kind: organisations.kind };

/** What a mentor profile holds before the mentor has said anything. */
export const EMPTY_MENTOR_PROFILE: MentorProfile = {
  expertise: [],
  tags: [],
  countries: [],
  regions: [],
  capacity: DEFAULT_MENTOR_CAPACITY,
  groupSlots: [],
  bio: '',
  updatedAt: null,
};

/** Profiles of several people at once (the matching engine reads a cohort's worth); unknown ids are left out. */
export async function profilesOf(db: Database, userIds: readonly string[]): Promise<Map<string, PersonProfile>> {
  const ids = unique(userIds);
  const result = new Map<string, PersonProfile>();
  if (ids.length === 0) return result;
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      country: users.country,
      profile: profiles,
      organisation: organisationColumns,
      mentor: mentorProfiles,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, profiles.organisationId))
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
    .where(inArray(users.id, ids));
  for (const r of rows) {
    result.set(r.id, {
      user: { id: r.id, email: r.email, name: r.name, role: r.role, locale: r.locale, country: r.country },
      profile: {
        organisation: r.organisation?.id ? r.organisation : null,
        languages: parseList<string>(r.profile?.languages),
        timeZone: r.profile?.timeZone ?? null,
        availability: parseList<AvailabilityWindow>(r.profile?.availability),
        updatedAt: r.profile?.updatedAt ?? null,
      },
      mentorProfile: r.mentor
        ? {
            expertise: parseList<string>(r.mentor.expertise),
            tags: parseList<string>(r.mentor.tags),
            countries: parseList<string>(r.mentor.countries),
            regions: parseList<string>(r.mentor.regions),
            capacity: r.mentor.capacity,
            groupSlots: parseList<GroupSlot>(r.mentor.groupSlots),
            bio: r.mentor.bio,
            updatedAt: r.mentor.updatedAt,
          }
        : null,
    });
  }
  return result;
}

/** One person's account details, profile and mentor profile; null when there is no such user. */
export async function profileOf(db: Database, userId: string): Promise<PersonProfile | null> {
  return (await profilesOf(db, [userId])).get(userId) ?? null;
}

/** Replaces the profile (and the name and country on the account when given), atomically. */
export async function saveProfile(db: Database, userId: string, input: ProfileInput, now: Date = new Date()): Promise<PersonProfile | null> {
  const values = {
    organisationId: input.organisationId ?? null,
    languages: JSON.stringify(unique(input.languages)),
    timeZone: input.timeZone,
    availability: JSON.stringify(normaliseAvailability(input.availability)),
    updatedAt: now.toISOString(),
  };
  const account: { name?: string; country?: string | null } = {};
  if (input.name !== undefined) account.name = input.name;
  if (input.country !== undefined) account.country = input.country;
  const upsert = db
    .insert(profiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: profiles.userId, set: values });
  if (Object.keys(account).length > 0) await db.batch([db.update(users).set(account).where(eq(users.id, userId)), upsert]);
  else await upsert;
  return profileOf(db, userId);
}

/** Replaces the mentor profile (group slots only when given); answers what was stored. */
export async function saveMentorProfile(db: Database, userId: string, input: MentorProfileInput, now: Date = new Date()): Promise<MentorProfile> {
  const slots = input.groupSlots === undefined ? undefined : tidySlots(input.groupSlots);
  const values = {
    expertise: JSON.stringify(unique(input.expertise)),
    tags: JSON.stringify(tidyTags(input.tags)),
    countries: JSON.stringify(unique(input.countries)),
    regions: JSON.stringify(unique(input.regions)),
    capacity: input.capacity,
    ...(slots ? { groupSlots: JSON.stringify(slots) } : {}),
    bio: input.bio.trim(),
    updatedAt: now.toISOString(),
  };
  await db
    .insert(mentorProfiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: mentorProfiles.userId, set: values });
  return (await profileOf(db, userId))?.mentorProfile ?? { ...EMPTY_MENTOR_PROFILE, updatedAt: values.updatedAt };
}

export async function organisationById(db: Database, id: string): Promise<Organisation | null> {
  const [row] = await db.select(organisationColumns).from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** A country's organisations, by name (case-insensitively). */
export async function organisationsIn(db: Database, country: string): Promise<Organisation[]> {
  return db.select(organisationColumns).from(organisations).where(eq(organisations.country, country)).orderBy(asc(organisations.nameKey));
}

/**
 * Adds an organisation, or finds the one the country already has under that name (ignoring case
 * and extra spaces): two people adding "Ministry of ICT" at once get the same row.
 */
export async function addOrganisation(
  db: Database,
  input: { country: string; name: string; kind: OrganisationKind; createdBy: string | null },
): Promise<{ organisation: Organisation; created: boolean }> {
  const name = tidyName(input.name);
  const nameKey = organisationKey(name);
  const id = crypto.randomUUID();
  const inserted = await db
    .insert(organisations)
    .values({ id, country: input.country, name, nameKey, kind: input.kind, createdBy: input.createdBy })
    .onConflictDoNothing()
    .returning(organisationColumns);
  if (inserted[0]) return { organisation: inserted[0], created: true };
  const [existing] = await db
    .select(organisationColumns)
    .from(organisations)
    .where(and(eq(organisations.country, input.country), eq(organisations.nameKey, nameKey)));
  if (!existing) throw new Error('addOrganisation: the organisation was neither inserted nor found');
  return { organisation: existing, created: false };
}
