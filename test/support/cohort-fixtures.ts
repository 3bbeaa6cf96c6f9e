// Programs, cohorts and mentor groups for the mentoring tests and the access matrix, made with the
// programs store's own factories (createProgram, createCohort, enrol) and mentoring's createGroup.
import type { Role } from '#core/user.ts';
import { createUser } from '../../api/auth/users.ts';
import type { Database } from '../../api/db/client.ts';
import { createCohort, createProgram, enrol, type MeetingPatternFields, setManagerRegions } from '../../api/programs/store.ts';
import { createGroup, insertMeeting } from '../../api/mentoring/store.ts';
import type { Manifest } from '#core/curriculum/manifest.ts';
import { TEST_SCRYPT, uniqueEmail } from './app.ts';

interface Fixture {
  db: Database;
  manifest: Manifest;
}

/** A user of this role, not signed in anywhere. */
export function person(t: Pick<Fixture, 'db'>, role: Role, name = `Person ${role}`) {
  return createUser(t.db, { email: uniqueEmail(`f-${role}`), name, password: 'a fixture password', role }, TEST_SCRYPT);
}

export interface CohortSetup {
  managerId: string;
  /** Enrolled as members, in this order. */
  learnerIds?: readonly string[];
  /** Given a group holding `groupLearnerIds` (default: every learner). */
  mentorId?: string;
  groupLearnerIds?: readonly string[];
  name?: string;
  startsOn?: string;
  endsOn?: string;
  timeZone?: string;
  pattern?: MeetingPatternFields | null;
  courseId?: string;
  /** The program's M49 regions (default Western Africa, 011) and the manager's (default Africa, 002). */
  regions?: readonly string[];
  managerRegions?: readonly string[];
  /** When memberships and the group are made (default: now). */
  at?: Date;
}

/**
 * A program in Western Africa (M49 011) managed by `managerId` (given Africa, 002), one cohort
 * with the learners as members and, when a mentor is named, their group.
 */
export async function cohortWith(t: Fixture, setup: CohortSetup) {
  const at = setup.at ?? new Date();
  await setManagerRegions(t.db, setup.managerId, setup.managerRegions ?? ['002']);
  const startsOn = setup.startsOn ?? '2027-01-11';
  const endsOn = setup.endsOn ?? '2027-03-31';
  const program = await createProgram(t.db, {
    name: 'Regional programme',
    regions: setup.regions ?? ['011'],
    courseIds: [setup.courseId ?? t.manifest.courses[0]!.id],
    startsOn,
    endsOn,
    managerIds: [setup.managerId],
  });
  const cohort = await createCohort(t.db, {
    programId: program.id,
    name: setup.name ?? `Cohort ${crypto.randomUUID().slice(0, 4)}`,
    courseId: setup.courseId ?? t.manifest.courses[0]!.id,
    locale: 'en',
    startsOn,
    endsOn,
    capacity: 50,
    timeZone: setup.timeZone ?? 'Africa/Accra',
    pattern: setup.pattern ?? null,
  });
  for (const id of setup.learnerIds ?? []) await enrol(t.db, cohort.id, id, 'manager', at);
  let groupId: string | null = null;
  if (setup.mentorId) {
    const made = await createGroup(
      t.db,
      { cohortId: cohort.id, mentorId: setup.mentorId, learnerIds: setup.groupLearnerIds ?? setup.learnerIds ?? [], source: 'manual' },
      at,
    );
    if (!made.ok) throw new Error(`cohortWith: createGroup refused (${made.problem})`);
    groupId = made.group.id;
  }
  return { programId: program.id, cohortId: cohort.id, groupId, cohort };
}

/** A meeting written straight to the store (any time, even past: the routes only schedule future ones). */
export async function meetingAt(t: Pick<Fixture, 'db'>, m: { cohortId: string; groupId?: string | null; startsAt: Date; minutes?: number; title?: string }) {
  return insertMeeting(
    t.db,
    {
      cohortId: m.cohortId,
      groupId: m.groupId ?? null,
      title: m.title ?? 'Seminar',
      startsAt: m.startsAt.toISOString(),
      endsAt: new Date(m.startsAt.getTime() + (m.minutes ?? 60) * 60_000).toISOString(),
      createdBy: null,
    },
    new Date(),
  );
}

/** A clock the tests move by hand (passed to makeTestApp as `clock`). */
export function testClock(start: string | Date) {
  let now = new Date(start);
  return {
    clock: () => new Date(now.getTime()),
    set: (at: string | Date) => {
      now = new Date(at);
    },
    advanceDays: (days: number) => {
      now = new Date(now.getTime() + days * 86_400_000);
    },
    advanceMinutes: (minutes: number) => {
      now = new Date(now.getTime() + minutes * 60_000);
    },
    now: () => new Date(now.getTime()),
  };
}

/** The VEVENTs of an iCalendar text (lines unfolded, RFC 5545), each as a property → value map. */
export function icsEvents(text: string): Array<Record<string, string>> {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
  if (lines[0] !== 'BEGIN:VCALENDAR' || lines.at(-1) !== 'END:VCALENDAR') throw new Error('not a VCALENDAR');
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0]!;
      current[name] = line.slice(colon + 1);
    }
  }
  return events;
}

/** '20261027T090000Z' → '2026-10-27T09:00:00.000Z'. */
export function icsInstant(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a UTC date-time: ${value}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
}
