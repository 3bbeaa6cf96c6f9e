import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { managesCohort } from '../programs/access.ts';
import { credentials } from './tables.ts';

/**
 * A certificate is in a manager's reach when it was earned in a cohort of a program they manage.
 * One earned in self-study belongs to no program: only an admin may change it.
 */
export async function managesCredential(db: Database, actorId: string, credentialId: string): Promise<boolean> {
  const [row] = await db.select({ cohortId: credentials.cohortId }).from(credentials).where(eq(credentials.id, credentialId));
  return row?.cohortId != null && managesCohort(db, actorId, row.cohortId);
}
