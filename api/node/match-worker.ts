// Runs in a worker thread (match-thread.ts): solves one matching input and posts its progress,
// whenever the whole percentage of a phase moves, then the result.
import { parentPort, workerData } from 'node:worker_threads';
import { match } from '../matching/engine.ts';
import type { MatchInput } from '../matching/types.ts';

const port = parentPort!;
let last = '';
try {
  const result = match(workerData as MatchInput, (phase, fraction) => {
    const key = `${phase}:${Math.floor(fraction * 100)}`;
    if (key === last) return;
    last = key;
    port.postMessage({ type: 'progress', phase, fraction });
  });
  port.postMessage({ type: 'result', result });
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
