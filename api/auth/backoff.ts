// Back-off on password sign-in, per account and client address. The first FREE failures in a row
// cost nothing; each one after locks password sign-in for that account from that address for
// twice as long as the last, from FIRST_LOCK_MS up to MAX_LOCK_MS. While locked, sign-in answers
// 429 without checking the password, so guessing stops. A success clears the count, and it is
// forgotten a day after the last failure. Keyed by address too, so someone guessing elsewhere
// cannot lock the owner out from the owner's own network; guessing spread over many addresses is
// slowed by the per-address limit (rate-limit.ts). Unknown e-mails are counted like known ones,
// so the answers never tell whether an account exists.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { signInFailures } from './tables.ts';

export const BACKOFF = { free: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 24 * 3600_000 } as const;

/** How long sign-in stays locked after the n-th failure in a row. */
export function lockFor(failures: number): number {
  if (failures <= BACKOFF.free) return 0;
  return Math.min(BACKOFF.maxLockMs, BACKOFF.firstLockMs * 2 ** (failures - BACKOFF.free - 1));
}

const key = (account: string, address: string) => and(eq(signInFailures.account, account), eq(signInFailures.address, address));

/** When the lock on this account from this address ends, or null if it is not locked. */
export async function lockedUntil(db: Database, account: string, address: string, now: Date): Promise<Date | null> {
  const [row] = await db.select({ lockedUntil: signInFailures.lockedUntil }).from(signInFailures).where(key(account, address));
  if (!row?.lockedUntil) return null;
  const until = new Date(row.lockedUntil);
  return until > now ? until : null;
}

/** Counts one more failure and sets the lock it earns. */
export async function recordFailure(db: Database, account: string, address: string, now: Date): Promise<void> {
  const [row] = await db.select().from(signInFailures).where(key(account, address));
  const fresh = !row || now.getTime() - Date.parse(row.lastFailureAt) > BACKOFF.forgetAfterMs;
  const failures = fresh ? 1 : row.failures + 1;
  const lock = lockFor(failures);
  const values = { failures, lastFailureAt: now.toISOString(), lockedUntil: lock ? new Date(now.getTime() + lock).toISOString() : null };
  await db
    .insert(signInFailures)
    .values({ account, address, ...values })
    .onConflictDoUpdate({ target: [signInFailures.account, signInFailures.address], set: values });
}

export async function clearFailures(db: Database, account: string, address: string): Promise<void> {
  await db.delete(signInFailures).where(key(account, address));
}
