// The matching network as plain arrays, and the certificate that a solution is optimal. engine.ts
// builds it and hands it to the solver (flow.ts); the certificate is then checked here on the
// learners' choices alone, independently of the solver's own bookkeeping.
//
// Nodes: learners 0 … L−1, places L … L+P−1 (a mentor's weekly slot, or the mentor one to one),
// mentors L+P … L+P+M−1, and the sink L+P+M. Arcs:
//   learner → place    one per feasible pair, capacity 1, cost −value (value = BIG + fit)
//   learner → sink     "unmatched", capacity 1, cost 0
//   place → mentor     capacity: the slot's size, cost 0
//   mentor → sink      one unit arc per place left, the k-th costing load × (base + k − 1) (convex)
// Every learner supplies one unit; the sink takes them all.

export interface Network {
  learners: number;
  places: number;
  mentors: number;
  /** The learner's candidate pairs are candStart[l] … candStart[l+1] − 1. */
  candStart: Int32Array;
  candPlace: Int32Array;
  /** What each pair is worth: BIG + fit (integers). */
  candValue: Float64Array;
  placeMentor: Int32Array;
  placeCap: Int32Array;
  /** A mentor's places, as rows: mentorPlaceStart[m] … mentorPlaceStart[m+1] − 1 of mentorPlace. */
  mentorPlaceStart: Int32Array;
  mentorPlace: Int32Array;
  /** Mentees a mentor can still take (unit arcs) and mentees already fixed (the first unit's rank − 1). */
  mentorRoom: Int32Array;
  mentorBase: Int32Array;
  /** Points per extra mentee. */
  load: number;
}

/** A flow on the network, as the learners' choices and the counts they imply. */
export interface Assignment {
  /** The candidate pair each learner is placed by, or −1 (unmatched: straight to the sink). */
  pair: Int32Array;
  /** Flow on each place → mentor arc, and on each mentor's unit arcs (the cheapest ones, in order). */
  placeFlow: Int32Array;
  unitsUsed: Int32Array;
}

export const sinkOf = (net: Network) => net.learners + net.places + net.mentors;

/** The k-th unit into a mentor (k from 1) costs load × (base + k − 1). */
export const unitCost = (net: Network, m: number, k: number) => net.load * (net.mentorBase[m]! + k - 1);

/** Builds the counts from the learners' choices. */
export function assignmentOf(net: Network, pair: Int32Array): Assignment {
  const placeFlow = new Int32Array(net.places);
  const unitsUsed = new Int32Array(net.mentors);
  for (let l = 0; l < net.learners; l++) {
    const k = pair[l]!;
    if (k < 0) continue;
    const p = net.candPlace[k]!;
    placeFlow[p]!++;
    unitsUsed[net.placeMentor[p]!]!++;
  }
  return { pair, placeFlow, unitsUsed };
}

/** One arc of the residual graph: tail, head, cost (original units). */
type ArcVisitor = (u: number, v: number, cost: number) => void;

/**
 * The residual arcs leaving `node` under `a`, in the original costs. Of a mentor's unit arcs only
 * the cheapest unused one and the dearest used one matter (the costs are convex), so only those are
 * visited. `membersOf(p)` lists the learners placed in p.
 */
function residualArcsFrom(net: Network, a: Assignment, membersOf: (p: number) => Iterable<number>, node: number, visit: ArcVisitor) {
  const L = net.learners;
  const P = net.places;
  const M = net.mentors;
  const sink = L + P + M;
  if (node < L) {
    const chosen = a.pair[node]!;
    for (let k = net.candStart[node]!; k < net.candStart[node + 1]!; k++) if (k !== chosen) visit(node, L + net.candPlace[k]!, -net.candValue[k]!);
    if (chosen !== -1) visit(node, sink, 0);
  } else if (node < L + P) {
    const p = node - L;
    if (a.placeFlow[p]! < net.placeCap[p]!) visit(node, L + P + net.placeMentor[p]!, 0);
    for (const l of membersOf(p)) visit(node, l, net.candValue[a.pair[l]!]!);
  } else if (node < sink) {
    const m = node - L - P;
    const used = a.unitsUsed[m]!;
    if (used < net.mentorRoom[m]!) visit(node, sink, unitCost(net, m, used + 1));
    for (let i = net.mentorPlaceStart[m]!; i < net.mentorPlaceStart[m + 1]!; i++) {
      const p = net.mentorPlace[i]!;
      if (a.placeFlow[p]! > 0) visit(node, L + p, 0);
    }
  } else {
    for (let l = 0; l < L; l++) if (a.pair[l] === -1) visit(node, l, 0);
    for (let m = 0; m < M; m++) if (a.unitsUsed[m]! > 0) visit(node, L + P + m, -unitCost(net, m, a.unitsUsed[m]!));
  }
}

/** The learners placed in each place, as rows (for residualArcsFrom). */
function membersByPlace(net: Network, pair: Int32Array): (p: number) => Int32Array {
  const start = new Int32Array(net.places + 1);
  for (let l = 0; l < net.learners; l++) if (pair[l]! >= 0) start[net.candPlace[pair[l]!]! + 1]!++;
  for (let p = 0; p < net.places; p++) start[p + 1]! += start[p]!;
  const list = new Int32Array(start[net.places]!);
  const at = start.slice(0, net.places);
  for (let l = 0; l < net.learners; l++) if (pair[l]! >= 0) list[at[net.candPlace[pair[l]!]!]!++] = l;
  return (p) => list.subarray(start[p]!, start[p + 1]!);
}

/**
 * The certificate: the assignment is feasible and, under `potential`, no residual arc has a
 * negative reduced cost, so no cheaper flow exists. Returns the first failure, or null.
 */
export function certificateFailure(net: Network, a: Assignment, potential: Float64Array): string | null {
  for (let p = 0; p < net.places; p++) if (a.placeFlow[p]! > net.placeCap[p]!) return `place ${p} over its size`;
  for (let m = 0; m < net.mentors; m++) if (a.unitsUsed[m]! > net.mentorRoom[m]!) return `mentor ${m} over capacity`;
  const members = membersByPlace(net, a.pair);
  let failure: string | null = null;
  const check: ArcVisitor = (u, v, cost) => {
    if (failure === null && cost + potential[u]! - potential[v]! < 0) failure = `arc ${u} → ${v} has reduced cost ${cost + potential[u]! - potential[v]!}`;
  };
  for (let node = 0; node <= sinkOf(net) && failure === null; node++) residualArcsFrom(net, a, members, node, check);
  return failure;
}
