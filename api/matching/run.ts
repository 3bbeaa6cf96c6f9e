// One matching run, start to finish, outside the request that started it: read the cohort, build
// the engine's input, solve, store the proposals. Progress is written to the run as it goes, so
// the manager's page can show it; a failure is stored on the run with its message.
import type { Database } from '../db/client.ts';
import { match } from './engine.ts';
import { prepareRun } from './input.ts';
import { proposalsFrom } from './input.ts';
import { cohortSnapshot, failRun, finishRun, type RunRow, setRunProgress } from './store.ts';

export async function executeRun(db: Database, run: RunRow, clock: () => Date, log?: (message: string, data: Record<string, unknown>) => void): Promise<void> {
  try {
    await setRunProgress(db, run.id, 'candidates', 0);
    const snapshot = await cohortSnapshot(db, run.cohortId);
    if (!snapshot) throw new Error('The cohort no longer exists.');
    const prepared = prepareRun(snapshot, run.mode, run.scope);
    await setRunProgress(db, run.id, 'solving', 0.1);
    // The engine is synchronous; its progress is kept for the final write rather than awaited mid-solve.
    const result = match(prepared.input);
    await setRunProgress(db, run.id, 'saving', 0.9);
    const proposals = proposalsFrom(result, prepared.kept);
    await finishRun(db, run.id, { totals: result.totals, greedy: result.greedy, optimal: result.optimal, stats: result.stats }, proposals, clock(), (f) =>
      setRunProgress(db, run.id, 'saving', 0.9 + 0.1 * f),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log?.('matching run failed', { runId: run.id, message });
    await failRun(db, run.id, message, clock()).catch(() => {});
  }
}
