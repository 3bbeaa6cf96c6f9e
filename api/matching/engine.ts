// The matching engine: the most learners placed, then the largest total fit, under the hard
// constraints, proved optimal. Plain TypeScript (no Hono, no database).
//
// The problem is a min-cost flow (network.ts): learner → place (a mentor's weekly slot, or the
// mentor one to one) → mentor → sink, where the k-th unit into a mentor's sink arcs costs
// load × (k − 1) and each learner can also go straight to the sink, unplaced, at cost 0. A
// placement costs −(BIG + fit), BIG being larger than any possible difference in total fit, so
// placing one more learner always wins. The network holds every feasible pair; flow.ts solves it,
// and the certificate is then checked on the learners' choices alone (network.ts): sizes and
// capacities kept, and no residual arc with a negative reduced cost under the solver's potentials.
// Only then is the result returned, marked 'certified'. What else was tried for speed, and measured:
// docs/decisions/011-matching-min-cost-flow.md.
import { FlowNetwork } from './flow.ts';
import { assignmentOf, certificateFailure, type Network, sinkOf, unitCost } from './network.ts';
import { baseReasons, conflictOfInterest, hardBlocker, leastOverlap, overlapReason, sameCountry, scorePlacement, sharedLanguage, slotFits } from './scoring.ts';
import type { Match, MatchInput, MatchLearner, MatchMentor, MatchProgress, MatchResult, MatchSlot, MatchTotals, Unmatched } from './types.ts';

interface Place {
  mentor: number;
  slot: MatchSlot | null;
  capacity: number;
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function match(input: MatchInput, progress: MatchProgress = () => {}): MatchResult {
  const started = Date.now();
  const { rules } = input;
  const group = rules.mode === 'group';
  const fixedOf = new Map((input.fixed ?? []).map((f) => [f.learnerId, f]));
  const everyone = [...input.learners].sort(byId);
  const learners = everyone.filter((l) => !fixedOf.has(l.id));
  const mentors = [...input.mentors].sort(byId);
  const mentorIndex = new Map(mentors.map((m, i) => [m.id, i]));

  // What fixed pairs already use.
  const fixedPerMentor = new Int32Array(mentors.length);
  const fixedPerSlot = new Map<string, number>();
  for (const f of fixedOf.values()) {
    const mi = mentorIndex.get(f.mentorId);
    if (mi === undefined) continue;
    fixedPerMentor[mi]!++;
    if (f.slotId) fixedPerSlot.set(`${f.mentorId}|${f.slotId}`, (fixedPerSlot.get(`${f.mentorId}|${f.slotId}`) ?? 0) + 1);
  }
  const mentorRoom = mentors.map((m, i) => Math.max(0, m.capacity - fixedPerMentor[i]!));
  const places: Place[] = [];
  const placesOf: number[][] = mentors.map(() => []);
  mentors.forEach((m, mi) => {
    if (mentorRoom[mi] === 0) return;
    const offered = group
      ? [...m.slots].sort(byId).map((s) => ({ slot: s, capacity: Math.max(0, s.size - (fixedPerSlot.get(`${m.id}|${s.id}`) ?? 0)) }))
      : [{ slot: null, capacity: mentorRoom[mi]! }];
    for (const o of offered) {
      if (o.capacity === 0) continue;
      placesOf[mi]!.push(places.length);
      places.push({ mentor: mi, slot: o.slot, capacity: Math.min(o.capacity, mentorRoom[mi]!) });
    }
  });

  // ---- every feasible (learner, place) pair and its fit
  progress('candidates', 0);
  const byLanguage = new Map<string, number[]>();
  for (const lang of rules.languages)
    byLanguage.set(
      lang,
      mentors.flatMap((m, i) => (m.languages.includes(lang) ? [i] : [])),
    );
  // People and slots often share the same times, and the region term depends only on the
  // learner's country: both are worked out once per class, not once per pair.
  const classOf = (key: string, classes: Map<string, number>) => {
    const known = classes.get(key);
    if (known !== undefined) return known;
    classes.set(key, classes.size);
    return classes.size - 1;
  };
  const timeClasses = new Map<string, number>();
  const placeTime = places.map((pl) => (pl.slot ? classOf(JSON.stringify(pl.slot.times), timeClasses) : -1));
  const mentorTimeClasses = new Map<string, number>();
  const mentorTime = mentors.map((m) => classOf(JSON.stringify(m.availability), mentorTimeClasses));
  const countryClasses = new Map<string, number>();
  const learnerCountry = learners.map((l) => classOf(l.country ?? '', countryClasses));
  const baseCache = new Int32Array(mentors.length * Math.max(1, countryClasses.size)).fill(-1);
  const slotFit = new Int8Array(timeClasses.size);
  const slotStamp = new Int32Array(timeClasses.size).fill(-1);
  const overlapOf = new Int32Array(mentorTimeClasses.size);
  const overlapStamp = new Int32Array(mentorTimeClasses.size).fill(-1);
  // Pairs go straight into typed arrays, by learner, in mentor and place order.
  let candPlace: Int32Array = new Int32Array(1 << 16);
  let candFit: Int32Array = new Int32Array(1 << 16);
  const candStart = new Int32Array(learners.length + 1);
  let pairs = 0;
  let maxFit = 0;
  const seen = new Uint8Array(mentors.length);
  const chosen: number[] = [];
  learners.forEach((l, li) => {
    if (li % 500 === 0) progress('candidates', li / Math.max(1, learners.length));
    chosen.length = 0;
    for (const lang of rules.languages) {
      if (!l.languages.includes(lang)) continue;
      for (const mi of byLanguage.get(lang) ?? []) {
        if (seen[mi]) continue;
        seen[mi] = 1;
        chosen.push(mi);
      }
    }
    chosen.sort((x, y) => x - y);
    for (const mi of chosen) {
      seen[mi] = 0;
      const m = mentors[mi]!;
      if (m.id === l.id || conflictOfInterest(l, m) || sameCountry(rules, l, m)) continue;
      let extra = 0;
      if (!group) {
        const tc = mentorTime[mi]!;
        if (overlapStamp[tc] !== li) {
          overlapStamp[tc] = li;
          overlapOf[tc] = leastOverlap(l, m);
        }
        const minutes = overlapOf[tc]!;
        if (minutes < rules.minOverlapMinutes) continue;
        extra = overlapReason(rules, minutes)?.points ?? 0;
      }
      const bk = mi * countryClasses.size + learnerCountry[li]!;
      let base = baseCache[bk]!;
      if (base < 0) {
        base = baseReasons(rules, l, m).reduce((n, r) => n + r.points, 0);
        baseCache[bk] = base;
      }
      const fit = base + extra;
      for (const p of placesOf[mi]!) {
        const slot = places[p]!.slot;
        if (slot) {
          const tc = placeTime[p]!;
          if (slotStamp[tc] !== li) {
            slotStamp[tc] = li;
            slotFit[tc] = slotFits(l, slot) ? 1 : 0;
          }
          if (!slotFit[tc]) continue;
        }
        if (pairs === candPlace.length) {
          candPlace = grow(candPlace);
          candFit = grow(candFit);
        }
        candPlace[pairs] = p;
        candFit[pairs++] = fit;
        if (fit > maxFit) maxFit = fit;
      }
    }
    candStart[li + 1] = pairs;
  });
  candPlace = candPlace.slice(0, pairs);
  candFit = candFit.slice(0, pairs);
  progress('candidates', 1);

  // BIG exceeds any possible difference in fit minus load between two answers.
  let loadSpan = 0;
  mentors.forEach((_, mi) => {
    const most = fixedPerMentor[mi]! + mentorRoom[mi]!;
    loadSpan += (rules.weights.load * most * (most - 1)) / 2;
  });
  const BIG = 1 + learners.length * maxFit + loadSpan;
  if (BIG * (learners.length + 1) > Number.MAX_SAFE_INTEGER / 4) throw new RangeError('matching: this instance is too large for exact integer costs');

  // ---- solve on every feasible pair, and check the certificate
  const candValue = new Float64Array(pairs);
  for (let k = 0; k < pairs; k++) candValue[k] = BIG + candFit[k]!;
  const mentorPlaceStart = new Int32Array(mentors.length + 1);
  placesOf.forEach((list, mi) => {
    mentorPlaceStart[mi + 1] = mentorPlaceStart[mi]! + list.length;
  });
  const net: Network = {
    learners: learners.length,
    places: places.length,
    mentors: mentors.length,
    candStart,
    candPlace,
    candValue,
    placeMentor: Int32Array.from(places, (pl) => pl.mentor),
    placeCap: Int32Array.from(places, (pl) => pl.capacity),
    mentorPlaceStart,
    mentorPlace: Int32Array.from(placesOf.flat()),
    mentorRoom: Int32Array.from(mentorRoom),
    mentorBase: fixedPerMentor,
    load: rules.weights.load,
  };
  const P = places.length;
  const M = mentors.length;
  const sink = sinkOf(net);
  const flow = new FlowNetwork(sink + 1);
  for (let li = 0; li < learners.length; li++) {
    for (let k = candStart[li]!; k < candStart[li + 1]!; k++) flow.addArc(li, learners.length + candPlace[k]!, 1, -candValue[k]!);
    flow.addArc(li, sink, 1, 0);
  }
  places.forEach((pl, p) => {
    flow.addArc(learners.length + p, learners.length + P + pl.mentor, pl.capacity, 0);
  });
  for (let mi = 0; mi < M; mi++) for (let k = 1; k <= mentorRoom[mi]!; k++) flow.addArc(learners.length + P + mi, sink, 1, unitCost(net, mi, k));
  progress('solving', 0);
  const solved = flow.solve(
    learners.map((_, li) => li),
    sink,
    (f) => progress('solving', f),
  );
  progress('certifying', 0);
  // The learners' choices, read off the flow on their pairs' arcs (added first, in order).
  const pair = new Int32Array(learners.length).fill(-1);
  let arc = 0;
  for (let li = 0; li < learners.length; li++) {
    for (let k = candStart[li]!; k < candStart[li + 1]!; k++, arc++) if (solved.flow[arc]! > 0) pair[li] = k;
    arc++;
  }
  // The certificate, checked on the learners' choices alone: the flow they make is feasible and,
  // under the solver's potentials, no residual arc of the full network (every feasible pair:
  // nothing was pruned) has a negative reduced cost, so no better assignment exists.
  const failure = certificateFailure(net, assignmentOf(net, pair), solved.potentials);
  if (failure) throw new Error(`matching: potentials do not certify the flow (${failure}; a bug in flow.ts)`);
  const placed = Int32Array.from(pair, (k) => (k < 0 ? -1 : candPlace[k]!));
  progress('certifying', 1);

  // ---- explain
  progress('explaining', 0);
  const menteesOf = new Map<number, Array<{ learner: MatchLearner; slot: MatchSlot | null; fixed: boolean }>>();
  const add = (mi: number, entry: { learner: MatchLearner; slot: MatchSlot | null; fixed: boolean }) =>
    menteesOf.set(mi, [...(menteesOf.get(mi) ?? []), entry]);
  for (const l of everyone) {
    const f = fixedOf.get(l.id);
    if (!f) continue;
    const mi = mentorIndex.get(f.mentorId);
    if (mi === undefined) continue;
    add(mi, { learner: l, slot: mentors[mi]!.slots.find((s) => s.id === f.slotId) ?? null, fixed: true });
  }
  learners.forEach((l, li) => {
    const p = placed[li]!;
    if (p >= 0) add(places[p]!.mentor, { learner: l, slot: places[p]!.slot, fixed: false });
  });
  const matches: Match[] = [];
  for (const [mi, list] of menteesOf) {
    const m = mentors[mi]!;
    // Ranks for the load term: fixed pairs first, then by learner id (the total is the same either way).
    list.sort((a, b) => Number(b.fixed) - Number(a.fixed) || byId(a.learner, b.learner));
    const hidden = fixedPerMentor[mi]! - list.filter((e) => e.fixed).length;
    list.forEach((e, i) => {
      const scored = scorePlacement(rules, e.learner, m, e.slot, hidden + i + 1);
      matches.push({
        learnerId: e.learner.id,
        mentorId: m.id,
        slotId: e.slot?.id ?? null,
        language: scored.language ?? '',
        score: scored.score,
        reasons: scored.reasons,
      });
    });
  }
  matches.sort((a, b) =>
    a.mentorId < b.mentorId
      ? -1
      : a.mentorId > b.mentorId
        ? 1
        : (a.slotId ?? '') < (b.slotId ?? '')
          ? -1
          : (a.slotId ?? '') > (b.slotId ?? '')
            ? 1
            : a.learnerId < b.learnerId
              ? -1
              : a.learnerId > b.learnerId
                ? 1
                : 0,
  );
  const unmatched: Unmatched[] = learners.filter((_, li) => placed[li]! < 0).map((l) => whyUnmatched(input, l, mentors));
  progress('explaining', 1);
  const newMatches = matches.filter((m) => !fixedOf.has(m.learnerId));
  const totals: MatchTotals = { matched: newMatches.length, fit: newMatches.reduce((n, m) => n + m.score, 0) };
  return {
    matches,
    unmatched,
    totals,
    greedy: greedy(input, learners, places, mentorRoom, fixedPerMentor, candStart, candPlace, candFit),
    optimal: 'certified',
    stats: {
      learners: learners.length,
      mentors: mentors.length,
      places: places.reduce((n, p) => n + p.capacity, 0),
      candidatePairs: candPlace.length,
      solveMs: Date.now() - started,
    },
  };
}

/** The first hard constraint, in BLOCKERS order, that leaves the learner no mentor; 'capacity' if some remained. */
function whyUnmatched(input: MatchInput, l: MatchLearner, mentors: readonly MatchMentor[]): Unmatched {
  const { rules } = input;
  const speak = mentors.filter((m) => m.id !== l.id && sharedLanguage(rules, l, m));
  const outside = speak.filter((m) => !conflictOfInterest(l, m));
  const abroad = outside.filter((m) => !sameCountry(rules, l, m));
  const timely = abroad.filter((m) =>
    rules.mode === 'group' ? m.slots.some((s) => hardBlocker(rules, l, m, s) === null) : hardBlocker(rules, l, m, null) === null,
  );
  const remaining = { language: speak.length, 'conflict-of-interest': outside.length, 'same-country': abroad.length, time: timely.length };
  const blocker =
    mentors.length === 0
      ? 'no-mentors'
      : speak.length === 0
        ? 'language'
        : outside.length === 0
          ? 'conflict-of-interest'
          : abroad.length === 0
            ? 'same-country'
            : timely.length === 0
              ? 'time'
              : 'capacity';
  return { learnerId: l.id, blocker, remaining };
}

/** The baseline: learners in id order, each to the best place still free (fit minus the load of one more mentee). */
function greedy(
  input: MatchInput,
  learners: readonly MatchLearner[],
  places: readonly Place[],
  mentorRoom: readonly number[],
  fixedPerMentor: Int32Array,
  candStart: Int32Array,
  candPlace: Int32Array,
  candFit: Int32Array,
): MatchTotals {
  const load = input.rules.weights.load;
  const placeLeft = places.map((p) => p.capacity);
  const mentorLeft = [...mentorRoom];
  const taken = Array.from(fixedPerMentor);
  let matched = 0;
  let fit = 0;
  learners.forEach((_, li) => {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let k = candStart[li]!; k < candStart[li + 1]!; k++) {
      const p = candPlace[k]!;
      const mi = places[p]!.mentor;
      if (placeLeft[p]! <= 0 || mentorLeft[mi]! <= 0) continue;
      const value = candFit[k]! - load * taken[mi]!;
      if (value > bestValue || (value === bestValue && p < candPlace[best]!)) {
        bestValue = value;
        best = k;
      }
    }
    if (best < 0) return;
    const p = candPlace[best]!;
    const mi = places[p]!.mentor;
    placeLeft[p]!--;
    mentorLeft[mi]!--;
    taken[mi]!++;
    matched++;
    fit += bestValue;
  });
  return { matched, fit };
}
