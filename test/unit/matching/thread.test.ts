// The Node server's solver: a run solved in a worker thread gives the engine's own answer, and its
// progress arrives phase by phase, never going backwards.
import { describe, expect, it } from 'vitest';
import { match } from '../../../api/matching/engine.ts';
import { runFraction } from '../../../api/matching/solver.ts';
import { syntheticInstance } from '../../../api/matching/synthetic.ts';
import type { MatchInput, MatchProgress } from '../../../api/matching/types.ts';
import { solveInThread } from '../../../api/node/match-thread.ts';

describe('matching in a worker thread', () => {
  it('returns what the engine returns in this thread, with progress in phase order', async () => {
    const input = syntheticInstance({ learners: 300, mentors: 30, seed: 7 });
    const seen: Array<[Parameters<MatchProgress>[0], number]> = [];
    const { stats: _a, ...inThread } = await solveInThread(input, (phase, fraction) => seen.push([phase, fraction]));
    const { stats: _b, ...here } = match(input);
    expect(inThread).toEqual(here);
    expect(inThread.totals.matched).toBeGreaterThan(0);
    const overall = seen.map(([phase, fraction]) => runFraction(phase, fraction));
    expect(overall).toEqual([...overall].sort((x, y) => x - y));
    expect(seen.map(([phase]) => phase).filter((p, i, all) => all.indexOf(p) === i)).toEqual(['candidates', 'solving', 'certifying', 'explaining']);
    expect(seen).toContainEqual(['solving', 1]);
  });

  it('rejects with the engine’s message when the input is broken', async () => {
    await expect(solveInThread({ learners: [], mentors: [] } as unknown as MatchInput, () => {})).rejects.toThrow(/rules|undefined/);
  });
});
