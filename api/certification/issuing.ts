import { buildBadge } from '#core/credentials/badge.ts';
import { type IssuerKey, issuerDid } from '#core/credentials/keys.ts';
import { signCredential } from '#core/credentials/sign.ts';
import { buildStatusList, emptyStatusList, pickFreeIndex, STATUS_LIST_SIZE, withBit } from '#core/credentials/status-list.ts';
import { DEFAULT_LOCALE } from '#core/locales.ts';
import type { AppDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { notify } from '../notifications/store.ts';
import { criteriaNarrative } from './criteria.ts';
import { type Evaluation, evaluateCourse } from './rules.ts';
import {
  type CredentialRow,
  cohortFacts,
  credentialOf,
  insertCredential,
  lessonsDone,
  passedAssessment,
  revokedIndexes,
  holderById,
  saveStatusList,
  storedStatusList,
  takenStatusIndexes,
} from './store.ts';

/**
 * Issuing, the one place that turns "earned" into a signed credential, and keeps the two signed
 * status lists in step with the credentials' states. Routes and the events that can complete a
 * course (a passed assessment, a completed lesson, an approved capstone, recorded attendance)
 * call `awardIfEarned`; it is idempotent, so calling it too often costs a few queries, not a copy.
 */

/** The platform's signing identity: the current key signs; previous keys stay in the DID document. */
export interface IssuerConfig {
  key: Required<IssuerKey>;
  previous: IssuerKey[];
  name: string;
}

type Deps = Pick<Required<AppDeps>, 'db' | 'curriculum' | 'publicOrigin' | 'clock'> & { issuer?: IssuerConfig };
type Holder = NonNullable<Awaited<ReturnType<typeof holderById>>>;

export const credentialUrl = (origin: string, id: string) => `${origin}/api/public/credentials/${id}`;
export const statusListUrl = (origin: string) => `${origin}/api/public/status-lists/revocation`;
export const verifyPageUrl = (origin: string, locale: string, id: string) => `${origin}/${locale}/verify/${id}/`;

function courseOf(deps: Deps, courseId: string) {
  const course = deps.curriculum.course(courseId);
  if (!course) throw new ApiError(404, 'not_found', 'No such course.');
  return course;
}

export async function evaluate(deps: Deps, userId: string, courseId: string): Promise<Evaluation> {
  const course = courseOf(deps, courseId);
  const hasAssessment = deps.curriculum.manifest.assessments[courseId] !== undefined;
  const lessonIds = course.lessons.map((l) => l.id);
  const [done, passed, cohorts] = await Promise.all([
    lessonsDone(deps.db, userId, courseId, lessonIds),
    hasAssessment ? passedAssessment(deps.db, userId, courseId) : Promise.resolve(null),
    cohortFacts(deps.db, userId, courseId),
  ]);
  return evaluateCourse({ lessonsTotal: lessonIds.length, lessonsDone: done, assessmentPassed: passed, hasCapstone: course.hasCapstone, cohorts });
}

/** Issues the learner's certificate for the course if every requirement is met and none exists yet. */
export async function awardIfEarned(deps: Deps, userId: string, courseId: string): Promise<CredentialRow | undefined> {
  // Every synced lesson completion comes through here: one query settles the usual case, a course not finished.
  const lessonIds = courseOf(deps, courseId).lessons.map((l) => l.id);
  if ((await lessonsDone(deps.db, userId, courseId, lessonIds)) < lessonIds.length) return undefined;
  const existing = await credentialOf(deps.db, userId, courseId);
  if (existing) return existing;
  const evaluation = await evaluate(deps, userId, courseId);
  if (!evaluation.earned || !deps.issuer) return undefined;
  const holder = await holderById(deps.db, userId);
  if (!holder) return undefined;
  const { row, fresh } = await issue(deps, { holder, courseId, cohortId: evaluation.cohortId });
  // Two completions racing make one credential and one notification: only the insert that won tells.
  if (fresh) await notify(deps.db, [userId], 'credential.issued', { credentialId: row.id, courseId }, deps.clock());
  return row;
}

/**
 * For the events that may complete a course: award what is due, and never let a failure to sign
 * undo what the learner just did (their answers or progress are already stored; the next look at
 * the certificate tries again).
 */
export async function awardAfter(deps: Deps & Pick<Required<AppDeps>, 'log'>, userIds: readonly string[], courseId: string): Promise<void> {
  for (const userId of new Set(userIds)) {
    try {
      await awardIfEarned(deps, userId, courseId);
    } catch (error) {
      deps.log('error', 'certificate not issued', { userId, courseId, error: String(error) });
    }
  }
}

/** Issues by hand (a manager, for a programme completed offline): audited with the reason. */
export async function issueByHand(deps: Deps, o: { holder: Holder; courseId: string; cohortId: string; actorId: string; reason: string }) {
  const { row } = await issue(deps, { holder: o.holder, courseId: o.courseId, cohortId: o.cohortId, byHand: { actorId: o.actorId, reason: o.reason } });
  await notify(deps.db, [o.holder.id], 'credential.issued', { credentialId: row.id, courseId: o.courseId }, deps.clock());
  return row;
}

async function issue(
  deps: Deps,
  o: { holder: Holder; courseId: string; cohortId: string | null; byHand?: { actorId: string; reason: string } },
): Promise<{ row: CredentialRow; fresh: boolean }> {
  const issuer = deps.issuer;
  if (!issuer) throw new ApiError(503, 'unavailable', 'This server has no credential signing key (ISSUER_KEY), so it cannot issue certificates.');
  const course = courseOf(deps, o.courseId);
  const origin = deps.publicOrigin;
  const did = issuerDid(origin);
  const locale = course.text[o.holder.locale] ? o.holder.locale : DEFAULT_LOCALE;
  const text = course.text[locale]!;
  const bank = deps.curriculum.manifest.assessments[o.courseId]?.[locale] ?? deps.curriculum.manifest.assessments[o.courseId]?.[DEFAULT_LOCALE];
  const facts = o.cohortId ? (await cohortFacts(deps.db, o.holder.id, o.courseId)).find((c) => c.cohortId === o.cohortId) : undefined;
  const criteria = criteriaNarrative(locale, {
    lessons: course.lessons.length,
    passPercent: bank ? Math.round(bank.passMark * 100) : null,
    cohort: facts ? { capstone: course.hasCapstone, attendancePercent: facts.requiredPercent } : null,
    byHand: o.byHand !== undefined,
  });
  // A random free index, so the public lists say nothing about who was issued when; retried if
  // a concurrent issue takes the same one first.
  for (let tries = 0; tries < 5; tries++) {
    const taken = await takenStatusIndexes(deps.db);
    if (taken.size >= STATUS_LIST_SIZE)
      throw new ApiError(503, 'unavailable', 'The status list is full; a new list is needed before more certificates can be issued.');
    const index = pickFreeIndex((i) => taken.has(i));
    const id = crypto.randomUUID().replaceAll('-', '');
    const now = deps.clock();
    const unsigned = await buildBadge({
      id: credentialUrl(origin, id),
      issuer: { did, name: issuer.name, url: origin },
      achievement: {
        id: `${origin}/${locale}/courses/${o.courseId}/`,
        name: text.title,
        description: text.summary,
        criteria,
        outcomes: text.outcomes,
        language: locale,
      },
      holder: { email: o.holder.email, salt: crypto.randomUUID().replaceAll('-', ''), name: o.holder.name },
      validFrom: now,
      // One entry, as OB 3.0 allows (0..1): the revocation list; a suspension is stated at the credential's /status (decision 016).
      status: { index, revocationList: statusListUrl(origin) },
    });
    const signed = await signCredential(unsigned, issuer.key, did, now);
    const row = {
      id,
      userId: o.holder.id,
      courseId: o.courseId,
      cohortId: o.cohortId,
      locale,
      statusIndex: index,
      issuedAt: now.toISOString(),
      issuedBy: o.byHand?.actorId ?? null,
      issueReason: o.byHand?.reason ?? null,
      document: JSON.stringify(signed),
    };
    const outcome = await insertCredential(deps.db, row, o.byHand);
    if (outcome === 'inserted') return { row: { ...row, state: 'active', stateChangedAt: null, stateReason: null, stateChangedBy: null }, fresh: true };
    if (outcome === 'exists') {
      if (o.byHand) throw new ApiError(409, 'conflict', 'This learner already has a certificate for this course.');
      return { row: (await credentialOf(deps.db, o.holder.id, o.courseId))!, fresh: false };
    }
  }
  throw new ApiError(503, 'unavailable', 'Could not find a free status index; try again.');
}

/** Re-signs the revocation list from the credentials' states and stores it. */
export async function publishStatusList(deps: Deps): Promise<string> {
  const purpose = 'revocation';
  const issuer = deps.issuer;
  if (!issuer) throw new ApiError(503, 'unavailable', 'This server has no credential signing key (ISSUER_KEY).');
  let bits = emptyStatusList();
  for (const i of await revokedIndexes(deps.db)) bits = withBit(bits, i, true);
  const now = deps.clock();
  const did = issuerDid(deps.publicOrigin);
  const unsigned = await buildStatusList({ url: statusListUrl(deps.publicOrigin), issuerDid: did, purpose, bits, validFrom: now });
  const document = JSON.stringify(await signCredential(unsigned, issuer.key, did, now));
  await saveStatusList(deps.db, document, now.toISOString());
  return document;
}

/** The signed revocation list as published; made on first request. */
export async function statusListDocument(deps: Deps): Promise<string> {
  return (await storedStatusList(deps.db)) ?? publishStatusList(deps);
}
