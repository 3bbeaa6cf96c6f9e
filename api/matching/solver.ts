// Where a run's engine work happens. The engine (engine.ts) is synchronous; a solver wraps it so a
// run can await it and hear its progress. On Workers it runs in the request's isolate (inline):
// progress is heard only as it finishes, and the isolate's CPU limit bounds what can run there. The
// Node server solves in a worker thread instead (api/node/match-thread.ts), so the server keeps
// answering during a large run and the page shows the solve's percentage as it goes.
import { match } from './engine.ts';
import type { MatchInput, MatchProgress, MatchResult } from './types.ts';

export type MatchSolver = (input: MatchInput, progress: MatchProgress) => Promise<MatchResult>;

export const solveInline: MatchSolver = async (input, progress) => match(input, progress);

/** The share of a run's progress bar each engine phase fills (saving the proposals takes the rest). */
export const PHASE_SPAN = {
  candidates: [0.1, 0.25],
  solving: [0.25, 0.8],
  certifying: [0.8, 0.85],
  explaining: [0.85, 0.9],
} as const;

/** A run's overall fraction, 0 to 1, for an engine phase and how far it is. */
export function runFraction(phase: keyof typeof PHASE_SPAN, fraction: number): number {
  const [from, to] = PHASE_SPAN[phase];
  return from + (to - from) * Math.min(1, Math.max(0, fraction));
}
