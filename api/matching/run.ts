// One matching run, start to finish, outside the request that started it: read the cohort, build
// the engine's input, solve, store the proposals. Progress is written to the run as it goes, so
// the manager's page can show it; a failure is stored on the run with its message. A program-wide
// batch runs its cohorts' runs in turn (executeBatch).
import type { Database } from '../db/client.ts';
import { prepareRun, proposalsFrom } from './input.ts';
import { runFraction, type MatchSolver } from './solver.ts';
import { cohortSnapshot, failRun, finishRun, type RunRow, setRunProgress } from './store.ts';

/**
 * Writes a run's progress one write at a time, and only when its whole percentage moves: a solve
 * reports often, and a slow database must not queue a write per report. flush() waits for the last.
 */
function progressWriter(db: Database, runId: string) {
  let written = '';
  let wanted: { phase: string; fraction: number } | null = null;
  let writing: Promise<void> | null = null;
  const pump = async () => {
    while (wanted) {
      const next = wanted;
      wanted = null;
      await setRunProgress(db, runId, next.phase, next.fraction);
    }
    writing = null;
  };
  return {
    report(phase: string, fraction: number) {
      const key = `${phase}:${Math.round(fraction * 100)}`;
      if (key === written) return;
      written = key;
      wanted = { phase, fraction };
      writing ??= pump();
    },
    async flush() {
      while (writing) await writing;
    },
  };
}

export async function executeRun(
  db: Database,
  run: RunRow,
  clock: () => Date,
  solve: MatchSolver,
  log?: (message: string, data: Record<string, unknown>) => void,
): Promise<void> {
  const progress = progressWriter(db, run.id);
  try {
    await setRunProgress(db, run.id, 'candidates', 0);
    const snapshot = await cohortSnapshot(db, run.cohortId, run.batchId);
    if (!snapshot) throw new Error('The cohort no longer exists.');
    const prepared = prepareRun(snapshot, run.mode, run.scope);
    const result = await solve(prepared.input, (phase, fraction) => progress.report(phase, runFraction(phase, fraction)));
    await progress.flush();
    await setRunProgress(db, run.id, 'saving', 0.9);
    const proposals = proposalsFrom(result, prepared.kept);
    await finishRun(db, run.id, { totals: result.totals, greedy: result.greedy, optimal: result.optimal, stats: result.stats }, proposals, clock(), (f) =>
      setRunProgress(db, run.id, 'saving', 0.9 + 0.1 * f),
    );
  } catch (error) {
    await progress.flush().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    log?.('matching run failed', { runId: run.id, message });
    await failRun(db, run.id, message, clock()).catch(() => {});
  }
}

/**
 * A program-wide batch: its cohorts' runs one after another, earliest start first, so each sees
 * the places and slots the ones before it were proposed (cohortSnapshot). Each run is exact and
 * certified for what is left to it; one that fails does not stop the others.
 */
export async function executeBatch(
  db: Database,
  runs: readonly RunRow[],
  clock: () => Date,
  solve: MatchSolver,
  log?: (message: string, data: Record<string, unknown>) => void,
): Promise<void> {
  for (const run of runs) await executeRun(db, run, clock, solve, log);
}
