/**
 * When a course certificate is earned, without Hono or drizzle. A course is complete when every
 * lesson is complete and the final assessment is passed; a learner in a cohort of the course also
 * needs the capstone approved by a mentor and the program's share of recorded sessions attended.
 */

export type CapstoneState = 'none' | 'submitted' | 'changes_requested' | 'approved';

export type Requirement =
  | { kind: 'lessons'; met: boolean; done: number; total: number }
  | { kind: 'assessment'; met: boolean }
  | { kind: 'capstone'; met: boolean; state: CapstoneState }
  | { kind: 'attendance'; met: boolean; required: number; percent: number | null; recorded: number };

export interface CohortFacts {
  cohortId: string;
  capstone: CapstoneState;
  /** Recorded sessions of the cohort (its own and the learner's group's), not cancelled; excused ones are left out. */
  present: number;
  absent: number;
  /** The program's rule, in percent of recorded sessions. */
  requiredPercent: number;
}

export interface CourseFacts {
  lessonsTotal: number;
  lessonsDone: number;
  /** Null when the course has no final assessment. */
  assessmentPassed: boolean | null;
  hasCapstone: boolean;
  /** The learner's cohorts of this course; empty for self-study. */
  cohorts: CohortFacts[];
}

export interface Evaluation {
  earned: boolean;
  /** The cohort whose rules apply (the one closest to done), or null for self-study. */
  cohortId: string | null;
  requirements: Requirement[];
}

/** Attendance as a whole percent of recorded sessions; null when none was recorded yet. */
export function attendancePercent(present: number, absent: number): number | null {
  const recorded = present + absent;
  return recorded === 0 ? null : Math.floor((100 * present) / recorded);
}

function cohortRequirements(facts: CourseFacts, cohort: CohortFacts): Requirement[] {
  const percent = attendancePercent(cohort.present, cohort.absent);
  const list: Requirement[] = [];
  if (facts.hasCapstone) list.push({ kind: 'capstone', met: cohort.capstone === 'approved', state: cohort.capstone });
  // No session recorded is no absence: a cohort that does not take attendance does not block.
  list.push({
    kind: 'attendance',
    met: percent === null || percent >= cohort.requiredPercent,
    required: cohort.requiredPercent,
    percent,
    recorded: cohort.present + cohort.absent,
  });
  return list;
}

export function evaluateCourse(facts: CourseFacts): Evaluation {
  const common: Requirement[] = [
    { kind: 'lessons', met: facts.lessonsTotal > 0 && facts.lessonsDone >= facts.lessonsTotal, done: facts.lessonsDone, total: facts.lessonsTotal },
  ];
  if (facts.assessmentPassed !== null) common.push({ kind: 'assessment', met: facts.assessmentPassed });
  const options: Array<{ cohortId: string | null; requirements: Requirement[] }> = facts.cohorts.length
    ? facts.cohorts.map((cohort) => ({ cohortId: cohort.cohortId, requirements: [...common, ...cohortRequirements(facts, cohort)] }))
    : [{ cohortId: null, requirements: common }];
  const metCount = (o: (typeof options)[number]) => o.requirements.filter((r) => r.met).length;
  const best = options.reduce((a, b) => (metCount(b) > metCount(a) ? b : a));
  return { earned: best.requirements.every((r) => r.met), cohortId: best.cohortId, requirements: best.requirements };
}
