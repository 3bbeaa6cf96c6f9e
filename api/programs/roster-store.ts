import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { RosterRow } from '#core/roster/index.ts';
import type { Database } from '../db/client.ts';
import { users } from '../auth/tables.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import { cohortMembers, cohorts, invitations, programs } from './tables.ts';
import { invitationExpiry, planRoster, type RosterStatus } from './rules.ts';
import { type Cohort, seatsTaken, seatsTakenSql } from './store.ts';

/** Programs' SQL for roster imports and the invitations they send (the rest is in store.ts). */

type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

export interface RosterOutcome {
  line: number;
  email: string;
  status: RosterStatus;
  /** Only for `invited`, only in this answer: the database keeps the hash. */
  token?: string;
  userId?: string;
}

export type ImportResult = { ok: true; results: RosterOutcome[]; enrolledIds: string[] } | { ok: false; capacity: number; taken: number; requested: number };

/**
 * Imports rows (already validated) into a cohort: accounts are enrolled, unknown emails invited,
 * rows already done are reported as such. One batch, so the chunk is stored whole or not at all;
 * its last statement fails the batch if the seats taken would pass capacity (a concurrent join or
 * import included), and the answer is then `ok: false`.
 */
export async function importRoster(db: Database, cohort: Cohort, rows: readonly RosterRow[], invitedBy: string, now: Date): Promise<ImportResult> {
  const nowIso = now.toISOString();
  const emails = rows.map((r) => r.email);
  const [accounts, taken] = await Promise.all([
    db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails)),
    seatsTaken(db, cohort.id, now),
  ]);
  const accountIds = accounts.map((a) => a.id);
  const [members, pending] = await Promise.all([
    accountIds.length
      ? db
          .select({ userId: cohortMembers.userId })
          .from(cohortMembers)
          .where(and(eq(cohortMembers.cohortId, cohort.id), inArray(cohortMembers.userId, accountIds)))
      : Promise.resolve([]),
    db
      .select({ email: invitations.email })
      .from(invitations)
      .where(and(eq(invitations.cohortId, cohort.id), inArray(invitations.email, emails), isNull(invitations.acceptedAt), gt(invitations.expiresAt, nowIso))),
  ]);
  const plan = planRoster(rows, {
    userIdByEmail: new Map(accounts.map((a) => [a.email, a.id])),
    memberIds: new Set(members.map((m) => m.userId)),
    pendingEmails: new Set(pending.map((p) => p.email)),
  });

  const toEnrol = plan.filter((p) => p.status === 'enrolled');
  const toInvite = plan.filter((p) => p.status === 'invited');
  const requested = toEnrol.length + toInvite.length;
  const held = taken.members + taken.pendingInvitations;
  if (held + requested > cohort.capacity) return { ok: false, capacity: cohort.capacity, taken: held, requested };

  const tokens = new Map(toInvite.map((p) => [p.row, randomString(20)]));
  const results: RosterOutcome[] = plan.map((p) => ({
    line: p.row.line,
    email: p.row.email,
    status: p.status,
    ...(p.userId ? { userId: p.userId } : {}),
    ...(tokens.has(p.row) ? { token: tokens.get(p.row)! } : {}),
  }));
  if (requested === 0) return { ok: true, results, enrolledIds: [] };

  const expiresAt = invitationExpiry(now).toISOString();
  const statements: BatchItem<'sqlite'>[] = [];
  if (toEnrol.length) {
    statements.push(
      db
        .insert(cohortMembers)
        .values(toEnrol.map((p) => ({ cohortId: cohort.id, userId: p.userId!, source: 'import' as const, joinedAt: nowIso })))
        .onConflictDoNothing(),
      // An invitation sent before the person made an account themselves no longer holds a seat.
      db.delete(invitations).where(
        and(
          eq(invitations.cohortId, cohort.id),
          inArray(
            invitations.email,
            toEnrol.map((p) => p.row.email),
          ),
          isNull(invitations.acceptedAt),
        ),
      ),
    );
  }
  for (const p of toInvite) {
    const token = tokens.get(p.row)!;
    const details = { name: p.row.name, country: p.row.country ?? null, locale: p.row.locale ?? null, organisation: p.row.organisation ?? null };
    statements.push(
      db
        .insert(invitations)
        .values({
          id: crypto.randomUUID(),
          tokenHash: hashSecret(token),
          cohortId: cohort.id,
          email: p.row.email,
          ...details,
          invitedBy,
          createdAt: nowIso,
          expiresAt,
        })
        // An expired (or orphaned accepted) invitation for this email is renewed in place.
        .onConflictDoUpdate({
          target: [invitations.cohortId, invitations.email],
          set: { tokenHash: hashSecret(token), ...details, invitedBy, createdAt: nowIso, expiresAt, acceptedAt: null },
        }),
    );
  }
  // The guard: json() of a non-JSON string raises an error, which rolls the whole batch back.
  statements.push(db.run(sql`SELECT CASE WHEN ${seatsTakenSql(cohort.id, nowIso)} > ${cohort.capacity} THEN json('cohort capacity exceeded') END`));
  try {
    await db.batch(statements as Batch);
  } catch (error) {
    const after = await seatsTaken(db, cohort.id, now);
    const heldNow = after.members + after.pendingInvitations;
    if (heldNow + requested > cohort.capacity) return { ok: false, capacity: cohort.capacity, taken: heldNow, requested };
    throw error;
  }
  return { ok: true, results, enrolledIds: toEnrol.map((p) => p.userId!) };
}

export async function pendingInvitations(db: Database, cohortId: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, name: invitations.name, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.cohortId, cohortId), isNull(invitations.acceptedAt)))
    .orderBy(invitations.email);
}

export async function invitationByToken(db: Database, token: string) {
  const [row] = await db
    .select({ invitation: invitations, cohortName: cohorts.name, cohortLocale: cohorts.locale, programName: programs.name })
    .from(invitations)
    .innerJoin(cohorts, eq(cohorts.id, invitations.cohortId))
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(eq(invitations.tokenHash, hashSecret(token)));
  return row ? { ...row.invitation, cohortName: row.cohortName, cohortLocale: row.cohortLocale, programName: row.programName } : null;
}

/** Marks the invitation used, if it still is pending: only one of two simultaneous acceptances wins. */
export async function claimInvitation(db: Database, invitationId: string, now: Date): Promise<boolean> {
  const claimed = await db
    .update(invitations)
    .set({ acceptedAt: now.toISOString() })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now.toISOString())))
    .returning({ id: invitations.id });
  return claimed.length === 1;
}

/** Undoes a claim when the account could not be made, so the link still works for the right person. */
export async function releaseInvitation(db: Database, invitationId: string): Promise<void> {
  await db.update(invitations).set({ acceptedAt: null }).where(eq(invitations.id, invitationId));
}

/** The invitee's seat was held by the invitation, so no capacity check here. */
export async function enrolInvited(db: Database, cohortId: string, userId: string, now: Date): Promise<void> {
  await db.insert(cohortMembers).values({ cohortId, userId, source: 'invitation', joinedAt: now.toISOString() }).onConflictDoNothing();
}
