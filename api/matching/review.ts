// What the manager reviews and approves: a run's proposals grouped by mentor, one learner's
// override checked against the same rules the engine used, and the plan an approval writes.
// Plain TypeScript: no Hono, no drizzle.
import { patternMeetings } from '../mentoring/rules.ts';
import { slotKey } from '../profiles/rules.ts';
import type { SnapshotData } from './input.ts';
import { hardBlocker, scorePlacement } from './scoring.ts';
import type { Blocker, MatchInput, Reason } from './types.ts';

export interface ProposalRecord {
  learnerId: string;
  mentorId: string | null;
  slotId: string | null;
  language: string | null;
  score: number;
  reasons: string;
  blocker: string | null;
  remaining: string | null;
  kept: number;
  overriddenBy: string | null;
}

export interface RunRecord {
  id: string;
  mode: 'group' | 'one-to-one';
  scope: 'changes' | 'full';
}

type Snapshot = SnapshotData & { cohort: SnapshotData['cohort'] & { name: string; programId: string; timeZone: string } };

const parse = <T>(json: string | null, fallback: T): T => {
  if (!json) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

/** Proposals grouped by mentor (every available mentor listed, so the page can offer them), then the unmatched. */
export function runView(snapshot: Snapshot, run: RunRecord, proposals: readonly ProposalRecord[]) {
  const people = new Map([...snapshot.learners, ...snapshot.mentors].map((p) => [p.user.id, p]));
  const incomplete = new Set(snapshot.learners.filter((p) => !p.profile.timeZone || p.profile.availability.length === 0).map((p) => p.user.id));
  const shown = (p: ProposalRecord) => {
    const person = people.get(p.learnerId);
    return {
      learner: { id: p.learnerId, name: person?.user.name ?? '', country: person?.user.country ?? null },
      mentorId: p.mentorId,
      slotId: p.slotId,
      language: p.language,
      score: p.score,
      reasons: parse<Reason[]>(p.reasons, []),
      blocker: (p.blocker as Blocker | null) ?? null,
      remaining: parse<Record<string, number> | null>(p.remaining, null),
      kept: p.kept === 1,
      overridden: p.overriddenBy !== null,
      incompleteProfile: incomplete.has(p.learnerId),
    };
  };
  const byMentor = new Map<string, ProposalRecord[]>();
  for (const p of proposals) if (p.mentorId) byMentor.set(p.mentorId, [...(byMentor.get(p.mentorId) ?? []), p]);
  const mentors = snapshot.mentors
    .filter((m) => m.mentorProfile || byMentor.has(m.user.id))
    .map((m) => {
      const tz = m.profile.timeZone;
      const busy = snapshot.busyElsewhere.get(m.user.id);
      const slots = run.mode === 'group' && tz ? (m.mentorProfile?.groupSlots ?? []).filter((s) => !busy?.slotIds.has(slotKey(s))) : [];
      return {
        id: m.user.id,
        name: m.user.name,
        country: m.user.country,
        timeZone: tz,
        capacity: Math.max(0, (m.mentorProfile?.capacity ?? 0) - (busy?.mentees ?? 0)),
        slots: slots.map((s) => ({
          id: slotKey(s),
          weekday: s.weekday,
          start: s.start,
          minutes: s.minutes,
          size: s.size,
          startsAt:
            patternMeetings(
              { weekday: s.weekday, time: s.start, durationMinutes: s.minutes, timeZone: tz! },
              snapshot.cohort.startsOn,
              snapshot.cohort.endsOn,
            )[0]?.startsAt ?? null,
        })),
        learners: (byMentor.get(m.user.id) ?? []).map(shown),
      };
    })
    .sort((a, b) => b.learners.length - a.learners.length || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    cohort: {
      id: snapshot.cohort.id,
      name: snapshot.cohort.name,
      locale: snapshot.cohort.locale,
      courseId: snapshot.cohort.courseId,
      programId: snapshot.cohort.programId,
    },
    mentors,
    unmatched: proposals.filter((p) => !p.mentorId).map(shown),
  };
}

const BLOCKER_MESSAGES: Record<Blocker, string> = {
  'no-mentors': 'That mentor is not available to this cohort.',
  language: 'The learner and this mentor share none of the cohort’s working languages.',
  'conflict-of-interest': 'This mentor works for the learner’s own organisation (conflict of interest).',
  'same-country': 'This program does not pair learners with mentors from their own country.',
  time: 'The meeting time is outside the learner’s weekly availability.',
  capacity: 'That mentor (or slot) has no place left.',
};

export type PlacementCheck =
  | { ok: true; slotId: string | null; language: string | null; score: number; reasons: Reason[]; blocker: null }
  | { ok: false; blocker: Blocker; message: string };

/**
 * Can `learnerId` go to `mentorId` (and `slotId`), given the run's other proposals? The hard
 * constraints and the score are the engine's own (scoring.ts); capacity counts the other
 * proposals. `mentorId` null takes the learner out of every group (always allowed).
 */
export function placementCheck(
  input: MatchInput,
  proposals: readonly ProposalRecord[],
  learnerId: string,
  mentorId: string | null,
  slotId: string | null,
): PlacementCheck {
  if (mentorId === null) return { ok: true, slotId: null, language: null, score: 0, reasons: [], blocker: null };
  const learner = input.learners.find((l) => l.id === learnerId);
  const mentor = input.mentors.find((m) => m.id === mentorId);
  const fail = (blocker: Blocker): PlacementCheck => ({ ok: false, blocker, message: BLOCKER_MESSAGES[blocker] });
  if (!learner || !mentor) return fail('no-mentors');
  const group = input.rules.mode === 'group';
  const slot = group ? mentor.slots.find((s) => s.id === slotId) : undefined;
  if (group && !slot) return { ok: false, blocker: 'time', message: 'Choose one of this mentor’s weekly slots.' };
  const blocker = hardBlocker(input.rules, learner, mentor, slot ?? null);
  if (blocker) return fail(blocker);
  const others = proposals.filter((p) => p.learnerId !== learnerId && p.mentorId === mentorId);
  if (others.length >= mentor.capacity) return fail('capacity');
  if (slot && others.filter((p) => p.slotId === slot.id).length >= slot.size) return fail('capacity');
  const placed = scorePlacement(input.rules, learner, mentor, slot ?? null, others.length + 1);
  return { ok: true, slotId: slot?.id ?? null, language: placed.language, score: placed.score, reasons: placed.reasons, blocker: null };
}

export interface ApprovalNotice {
  userIds: string[];
  data: Record<string, unknown>;
}

/**
 * What approving writes. Scope `changes`: kept pairs stay; everyone else with a mentor joins that
 * mentor's group for the slot (made if missing, with a weekly meeting over the cohort's remaining
 * dates). Scope `full`: everyone proposed leaves their current group first. Stale when a learner
 * the run would place was put in a group by hand after the run.
 */
export function approvalPlan(snapshot: Snapshot, run: RunRecord, proposals: readonly ProposalRecord[], today: string) {
  const groupOf = new Map<string, { id: string; mentorId: string; slotId: string }>();
  for (const g of snapshot.groups) for (const l of g.learnerIds) groupOf.set(l, g);
  const currentMentors = new Set(snapshot.mentors.map((m) => m.user.id));
  const moving = proposals.filter((p) => p.kept === 0);
  if (run.scope === 'changes') {
    const stale = moving.filter((p) => {
      const g = groupOf.get(p.learnerId);
      return g && currentMentors.has(g.mentorId);
    }).length;
    if (stale > 0) return { stale } as const;
  }
  const removals = moving.filter((p) => groupOf.has(p.learnerId)).map((p) => p.learnerId);
  const removed = new Set(removals);
  const placed = moving.filter((p) => p.mentorId && groupOf.get(p.learnerId)?.mentorId !== p.mentorId);
  const wanted = new Map<string, { mentorId: string; slotId: string; learnerIds: string[] }>();
  for (const p of moving) {
    if (!p.mentorId) continue;
    const slotId = run.mode === 'group' ? (p.slotId ?? '') : '';
    const key = `${p.mentorId}|${slotId}`;
    const entry = wanted.get(key) ?? { mentorId: p.mentorId, slotId, learnerIds: [] };
    entry.learnerIds.push(p.learnerId);
    wanted.set(key, entry);
  }
  const mentorById = new Map(snapshot.mentors.map((m) => [m.user.id, m]));
  const newGroups = [];
  const additions = [];
  for (const w of wanted.values()) {
    const existing = snapshot.groups.find((g) => g.mentorId === w.mentorId && g.slotId === w.slotId);
    if (existing) {
      additions.push({ groupId: existing.id, learnerIds: w.learnerIds });
      continue;
    }
    const mentor = mentorById.get(w.mentorId);
    const slot = mentor?.mentorProfile?.groupSlots.find((s) => slotKey(s) === w.slotId);
    const tz = mentor?.profile.timeZone;
    const from = today > snapshot.cohort.startsOn ? today : snapshot.cohort.startsOn;
    const meetings =
      slot && tz && from <= snapshot.cohort.endsOn
        ? patternMeetings({ weekday: slot.weekday, time: slot.start, durationMinutes: slot.minutes, timeZone: tz }, from, snapshot.cohort.endsOn)
        : [];
    newGroups.push({ id: crypto.randomUUID(), ...w, meetings });
  }
  const receiving = new Set(additions.map((a) => a.groupId));
  const emptiedGroupIds = snapshot.groups
    .filter((g) => g.source === 'matching' && !receiving.has(g.id) && g.learnerIds.length > 0 && g.learnerIds.every((l) => removed.has(l)))
    .map((g) => g.id);
  const notices: ApprovalNotice[] = [];
  const cohortData = { cohortId: snapshot.cohort.id, cohortName: snapshot.cohort.name };
  const placedIds = new Set(placed.map((p) => p.learnerId));
  for (const w of wanted.values()) {
    const told = w.learnerIds.filter((l) => placedIds.has(l));
    if (told.length === 0) continue;
    const mentor = mentorById.get(w.mentorId);
    const groupId =
      newGroups.find((g) => g.mentorId === w.mentorId && g.slotId === w.slotId)?.id ??
      snapshot.groups.find((g) => g.mentorId === w.mentorId && g.slotId === w.slotId)?.id;
    notices.push({ userIds: told, data: { ...cohortData, mentorName: mentor?.user.name ?? '' } });
    notices.push({ userIds: [w.mentorId], data: { ...cohortData, role: 'mentor', groupId } });
  }
  return {
    apply: { newGroups, additions, removals, emptiedGroupIds, meetingTitle: snapshot.cohort.name },
    placed: placed.length,
    notices,
  } as const;
}
