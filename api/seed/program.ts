import { eq } from 'drizzle-orm';
import type { CurriculumIndex } from '#core/curriculum/manifest.ts';
import type { ProgressEvent } from '#core/progress.ts';
import { type AvailabilityWindow, daysToLocalDate, localDateToDays, occurrences, utcToZoned } from '#core/schedule/index.ts';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { randomString } from '../auth/tokens.ts';
import { createUser } from '../auth/users.ts';
import type { ScryptParams } from '../auth/password.ts';
import { programs } from '../programs/tables.ts';
import { createCohort, createProgram, enrol, setManagerRegions } from '../programs/store.ts';
import { cohortRow, createGroup, insertCapstoneVersion, insertPatternMeetings, reviewSubmission, saveAttendance } from '../mentoring/store.ts';
import { saveMentorProfile, saveProfile } from '../profiles/store.ts';
import { prepareEvents } from '../progress/rules.ts';
import { appendAndRecompute } from '../progress/store.ts';
import { assessmentAttempts } from '../assessments/tables.ts';

/**
 * The living demo program for `npm start`'s first run: a program with an English and a French
 * cohort under way and a second English cohort about to start whose mentors are still to be
 * matched, four mentors across time zones, twenty learners with progress, meetings, attendance and
 * capstones, all made with the same store functions the API and the tests use. Dates are relative
 * to the day it runs, so the program is always under way. Idempotent: a second run finds the
 * program by name and changes nothing. People other than the four demo accounts get random
 * passwords that nobody keeps (they are there to be seen, not to sign in).
 */
export const DEMO_PROGRAM_NAME = 'AI Governance Fellowship (demo): West Africa and the Pacific';

interface DemoPerson {
  name: string;
  country: string;
  timeZone: string;
  languages: string[];
}

/** Weekly group times on the mentor's own clock: Africa's evening slots suit West Africa, Mele's suits Tonga and Samoa (not Fiji, an hour behind). */
type Slot = { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; start: string; minutes: number; size: number };

const MENTORS: Array<DemoPerson & { email: string; bio: string; expertise: string[]; slots: Slot[] }> = [
  {
    email: 'fatou.ndiaye@demo.accord.test',
    name: 'Fatou Ndiaye',
    country: 'SN',
    timeZone: 'Africa/Dakar',
    languages: ['fr', 'en'],
    expertise: ['foundations', 'standards-harmonization'],
    slots: [{ weekday: 2, start: '17:30', minutes: 60, size: 5 }],
    bio: 'Demo mentor. Works on technical standards and conformity assessment.',
  },
  {
    email: 'kwame.mensah@demo.accord.test',
    name: 'Kwame Mensah',
    country: 'GH',
    timeZone: 'Africa/Accra',
    languages: ['en'],
    expertise: ['treaty-frameworks', 'information-sharing'],
    slots: [{ weekday: 4, start: '17:00', minutes: 60, size: 5 }],
    bio: 'Demo mentor. Has negotiated regional data-sharing arrangements.',
  },
  {
    email: 'mele.fifita@demo.accord.test',
    name: 'Mele Fifita',
    country: 'TO',
    timeZone: 'Pacific/Tongatapu',
    languages: ['en'],
    expertise: ['crisis-response', 'capacity-building'],
    slots: [{ weekday: 2, start: '17:30', minutes: 60, size: 6 }],
    bio: 'Demo mentor. Coordinates incident response across small island states.',
  },
];

const LEARNERS: DemoPerson[] = [
  { name: 'Ibrahim Traoré', country: 'ML', timeZone: 'Africa/Bamako', languages: ['fr'] },
  { name: 'Aïcha Ouédraogo', country: 'BF', timeZone: 'Africa/Ouagadougou', languages: ['fr'] },
  { name: 'Koffi Agbeko', country: 'TG', timeZone: 'Africa/Lome', languages: ['fr', 'en'] },
  { name: 'Mariama Bah', country: 'GN', timeZone: 'Africa/Conakry', languages: ['fr'] },
  { name: 'Yacouba Diarra', country: 'CI', timeZone: 'Africa/Abidjan', languages: ['fr'] },
  { name: 'Rokia Keïta', country: 'SN', timeZone: 'Africa/Dakar', languages: ['fr'] },
  { name: 'Hamidou Sow', country: 'NE', timeZone: 'Africa/Niamey', languages: ['fr'] },
  { name: 'Adjoa Asante', country: 'BJ', timeZone: 'Africa/Porto-Novo', languages: ['fr', 'en'] },
  { name: 'Chinedu Okafor', country: 'NG', timeZone: 'Africa/Lagos', languages: ['en'] },
  { name: 'Abena Owusu', country: 'GH', timeZone: 'Africa/Accra', languages: ['en'] },
  { name: 'Momodou Jallow', country: 'GM', timeZone: 'Africa/Banjul', languages: ['en'] },
  { name: 'Fatmata Kamara', country: 'SL', timeZone: 'Africa/Freetown', languages: ['en'] },
  { name: 'Joseph Flomo', country: 'LR', timeZone: 'Africa/Monrovia', languages: ['en'] },
  { name: 'Sione Tupou', country: 'TO', timeZone: 'Pacific/Tongatapu', languages: ['en'] },
  { name: 'Losana Vuniwai', country: 'FJ', timeZone: 'Pacific/Fiji', languages: ['en'] },
  { name: 'Tavita Faleolo', country: 'WS', timeZone: 'Pacific/Apia', languages: ['en'] },
  { name: 'Teuila Matagi', country: 'WS', timeZone: 'Pacific/Apia', languages: ['en'] },
  { name: 'Kalolaine Havili', country: 'TO', timeZone: 'Pacific/Tongatapu', languages: ['en'] },
  { name: 'Ana Tuivaga', country: 'FJ', timeZone: 'Pacific/Fiji', languages: ['en'] },
];

/** Weekday evenings and a Saturday morning, on the person's own clock. */
const AVAILABILITY: AvailabilityWindow[] = [
  { weekday: 2, start: '17:00', end: '19:00' },
  { weekday: 4, start: '17:00', end: '19:00' },
  { weekday: 6, start: '09:00', end: '11:00' },
];

/** A small deterministic generator, so every first run makes the same kind of program. */
function generator(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function person(db: Database, email: string, p: DemoPerson, role: 'learner' | 'mentor', passwordParams?: ScryptParams) {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const user = await createUser(
    db,
    { email, name: p.name, password: `${randomString(8)}-${randomString(8)}`, role, country: p.country, locale: p.languages[0]! },
    passwordParams,
  );
  return user.id;
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ +/g, '.');

export interface DemoStaff {
  learnerId: string;
  mentorId: string;
  managerId: string;
}

/** The learner of the English cohort who has finished the course and holds its certificate. */
export const CERTIFIED_DEMO_LEARNER = 'Chinedu Okafor';

/**
 * Returns whether it made the program (false: it was already there). `award` issues what a
 * learner has earned (the app's certification); without it the seed issues nothing.
 */
export async function seedDemoProgram(
  db: Database,
  curriculum: CurriculumIndex,
  staff: DemoStaff,
  now: Date,
  passwordParams?: ScryptParams,
  award?: (userId: string, courseId: string) => Promise<unknown>,
): Promise<boolean> {
  const [present] = await db.select({ id: programs.id }).from(programs).where(eq(programs.name, DEMO_PROGRAM_NAME));
  if (present) return false;
  const random = generator(20261202);
  const today = localDateToDays(now.toISOString().slice(0, 10));
  const startsOn = daysToLocalDate(today - 42);
  const endsOn = daysToLocalDate(today + 70);

  // Western Africa (011) and Polynesia (061), as the demo manager's regions and the program's.
  await setManagerRegions(db, staff.managerId, ['011', '061']);
  const program = await createProgram(db, {
    name: DEMO_PROGRAM_NAME,
    regions: ['011', '061'],
    courseIds: ['treaty-frameworks', 'foundations'],
    startsOn,
    endsOn,
    createdBy: staff.managerId,
    managerIds: [staff.managerId],
  });
  const english = await createCohort(db, {
    programId: program.id,
    name: 'Treaty Frameworks, English, cohort 1',
    courseId: 'treaty-frameworks',
    locale: 'en',
    startsOn,
    endsOn,
    capacity: 30,
    timeZone: 'Africa/Accra',
    pattern: { weekday: 2, time: '15:00', durationMinutes: 60 },
  });
  const french = await createCohort(db, {
    programId: program.id,
    name: 'Fondements, français, cohorte 1',
    courseId: 'foundations',
    locale: 'fr',
    startsOn,
    endsOn,
    capacity: 30,
    timeZone: 'Africa/Dakar',
    pattern: { weekday: 4, time: '14:00', durationMinutes: 90 },
  });

  // A second English cohort starting next week, its mentors not yet chosen: the matching demo.
  const next = await createCohort(db, {
    programId: program.id,
    name: 'Foundations, English, cohort 2',
    courseId: 'foundations',
    locale: 'en',
    startsOn: daysToLocalDate(today + 7),
    endsOn: daysToLocalDate(today + 77),
    capacity: 30,
    timeZone: 'Africa/Accra',
    pattern: null,
  });

  // Mentors: the demo mentor (Chile) and three more, with profiles across time zones.
  const mentorIds = [staff.mentorId];
  await saveProfile(db, staff.mentorId, { languages: ['es', 'en', 'fr'], timeZone: 'America/Santiago', availability: AVAILABILITY }, now);
  await saveMentorProfile(
    db,
    staff.mentorId,
    {
      expertise: ['foundations', 'treaty-frameworks'],
      tags: ['evaluation'],
      countries: ['CL', 'SN'],
      regions: ['005', '011'],
      capacity: 12,
      // Thursday 14:00 in Santiago is 17:00 or 18:00 in Accra and Dakar (Chile keeps summer time from September to April).
      groupSlots: [{ weekday: 4, start: '14:00', minutes: 60, size: 6 }],
      bio: 'Demo mentor.',
    },
    now,
  );
  for (const m of MENTORS) {
    const id = await person(db, m.email, m, 'mentor', passwordParams);
    mentorIds.push(id);
    await saveProfile(db, id, { languages: m.languages, timeZone: m.timeZone, availability: AVAILABILITY }, now);
    await saveMentorProfile(
      db,
      id,
      {
        expertise: m.expertise,
        tags: [],
        countries: [m.country],
        regions: [m.country === 'TO' ? '061' : '011'],
        capacity: 10,
        groupSlots: m.slots,
        bio: m.bio,
      },
      now,
    );
  }

  // Learners: the demo learner and nineteen more; French speakers in the French cohort.
  const learnerIds: Array<{ id: string; cohort: typeof english; person: DemoPerson }> = [];
  const amina: DemoPerson = { name: 'Amina Diallo', country: 'SN', timeZone: 'Africa/Dakar', languages: ['en', 'fr'] };
  await saveProfile(db, staff.learnerId, { languages: amina.languages, timeZone: amina.timeZone, availability: AVAILABILITY }, now);
  learnerIds.push({ id: staff.learnerId, cohort: english, person: amina });
  for (const p of LEARNERS) {
    const id = await person(db, `${slug(p.name)}@demo.accord.test`, p, 'learner', passwordParams);
    await saveProfile(db, id, { languages: p.languages, timeZone: p.timeZone, availability: AVAILABILITY.slice(0, 2) }, now);
    learnerIds.push({ id, cohort: p.languages[0] === 'fr' ? french : english, person: p });
  }
  for (const l of learnerIds) await enrol(db, l.cohort.id, l.id, 'manager', new Date(`${startsOn}T09:00:00Z`));
  const certified = learnerIds.find((l) => l.person.name === CERTIFIED_DEMO_LEARNER)!;
  // Everyone of the English cohort goes on to the next one.
  for (const l of learnerIds.filter((l) => l.cohort.id === english.id)) await enrol(db, next.id, l.id, 'manager', now);

  // Groups: two mentors per cohort, learners split between them.
  const inCohort = (c: typeof english) => learnerIds.filter((l) => l.cohort.id === c.id).map((l) => l.id);
  const en = inCohort(english);
  const fr = inCohort(french);
  const half = (ids: string[]) => Math.ceil(ids.length / 2);
  const groups = [
    { cohortId: english.id, mentorId: mentorIds[0]!, learnerIds: en.slice(0, half(en)) },
    { cohortId: english.id, mentorId: mentorIds[2]!, learnerIds: en.slice(half(en)) },
    { cohortId: french.id, mentorId: mentorIds[1]!, learnerIds: fr.slice(0, half(fr)) },
    { cohortId: french.id, mentorId: mentorIds[0]!, learnerIds: fr.slice(half(fr)) },
  ];
  for (const g of groups) await createGroup(db, { ...g, source: 'manual' }, new Date(`${startsOn}T10:00:00Z`));

  // Meetings from each cohort's weekly pattern; attendance for those already held.
  for (const c of [english, french]) {
    const row = (await cohortRow(db, c.id))!;
    const planned = occurrences({ ...c.pattern!, timeZone: c.timeZone }, c.startsOn, c.endsOn).map((o) => ({
      ...o,
      patternDate: utcToZoned(new Date(o.startsAt), c.timeZone).date,
    }));
    const { all } = await insertPatternMeetings(db, row, planned, c.locale === 'fr' ? 'Séance hebdomadaire' : 'Weekly session', staff.managerId, now);
    const held = all.filter((m) => Date.parse(m.startsAt) < now.getTime());
    for (const meeting of held) {
      const members = inCohort(c);
      const records = members.map((userId, i) => {
        // The last member of each cohort has missed the two most recent sessions (a "needs attention" case).
        const missedRecent = i === members.length - 1 && held.indexOf(meeting) >= held.length - 2;
        const r = random();
        if (userId === certified.id) return { userId, status: 'present' as const };
        return { userId, status: missedRecent ? ('absent' as const) : r < 0.85 ? ('present' as const) : r < 0.93 ? ('excused' as const) : ('absent' as const) };
      });
      const mentorId = groups.find((g) => g.cohortId === c.id)!.mentorId;
      await saveAttendance(db, meeting.id, records, mentorId, new Date(meeting.endsAt));
    }
  }

  // Progress: most learners part-way through, a few ahead, one idle for three weeks, one stuck on a quiz.
  for (const [i, l] of learnerIds.entries()) {
    const course = curriculum.course(l.cohort.courseId)!;
    const drawn = i === 0 ? 2 : Math.floor(random() * (course.lessons.length + 1));
    const done = l === certified ? course.lessons.length : drawn;
    const idle = i === 3;
    const events: ProgressEvent[] = [];
    for (let k = 0; k < done; k++) {
      const lesson = course.lessons[k]!;
      const day = idle ? today - 40 + k : today - 35 + Math.floor(((k + 1) * 33) / Math.max(done, 1));
      const occurredAt = `${daysToLocalDate(day)}T1${k % 10}:15:00Z`;
      events.push({ id: crypto.randomUUID(), type: 'lesson.completed', lessonId: lesson.id, locale: l.cohort.locale, occurredAt });
      const key = curriculum.manifest.quizKeys[lesson.id];
      if (key) events.push({ id: crypto.randomUUID(), type: 'quiz.submitted', lessonId: lesson.id, locale: l.cohort.locale, occurredAt, answers: key });
    }
    if (i === 5) {
      // Two failed attempts at the next lesson's quiz: answers that match no key.
      const lesson = course.lessons[Math.min(done, course.lessons.length - 1)]!;
      const wrong = Object.fromEntries(Object.keys(curriculum.manifest.quizKeys[lesson.id] ?? {}).map((q) => [q, 'none']));
      for (const d of [3, 2]) {
        events.push({
          id: crypto.randomUUID(),
          type: 'quiz.submitted',
          lessonId: lesson.id,
          locale: l.cohort.locale,
          occurredAt: `${daysToLocalDate(today - d)}T12:00:00Z`,
          answers: wrong,
        });
      }
    }
    if (events.length === 0) continue;
    // The demo's history is made to look weeks old, older than the accounts the seed just made.
    const prepared = prepareEvents(events, curriculum, l.id, now, new Date(0));
    if (!prepared.ok) throw new Error(`demo progress for ${l.person.name} refers to unknown lessons`);
    await appendAndRecompute(db, l.id, prepared.events, [...new Set(events.map((e) => e.lessonId))], now);
  }

  // Capstones: one waiting for review, one sent back with feedback (the demo learner's).
  const submitted = learnerIds[1]!;
  await insertCapstoneVersion(
    db,
    {
      userId: submitted.id,
      cohortId: submitted.cohort.id,
      courseId: submitted.cohort.courseId,
      text: 'Draft national position on a binding instrument for AI evaluation, with the ministries to consult and a timeline.',
      link: null,
    },
    new Date((today - 2) * 86_400_000),
  );
  const aminaDraft = await insertCapstoneVersion(
    db,
    {
      userId: staff.learnerId,
      cohortId: english.id,
      courseId: english.courseId,
      text: 'Brief for the minister: which commitments of a framework convention on AI Senegal could sign now, and which need new law.',
      link: null,
    },
    new Date((today - 6) * 86_400_000),
  );
  if (aminaDraft) {
    await reviewSubmission(
      db,
      aminaDraft,
      {
        status: 'changes_requested',
        feedback: 'A clear structure. Please say which existing law each commitment would rely on, and add the reservations you would propose.',
        reviewerId: staff.mentorId,
      },
      new Date((today - 4) * 86_400_000),
    );
  }

  // The certified learner: every lesson done (above), the final assessment passed a week ago, the
  // capstone approved; the app then issues the certificate as it would have on the day.
  await db.insert(assessmentAttempts).values({
    id: crypto.randomUUID(),
    userId: certified.id,
    courseId: certified.cohort.courseId,
    locale: 'en',
    score: 9,
    maxScore: 10,
    passed: true,
    ordinal: 1,
    answers: '{}',
    createdAt: new Date((today - 7) * 86_400_000 + 11 * 3_600_000).toISOString(),
  });
  const capstone = await insertCapstoneVersion(
    db,
    {
      userId: certified.id,
      cohortId: certified.cohort.id,
      courseId: certified.cohort.courseId,
      text: 'Options paper for Nigeria: joining the Council of Europe Framework Convention, with the reservations and the laws each commitment needs.',
      link: null,
    },
    new Date((today - 6) * 86_400_000),
  );
  if (capstone) {
    await reviewSubmission(
      db,
      capstone,
      { status: 'approved', feedback: 'Clear and well sourced. Approved.', reviewerId: staff.mentorId },
      new Date((today - 5) * 86_400_000),
    );
  }
  await award?.(certified.id, certified.cohort.courseId);
  return true;
}
