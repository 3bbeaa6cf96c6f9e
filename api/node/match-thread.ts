// The Node server's matching solver: each run in its own worker thread, so a national program's
// solve (seconds of CPU) never holds up the server's other requests. Progress comes back as
// messages, only when the whole percentage changes.
import { Worker } from 'node:worker_threads';
import type { MatchSolver } from '../matching/solver.ts';
import type { MatchProgress, MatchResult } from '../matching/types.ts';

type Message =
  | { type: 'progress'; phase: Parameters<MatchProgress>[0]; fraction: number }
  | { type: 'result'; result: MatchResult }
  | { type: 'error'; message: string };

export const solveInThread: MatchSolver = (input, progress) =>
  new Promise<MatchResult>((resolve, reject) => {
    const worker = new Worker(new URL('./match-worker.ts', import.meta.url), { workerData: input });
    let settled = false;
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') progress(m.phase, m.fraction);
      else if (m.type === 'result') {
        settled = true;
        resolve(m.result);
      } else {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the matching thread stopped (exit code ${code})`));
    });
  });
