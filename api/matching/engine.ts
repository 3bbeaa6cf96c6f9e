// The matching engine: the most learners placed, then the largest total fit, under the hard
// constraints, proved optimal. Plain TypeScript (no Hono, no database).
//
// The problem is a min-cost flow (network.ts): learner → place (a mentor's weekly slot, or the
// mentor one to one) → mentor → sink, where the k-th unit into a mentor's sink arcs costs
// load × (k − 1) and each learner can also go straight to the sink, unplaced, at cost 0. A
// placement costs −(BIG + fit), BIG being larger than any possible difference in total fit, so
// placing one more learner always wins. The network holds every feasible pair; flow.ts solves it
// on classes of alike learners (classes.ts: the same optimum on a tenth of the arcs), and the certificate is then checked on the learners' choices alone (network.ts): sizes and
// capacities kept, and no residual arc with a negative reduced cost under the solver's potentials.
// Only then is the result returned, marked 'certified'. What else was tried for speed, and measured:
// docs/decisions/011-matching-min-cost-flow.md.
import { solveByClass } from './classes.ts';
import { assignmentOf, certificateFailure, type Network } from './network.ts';
import { baseReasons, conflictOfInterest, leastOverlap, overlapReason, sameCountry, scorePlacement, sharedLanguage, slotFits } from './scoring.ts';
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

export interface MatchOptions {
  /** false: every learner their own class (the per-learner network), for the bench's baseline and the tests' comparison. */
  byClass?: boolean;
}

export function match(input: MatchInput, progress: MatchProgress = () => {}, options: MatchOptions = {}): MatchResult {
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

  // ---- classes: learners alike in everything that decides where they may go and what each place
  // is worth to them, but their organisation (classes.ts)
  const mentorIds = new Set(mentors.map((m) => m.id));
  const orgIndex = new Map<string, number>();
  const orgOf = (o: string | null) => {
    if (o === null) return -1;
    let i = orgIndex.get(o);
    if (i === undefined) {
      i = orgIndex.size;
      orgIndex.set(o, i);
    }
    return i;
  };
  const mentorOrg = Int32Array.from(mentors, (m) => orgOf(m.organisationId));
  const learnerOrg = Int32Array.from(learners, (l) => orgOf(l.organisationId));
  const placeOrg = Int32Array.from(places, (pl) => mentorOrg[pl.mentor]!);
  const classIndex = new Map<string, number>();
  const classOf = new Int32Array(learners.length);
  const representative: MatchLearner[] = [];
  learners.forEach((l, li) => {
    // A learner who is also a mentor of the run is a class of their own (never their own mentor).
    const key = JSON.stringify([
      rules.languages.filter((x) => l.languages.includes(x)),
      l.country,
      l.regions,
      l.availability,
      options.byClass === false || mentorIds.has(l.id) ? l.id : null,
    ]);
    let c = classIndex.get(key);
    if (c === undefined) {
      c = representative.length;
      classIndex.set(key, c);
      representative.push(l);
    }
    classOf[li] = c;
  });

  // ---- every feasible (class, place) pair and its fit, organisations aside
  progress('candidates', 0);
  const byLanguage = new Map<string, number[]>();
  for (const lang of rules.languages)
    byLanguage.set(
      lang,
      mentors.flatMap((m, i) => (m.languages.includes(lang) ? [i] : [])),
    );
  // Slots often share the same times, and the region term depends only on the learner's country:
  // both are worked out once per kind, not once per pair.
  const kindOf = (key: string, kinds: Map<string, number>) => {
    const known = kinds.get(key);
    if (known !== undefined) return known;
    kinds.set(key, kinds.size);
    return kinds.size - 1;
  };
  const timeKinds = new Map<string, number>();
  const placeTime = places.map((pl) => (pl.slot ? kindOf(JSON.stringify(pl.slot.times), timeKinds) : -1));
  const countryKinds = new Map<string, number>();
  const classCountry = representative.map((l) => kindOf(l.country ?? '', countryKinds));
  const baseCache = new Int32Array(mentors.length * Math.max(1, countryKinds.size)).fill(-1);
  const slotFit = new Int8Array(timeKinds.size);
  const slotStamp = new Int32Array(timeKinds.size).fill(-1);
  let classPlace: Int32Array = new Int32Array(1 << 12);
  let classFit: Int32Array = new Int32Array(1 << 12);
  const classStart = new Int32Array(representative.length + 1);
  let rowsUsed = 0;
  let maxFit = 0;
  const seen = new Uint8Array(mentors.length);
  const chosen: number[] = [];
  representative.forEach((l, c) => {
    if (c % 50 === 0) progress('candidates', c / Math.max(1, representative.length));
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
      if (m.id === l.id || sameCountry(rules, l, m)) continue;
      let extra = 0;
      if (!group) {
        const minutes = leastOverlap(l, m);
        if (minutes < rules.minOverlapMinutes) continue;
        extra = overlapReason(rules, minutes)?.points ?? 0;
      }
      const bk = mi * countryKinds.size + classCountry[c]!;
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
          if (slotStamp[tc] !== c) {
            slotStamp[tc] = c;
            slotFit[tc] = slotFits(l, slot) ? 1 : 0;
          }
          if (!slotFit[tc]) continue;
        }
        if (rowsUsed === classPlace.length) {
          classPlace = grow(classPlace);
          classFit = grow(classFit);
        }
        classPlace[rowsUsed] = p;
        classFit[rowsUsed++] = fit;
        if (fit > maxFit) maxFit = fit;
      }
    }
    classStart[c + 1] = rowsUsed;
  });
  progress('candidates', 1);

  // Every learner's pairs: their class's, less the places of mentors from their own organisation.
  const candStart = new Int32Array(learners.length + 1);
  const conflicted = (li: number, k: number) => learnerOrg[li]! >= 0 && placeOrg[classPlace[k]!] === learnerOrg[li];
  for (let li = 0; li < learners.length; li++) {
    let n = 0;
    for (let k = classStart[classOf[li]!]!; k < classStart[classOf[li]! + 1]!; k++) if (!conflicted(li, k)) n++;
    candStart[li + 1] = candStart[li]! + n;
  }
  const pairs = candStart[learners.length]!;
  const candPlace = new Int32Array(pairs);
  const candFit = new Int32Array(pairs);
  for (let li = 0, at = 0; li < learners.length; li++)
    for (let k = classStart[classOf[li]!]!; k < classStart[classOf[li]! + 1]!; k++) {
      if (conflicted(li, k)) continue;
      candPlace[at] = classPlace[k]!;
      candFit[at++] = classFit[k]!;
    }

  // BIG exceeds any possible difference in fit minus load between two answers.
  let loadSpan = 0;
  mentors.forEach((_, mi) => {
    const most = fixedPerMentor[mi]! + mentorRoom[mi]!;
    loadSpan += (rules.weights.load * most * (most - 1)) / 2;
  });
  const BIG = 1 + learners.length * maxFit + loadSpan;
  if (BIG * (learners.length + 1) > Number.MAX_SAFE_INTEGER / 4) throw new RangeError('matching: this instance is too large for exact integer costs');

  // ---- solve by class, then check the certificate on every learner's pairs
  const candValue = new Float64Array(pairs);
  for (let k = 0; k < pairs; k++) candValue[k] = BIG + candFit[k]!;
  const classValue = new Float64Array(rowsUsed);
  for (let k = 0; k < rowsUsed; k++) classValue[k] = BIG + classFit[k]!;
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
  progress('solving', 0);
  const solved = solveByClass(net, { classOf, classStart, classPlace: classPlace.subarray(0, rowsUsed), classValue, learnerOrg, placeOrg }, (f) =>
    progress('solving', f),
  );
  progress('certifying', 0);
  // Each learner's place, as the pair in their own row that leads there.
  const pair = new Int32Array(learners.length).fill(-1);
  for (let li = 0; li < learners.length; li++) {
    const p = solved.place[li]!;
    if (p < 0) continue;
    for (let k = candStart[li]!; k < candStart[li + 1]!; k++) if (candPlace[k] === p) pair[li] = k;
    if (pair[li]! < 0) throw new Error('matching: a learner was placed outside their pairs (a bug in classes.ts)');
  }
  // The certificate, checked on the learners' choices alone: the flow they make is feasible and,
  // under the solver's potentials, no residual arc of the full network (every feasible pair:
  // nothing was pruned) has a negative reduced cost, so no better assignment exists.
  const failure = certificateFailure(net, assignmentOf(net, pair), solved.potentials);
  if (failure) throw new Error(`matching: potentials do not certify the flow (${failure}; a bug in classes.ts or flow.ts)`);
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
  const whyUnmatched = blockerFinder(rules, mentors, representative);
  const unmatched: Unmatched[] = learners.flatMap((l, li) => (placed[li]! < 0 ? [whyUnmatched(l, classOf[li]!)] : []));
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
      classes: solved.classes,
      flowArcs: solved.arcs,
      solveMs: Date.now() - started,
    },
  };
}

/**
 * Why a learner is unmatched: the first hard constraint, in BLOCKERS order, that leaves them no
 * mentor; 'capacity' if some remained. Language, country and time are worked out once per class,
 * so only the organisation is checked per learner.
 */
function blockerFinder(rules: MatchInput['rules'], mentors: readonly MatchMentor[], representative: readonly MatchLearner[]) {
  const known = new Map<number, { speak: number[]; abroad: Uint8Array; timely: Uint8Array }>();
  const ofClass = (c: number) => {
    const cached = known.get(c);
    if (cached) return cached;
    const r = representative[c]!;
    const speak = mentors.flatMap((m, i) => (m.id !== r.id && sharedLanguage(rules, r, m) ? [i] : []));
    const abroad = new Uint8Array(mentors.length);
    const timely = new Uint8Array(mentors.length);
    for (const i of speak) {
      const m = mentors[i]!;
      abroad[i] = sameCountry(rules, r, m) ? 0 : 1;
      timely[i] = (rules.mode === 'group' ? m.slots.some((s) => slotFits(r, s)) : leastOverlap(r, m) >= rules.minOverlapMinutes) ? 1 : 0;
    }
    const found = { speak, abroad, timely };
    known.set(c, found);
    return found;
  };
  return (l: MatchLearner, c: number): Unmatched => {
    const { speak, abroad, timely } = ofClass(c);
    let outside = 0;
    let away = 0;
    let inTime = 0;
    for (const i of speak) {
      if (conflictOfInterest(l, mentors[i]!)) continue;
      outside++;
      if (!abroad[i]) continue;
      away++;
      if (timely[i]) inTime++;
    }
    const remaining = { language: speak.length, 'conflict-of-interest': outside, 'same-country': away, time: inTime };
    const blocker =
      mentors.length === 0
        ? 'no-mentors'
        : speak.length === 0
          ? 'language'
          : outside === 0
            ? 'conflict-of-interest'
            : away === 0
              ? 'same-country'
              : inTime === 0
                ? 'time'
                : 'capacity';
    return { learnerId: l.id, blocker, remaining };
  };
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
