// Pure rules of programs and cohorts: no Hono, no drizzle. The store and the routes both use them.
import { regionCovers } from '#core/regions/index.ts';

// ---- join codes ---------------------------------------------------------------------------------

/** Digits and capitals without the look-alikes 0/O, 1/I/L, so a code read aloud or off a slide survives. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 8;
const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** A fresh code, stored form (upper case, no dash). Rejection sampling keeps every character equally likely. */
export function newJoinCode(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const size = JOIN_CODE_ALPHABET.length;
  const ceiling = 256 - (256 % size);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const byte of randomBytes(JOIN_CODE_LENGTH * 2)) {
      if (byte >= ceiling) continue;
      code += JOIN_CODE_ALPHABET[byte % size];
      if (code.length === JOIN_CODE_LENGTH) break;
    }
  }
  return code;
}

/** What a person typed ("k7qx-m2pd", "K7QX M2PD") in stored form, or null when it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
  const code = input.replace(/[\s\-‐-―]/g, '').toUpperCase();
  return JOIN_CODE_PATTERN.test(code) ? code : null;
}

/** How a code is shown: two groups of four, `K7QX-M2PD`. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

// ---- dates and capacity ---------------------------------------------------------------------------

/** Both are YYYY-MM-DD, so string order is calendar order; a one-day program is fine. */
export function datesInOrder(startsOn: string, endsOn: string): boolean {
  return startsOn <= endsOn;
}

export const MAX_COHORT_CAPACITY = 10_000;

/** Seats are held by members and by invitations not yet accepted (and not expired). */
export function seatsLeft(capacity: number, members: number, pendingInvitations: number): number {
  return Math.max(0, capacity - members - pendingInvitations);
}

// ---- regions --------------------------------------------------------------------------------------

/** The requested regions that none of `mine` contains (empty: all of them lie within mine). */
export function regionsOutside(mine: readonly string[], requested: readonly string[]): string[] {
  return requested.filter((region) => !mine.some((outer) => regionCovers(outer, region)));
}

/**
 * A manager reaches a program while one of its regions lies within one of theirs: the same rule
 * as the `program` scope (access.ts), used when naming a co-manager.
 */
export function reachesProgram(managerRegions: readonly string[], programRegions: readonly string[]): boolean {
  return programRegions.some((region) => managerRegions.some((outer) => regionCovers(outer, region)));
}

// ---- invitations ----------------------------------------------------------------------------------

export const INVITATION_DAYS = 14;

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
}

/** The secret goes in the fragment, which browsers never send, so it stays out of server and proxy logs. */
export function invitationLink(publicOrigin: string, locale: string, token: string): string {
  return `${publicOrigin.replace(/\/+$/, '')}/${locale}/invitation/#${token}`;
}

export type InvitationState = 'pending' | 'expired' | 'accepted';

export function invitationState(invitation: { expiresAt: string; acceptedAt: string | null }, now: Date): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  return invitation.expiresAt <= now.toISOString() ? 'expired' : 'pending';
}

// ---- roster import --------------------------------------------------------------------------------

export type RosterStatus = 'enrolled' | 'invited' | 'already-member' | 'already-invited';

/**
 * What importing each row does, given who already has an account, who is already a member and
 * who already holds a pending invitation. Importing the same rows again decides "already-…"
 * for each, which is what makes the import idempotent.
 */
export function planRoster<R extends { email: string }>(
  rows: readonly R[],
  known: { userIdByEmail: ReadonlyMap<string, string>; memberIds: ReadonlySet<string>; pendingEmails: ReadonlySet<string> },
): Array<{ row: R; status: RosterStatus; userId: string | null }> {
  return rows.map((row) => {
    const userId = known.userIdByEmail.get(row.email) ?? null;
    if (userId) return { row, userId, status: known.memberIds.has(userId) ? 'already-member' : 'enrolled' };
    return { row, userId, status: known.pendingEmails.has(row.email) ? 'already-invited' : 'invited' };
  });
}

// ---- attendance -----------------------------------------------------------------------------------

/** Present over present + absent; excused absences do not count against the cohort. Null before any record. */
export function attendanceRate(present: number, absent: number): number | null {
  const counted = present + absent;
  return counted === 0 ? null : Math.round((present / counted) * 1000) / 1000;
}

// ---- wrong join codes -----------------------------------------------------------------------------

export interface WindowRule {
  limit: number;
  windowMs: number;
}

/** Wrong join codes a person may try per window before even the right one is refused for a while. */
export const WRONG_CODE_RULE: WindowRule = { limit: 10, windowMs: 15 * 60 * 1000 };

/**
 * Fixed windows counted in memory, per key (a user id). Kept in memory like the sign-in limiter:
 * per process on Node, per isolate on Workers, where it only slows guessing down (the per-address
 * limit and 31^8 possible codes are the real fence).
 */
export class WindowCounter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #rule: WindowRule;

  constructor(rule: WindowRule) {
    this.#rule = rule;
  }

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string, nowMs: number): number {
    const window = this.#windows.get(key);
    if (!window || nowMs - window.start >= this.#rule.windowMs || window.count < this.#rule.limit) return 0;
    return Math.max(1, Math.ceil((window.start + this.#rule.windowMs - nowMs) / 1000));
  }

  record(key: string, nowMs: number): void {
    let window = this.#windows.get(key);
    if (!window || nowMs - window.start >= this.#rule.windowMs) {
      window = { start: nowMs, count: 0 };
      this.#windows.set(key, window);
      if (this.#windows.size > 10_000) for (const [k, w] of this.#windows) if (nowMs - w.start >= this.#rule.windowMs) this.#windows.delete(k);
    }
    window.count += 1;
  }
}
