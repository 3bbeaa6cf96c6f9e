// The matching network, compressed by class, and solved. Learners who speak the same working
// languages, live in the same country and keep the same hours can go to the same places for the
// same fit: they differ only in their organisation, whose mentors they may not have. So the flow
// runs on classes, not on learners (exactly the same optimum: any assignment of learners is a
// flow here, and any flow here splits back into learners):
//
//   group (a class's learners of one organisation, supplying one unit each)
//     → hubs of the class (a tree over the organisations its learners belong to)
//     → place → mentor → sink, as in network.ts
//
// A class's feasible places are shared out among the tree's leaves (one per organisation that
// both its learners and its places' mentors belong to) and one "rest" hub (every other place), each
// place once, with its value on that arc. A group reaches the rest hub and the tree's nodes that
// cover every leaf but its own: O(log) arcs instead of one per place. At 10,000 learners × 1,000
// mentors that is about a tenth of the arcs of the per-learner network.
//
// Hub arcs have room for one unit more than the class holds, so they never fill: then the
// potentials of a group, read as every one of its learners' potentials, certify the per-learner
// network (network.ts), which engine.ts checks independently.
import { FlowNetwork } from './flow.ts';
import { type Network, sinkOf, unitCost } from './network.ts';

export interface ClassRows {
  /** Each learner's class, and each class's feasible places with their values (BIG + fit), as rows. */
  classOf: Int32Array;
  classStart: Int32Array;
  classPlace: Int32Array;
  classValue: Float64Array;
  /** Organisation numbers (−1: none): no learner goes to a place whose mentor shares theirs. */
  learnerOrg: Int32Array;
  placeOrg: Int32Array;
}

export interface ClassSolution {
  /** The place of each learner, or −1 (unmatched). */
  place: Int32Array;
  /** Potentials in network.ts's numbering (learners, places, mentors, sink). */
  potentials: Float64Array;
  /** The size of the network solved: classes and arcs. */
  classes: number;
  arcs: number;
}

/** One class's hubs: the tree over its organisations (pre-order, so parents come first) and the rest hub. */
interface Tree {
  /** Node number of the rest hub; the tree's root is rest + 1 when the class has organisations. */
  rest: number;
  orgs: number[];
}

export function solveByClass(net: Network, rows: ClassRows, progress?: (fraction: number) => void): ClassSolution {
  const L = net.learners;
  const C = rows.classStart.length - 1;
  // ---- groups: per class, its learners by organisation (those whose organisation no place of the class shares are one group)
  const orgSeen = new Int32Array(Math.max(1, maxOf(rows.placeOrg, rows.learnerOrg) + 1)).fill(-1);
  const membersOfClass: number[][] = Array.from({ length: C }, () => []);
  for (let l = 0; l < L; l++) membersOfClass[rows.classOf[l]!]!.push(l);
  const groupMembers: number[][] = [];
  const groupClass: number[] = [];
  const groupLeaf: number[] = [];
  const orgsOfClass: number[][] = [];
  for (let c = 0; c < C; c++) {
    for (let k = rows.classStart[c]!; k < rows.classStart[c + 1]!; k++) {
      const o = rows.placeOrg[rows.classPlace[k]!]!;
      if (o >= 0) orgSeen[o] = c;
    }
    const byOrg = new Map<number, number[]>();
    const free: number[] = [];
    for (const l of membersOfClass[c]!) {
      const o = rows.learnerOrg[l]!;
      if (o >= 0 && orgSeen[o] === c) {
        const list = byOrg.get(o);
        if (list) list.push(l);
        else byOrg.set(o, [l]);
      } else free.push(l);
    }
    const orgs = [...byOrg.keys()].sort((a, b) => a - b);
    orgsOfClass.push(orgs);
    if (free.length > 0) {
      groupMembers.push(free);
      groupClass.push(c);
      groupLeaf.push(-1);
    }
    orgs.forEach((o, j) => {
      groupMembers.push(byOrg.get(o)!);
      groupClass.push(c);
      groupLeaf.push(j);
    });
  }
  const G = groupMembers.length;

  // ---- node numbers: groups, then each class's hubs, then places, mentors and the sink
  const trees: Tree[] = [];
  let next = G;
  for (let c = 0; c < C; c++) {
    const k = orgsOfClass[c]!.length;
    trees.push({ rest: next, orgs: orgsOfClass[c]! });
    next += 1 + (k > 0 ? 2 * k - 1 : 0);
  }
  const placeBase = next;
  const mentorBase = placeBase + net.places;
  const sink = mentorBase + net.mentors;
  const flow = new FlowNetwork(sink + 1);
  // Arcs out of groups and hubs, for splitting the flow back into learners.
  const out: number[][] = Array.from({ length: placeBase }, () => []);
  const head: number[][] = Array.from({ length: placeBase }, () => []);
  const arc = (u: number, v: number, capacity: number, cost: number) => {
    const a = flow.addArc(u, v, capacity, cost) >> 1;
    if (u < placeBase) {
      out[u]!.push(a);
      head[u]!.push(v);
    }
  };

  // ---- each class's tree: leaf j holds the places of organisation orgs[j]; the rest hub, the others
  const covers: Array<(skip: number, visit: (node: number) => void) => void> = [];
  for (let c = 0; c < C; c++) {
    const { rest, orgs } = trees[c]!;
    const room = membersOfClass[c]!.length + 1;
    const leaves = new Array<number>(orgs.length);
    let id = rest + 1;
    // Pre-order: a node is numbered before its children, so every arc runs forward.
    const lo: number[] = [];
    const hi: number[] = [];
    const kids: Array<[number, number] | null> = [];
    const build = (from: number, to: number): number => {
      const node = id++;
      const at = node - rest - 1;
      lo[at] = from;
      hi[at] = to;
      kids[at] = null;
      if (to - from === 1) leaves[from] = node;
      else {
        const mid = (from + to) >> 1;
        const left = build(from, mid);
        const right = build(mid, to);
        kids[at] = [left, right];
        arc(node, left, room, 0);
        arc(node, right, room, 0);
      }
      return node;
    };
    if (orgs.length > 0) build(0, orgs.length);
    // The fewest tree nodes covering every leaf but `skip` (−1: the root).
    covers.push((skip, visit) => {
      if (orgs.length === 0) return;
      const walk = (node: number) => {
        const at = node - rest - 1;
        if (skip < lo[at]! || skip >= hi[at]!) return visit(node);
        const k = kids[at];
        if (!k) return;
        walk(k[0]);
        walk(k[1]);
      };
      walk(rest + 1);
    });
    const leafOf = new Map(orgs.map((o, j) => [o, j]));
    for (let k = rows.classStart[c]!; k < rows.classStart[c + 1]!; k++) {
      const p = rows.classPlace[k]!;
      const j = leafOf.get(rows.placeOrg[p]!);
      arc(j === undefined ? rest : leaves[j]!, placeBase + p, room, -rows.classValue[k]!);
    }
  }

  // ---- groups: to the rest hub and the tree, then "unmatched" last (so splitting places learners first)
  for (let g = 0; g < G; g++) {
    const c = groupClass[g]!;
    const supply = groupMembers[g]!.length;
    arc(g, trees[c]!.rest, supply, 0);
    covers[c]!(groupLeaf[g]!, (node) => arc(g, node, supply, 0));
    arc(g, sink, supply, 0);
  }
  for (let p = 0; p < net.places; p++) flow.addArc(placeBase + p, mentorBase + net.placeMentor[p]!, net.placeCap[p]!, 0);
  for (let m = 0; m < net.mentors; m++) for (let k = 1; k <= net.mentorRoom[m]!; k++) flow.addArc(mentorBase + m, sink, 1, unitCost(net, m, k));

  const solved = flow.solve(
    groupMembers.map((_, g) => g),
    sink,
    progress,
    groupMembers.map((list) => list.length),
  );

  // ---- split each group's flow into its learners, in id order: each unit walks down arcs with flow left
  const left = solved.flow.slice();
  const first = new Int32Array(placeBase);
  const place = new Int32Array(L).fill(-1);
  const potentials = new Float64Array(sinkOf(net) + 1);
  for (let g = 0; g < G; g++) {
    for (const l of groupMembers[g]!) {
      potentials[l] = solved.potentials[g]!;
      let u = g;
      for (;;) {
        const arcs = out[u]!;
        while (first[u]! < arcs.length && left[arcs[first[u]!]!] === 0) first[u]!++;
        if (first[u] === arcs.length) throw new Error('matching: the class flow does not split into learners (a bug in classes.ts)');
        left[arcs[first[u]!]!]!--;
        const v = head[u]![first[u]!]!;
        if (v === sink) break;
        if (v >= placeBase) {
          place[l] = v - placeBase;
          break;
        }
        u = v;
      }
    }
  }
  for (let p = 0; p < net.places; p++) potentials[L + p] = solved.potentials[placeBase + p]!;
  for (let m = 0; m < net.mentors; m++) potentials[L + net.places + m] = solved.potentials[mentorBase + m]!;
  potentials[sinkOf(net)] = solved.potentials[sink]!;
  return { place, potentials, classes: C, arcs: flow.arcs };
}

function maxOf(...lists: Int32Array[]): number {
  let most = -1;
  for (const list of lists) for (const x of list) if (x > most) most = x;
  return most;
}
