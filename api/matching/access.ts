import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { matchRuns } from './tables.ts';

/** The cohort a matching run belongs to (the policy checks its managers), or null. */
export async function cohortOfRun(db: Database, runId: string): Promise<string | null> {
  const [row] = await db.select({ cohortId: matchRuns.cohortId }).from(matchRuns).where(eq(matchRuns.id, runId));
  return row?.cohortId ?? null;
}
