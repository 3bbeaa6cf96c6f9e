// One matching solve in its own process, so its peak memory (maxRSS) is its own: prints one JSON line.
// Usage: node bench/matching-solve.ts <learners> <mentors> [seed] [--thread | --per-learner]
// With --thread the solve runs as the Node server runs it (api/node/match-thread.ts), and the line
// adds the longest the process's event loop was held up meanwhile: what other requests would wait.
// With --per-learner the flow runs on every learner rather than on classes (the baseline).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { match } from '../api/matching/engine.ts';
import { syntheticInstance } from '../api/matching/synthetic.ts';
import { solveInThread } from '../api/node/match-thread.ts';

const thread = process.argv.includes('--thread');
const perLearner = process.argv.includes('--per-learner');
const [learners, mentors, seed] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number) as [number, number, number | undefined];
const input = syntheticInstance({ learners, mentors, seed: seed ?? 1 });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const t0 = performance.now();
const result = thread ? await solveInThread(input, () => {}) : match(input, () => {}, { byClass: !perLearner });
const seconds = (performance.now() - t0) / 1000;
delay.disable();
console.log(
  JSON.stringify({
    learners,
    mentors,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    loopDelayMaxMs: delay.max / 1e6,
    totals: result.totals,
    greedy: result.greedy,
    optimal: result.optimal,
    candidatePairs: result.stats.candidatePairs,
    classes: result.stats.classes,
    flowArcs: result.stats.flowArcs,
    places: result.stats.places,
  }),
);
