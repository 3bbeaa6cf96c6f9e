// One matching solve in its own process, so its peak memory (maxRSS) is its own: prints one JSON line.
// Usage: node bench/matching-solve.ts <learners> <mentors> [seed]
import { match } from '../api/matching/engine.ts';
import { syntheticInstance } from '../api/matching/synthetic.ts';

const [learners, mentors, seed] = process.argv.slice(2).map(Number) as [number, number, number | undefined];
const input = syntheticInstance({ learners, mentors, seed: seed ?? 1 });
const t0 = performance.now();
const result = match(input);
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    learners,
    mentors,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    totals: result.totals,
    greedy: result.greedy,
    optimal: result.optimal,
    candidatePairs: result.stats.candidatePairs,
    places: result.stats.places,
  }),
);
