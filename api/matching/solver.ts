// Where a run's engine work happens. The engine (engine.ts) is synchronous; a solver wraps it so a
// run can await it and hear its progress. On Workers it runs in the request's isolate (inline):
// progress is heard only as it finishes, and the isolate's CPU limit bounds what can run there. The
// Node server solves in a worker thread instead (api/node/match-thread.ts), so the server keeps
// answering during a large run and the page shows the solve's percentage as it goes.
import { match } from './engine.ts';
import type { MatchInput, MatchProgress, MatchResult } from './types.ts';

export type MatchSolver = (input: MatchInput, progress: MatchProgress) => Promise<MatchResult>;

/**
 * What a Worker may match: learners × mentors at most this (about 1,000 learners with 250 mentors).
 * Measured here (bench/matching.bench.ts), 1,000 × 100 takes 0.5 to 1.1 s of CPU; this bound keeps a
 * run well inside the paid plan's default of 30 s of CPU per invocation (as of 2025). Larger
 * programs are refused there with the reason, and run on the Node server.
 */
export const EDGE_MATCHING_LIMIT = 250_000;

export const solveInline: MatchSolver = async (input, progress) => match(input, progress);

/** The share of a run's progress bar each engine phase fills (saving the proposals takes the rest). */
const PHASE_SPAN = {
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
