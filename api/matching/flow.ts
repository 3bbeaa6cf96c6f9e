// Min-cost flow for matching: every source (a group of alike learners, classes.ts) sends its units
// to the sink, through mentors' places or straight through its "unmatched" arc (cost 0). The
// primal-dual method: a super source feeds every source; each phase runs one Dijkstra on reduced
// costs (stopping at the sink), moves the potentials so that every shortest path has reduced cost
// 0, then sends as many units as it can along arcs of reduced cost 0 at once (Dinic's blocking
// flows, on those arcs alone). Each phase keeps the flow optimal
// for the units sent so far; with integer costs the shortest distance grows every phase, and as
// placements are worth nearly the same (BIG plus a small fit), phases are few.
//
// Arcs always run from a lower node number to a higher one (groups < hubs < places < mentors < sink),
// so the first potentials come from one pass in order. Costs are integers held exactly in doubles.

export interface FlowState {
  /** Flow on every arc, by arc number (addArc's index / 2). */
  flow: Int32Array;
  /** Node potentials (the super source is node `nodes`): no arc with room left has a negative reduced cost under them. */
  potentials: Float64Array;
}

export class FlowNetwork {
  readonly nodes: number;
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];
  private from: number[] = [];
  private solved = false;

  constructor(nodes: number) {
    this.nodes = nodes;
  }

  /** Adds u → v (u < v); returns the arc's index (its residual twin is index + 1). */
  addArc(u: number, v: number, capacity: number, cost: number): number {
    if (!(u < v)) throw new RangeError(`arcs run forward: ${u} → ${v}`);
    const i = this.to.length;
    this.from.push(u, v);
    this.to.push(v, u);
    this.cap.push(capacity, 0);
    this.cost.push(cost, -cost);
    return i;
  }

  get arcs(): number {
    return this.to.length / 2;
  }

  /**
   * Sends `supplies[i]` units (one when not given) from each of `sources` to `sink` at least cost
   * (every source must be able to reach the sink). A super source, node `nodes`, gets an arc to
   * each source, after the arcs added so far. Under the final potentials every arc with room left
   * has a non-negative reduced cost: the certificate of optimality.
   */
  solve(sources: readonly number[], sink: number, progress?: (fraction: number) => void, supplies?: readonly number[]): FlowState {
    if (this.solved) throw new Error('a network is solved once');
    this.solved = true;
    const source = this.nodes;
    let units = 0;
    sources.forEach((s, i) => {
      const supply = supplies?.[i] ?? 1;
      this.pushArc(source, s, supply, 0);
      units += supply;
    });
    const n = this.nodes + 1;
    const g = this.arrays(n);
    // Potentials: shortest distances from a virtual root joined to every node at cost 0, one pass
    // over the arcs by tail (a DAG in node order; the super source's arcs cost 0 and change nothing).
    const pi = new Float64Array(n);
    const byTail = new Int32Array(n + 1);
    for (let a = 0; a < g.m; a += 2) byTail[g.from[a]! + 1]!++;
    for (let u = 0; u < n; u++) byTail[u + 1]! += byTail[u]!;
    const ordered = new Int32Array(g.m / 2);
    const next = byTail.slice(0, n);
    for (let a = 0; a < g.m; a += 2) ordered[next[g.from[a]!]!++] = a;
    for (const a of ordered) if (g.from[a] !== source && pi[g.from[a]!]! + g.cost[a]! < pi[g.to[a]!]!) pi[g.to[a]!] = pi[g.from[a]!]! + g.cost[a]!;
    route(g, n, pi, source, sink, units, progress);
    return this.keep(g, pi);
  }

  private pushArc(u: number, v: number, capacity: number, cost: number) {
    this.from.push(u, v);
    this.to.push(v, u);
    this.cap.push(capacity, 0);
    this.cost.push(cost, -cost);
  }

  private arrays(n: number): Graph {
    const m = this.to.length;
    return { n, m, to: Int32Array.from(this.to), from: Int32Array.from(this.from), cap: Int32Array.from(this.cap), cost: Float64Array.from(this.cost) };
  }

  private keep(g: Graph, pi: Float64Array): FlowState {
    const flow = new Int32Array(g.m / 2);
    for (let i = 0; i < g.m / 2; i++) flow[i] = g.cap[2 * i + 1]!;
    return { flow, potentials: pi };
  }
}

interface Graph {
  n: number;
  m: number;
  to: Int32Array;
  from: Int32Array;
  cap: Int32Array;
  cost: Float64Array;
}

/**
 * Sends `units` from `source` to `sink` at least cost, given potentials under which every arc
 * with room left has a non-negative reduced cost; updates cap and pi in place.
 */
function route(g: Graph, n: number, pi: Float64Array, source: number, sink: number, units: number, progress?: (fraction: number) => void) {
  const { m, to, from, cap, cost } = g;
  // Forward arcs in compressed rows, fixed. Residual twins matter only while their arc carries
  // flow (a place's thousands of candidate learners hold at most its size), so they are kept
  // apart: the arcs with flow in a list, and from it, before each search, rows of twins.
  const fStart = new Int32Array(n + 1);
  for (let a = 0; a < m; a += 2) fStart[from[a]! + 1]!++;
  for (let u = 0; u < n; u++) fStart[u + 1]! += fStart[u]!;
  const fAdj = new Int32Array(m / 2);
  const fill = fStart.slice(0, n);
  for (let a = 0; a < m; a += 2) fAdj[fill[from[a]!]!++] = a;
  // Each forward arc's head and cost beside it in row order, so the searches read rows in sequence.
  const fTo = new Int32Array(m / 2);
  const fCost = new Float64Array(m / 2);
  for (let i = 0; i < m / 2; i++) {
    fTo[i] = to[fAdj[i]!]!;
    fCost[i] = cost[fAdj[i]!]!;
  }
  const flowing = new Int32Array(m / 2);
  const position = new Int32Array(m / 2).fill(-1);
  let flowingCount = 0;
  for (let a = 0; a < m; a += 2)
    if (cap[a + 1]! > 0) {
      position[a >> 1] = flowingCount;
      flowing[flowingCount++] = a;
    }
  const rStart = new Int32Array(n + 1);
  const rAdj = new Int32Array(m / 2);
  const rebuildTwins = () => {
    rStart.fill(0);
    for (let i = 0; i < flowingCount; i++) rStart[to[flowing[i]!]! + 1]!++;
    for (let u = 0; u < n; u++) rStart[u + 1]! += rStart[u]!;
    const at = rStart.slice(0, n);
    for (let i = 0; i < flowingCount; i++) rAdj[at[to[flowing[i]!]!]!++] = flowing[i]! ^ 1;
  };
  /** One more unit along arc a (either direction), keeping the list of arcs with flow. */
  const push = (a: number) => {
    cap[a]!--;
    cap[a ^ 1]!++;
    const f = a & ~1;
    const i = f >> 1;
    if (cap[f + 1]! > 0 && position[i] === -1) {
      position[i] = flowingCount;
      flowing[flowingCount++] = f;
    } else if (cap[f + 1] === 0 && position[i] !== -1) {
      const last = flowing[--flowingCount]!;
      flowing[position[i]!] = last;
      position[last >> 1] = position[i]!;
      position[i] = -1;
    }
  };

  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const settled = new Uint8Array(n);
  const heap = new MinHeap(n, dist);
  const touched: number[] = [];
  const level = new Int32Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n);
  const stack = new Int32Array(n);
  const zStart = new Int32Array(n + 1);
  const zFill = new Int32Array(n);
  const zAdj = new Int32Array(m);
  let sent = 0;
  const relax = (v: number, nd: number) => {
    if (nd < dist[v]!) {
      if (dist[v] === Number.POSITIVE_INFINITY) touched.push(v);
      dist[v] = nd;
      heap.pushOrDecrease(v);
    }
  };

  while (sent < units) {
    // 1. Shortest reduced distances from the source, up to the sink.
    rebuildTwins();
    for (const v of touched) {
      dist[v] = Number.POSITIVE_INFINITY;
      settled[v] = 0;
    }
    touched.length = 0;
    dist[source] = 0;
    touched.push(source);
    heap.clear();
    heap.push(source);
    while (!heap.empty()) {
      const u = heap.pop();
      settled[u] = 1;
      if (u === sink) break;
      const base = dist[u]! + pi[u]!;
      // Forward arcs, then the twins of arcs with flow into u.
      for (let i = fStart[u]!, end = fStart[u + 1]!; i < end; i++) {
        if (cap[fAdj[i]!]! <= 0) continue;
        const v = fTo[i]!;
        if (settled[v]) continue;
        relax(v, base + fCost[i]! - pi[v]!);
      }
      for (let i = rStart[u]!, end = rStart[u + 1]!; i < end; i++) {
        const a = rAdj[i]!;
        if (cap[a]! <= 0) continue;
        const v = to[a]!;
        if (settled[v]) continue;
        relax(v, base + cost[a]! - pi[v]!);
      }
    }
    if (!settled[sink]) throw new Error('matching: the sink is unreachable (every learner has an unmatched arc; this is a bug)');
    // Settled nodes move by (distance − sink distance), the rest stay: reduced costs stay
    // non-negative and every shortest path to the sink now has reduced cost 0.
    const dt = dist[sink]!;
    for (const v of touched) if (settled[v]) pi[v]! += dist[v]! - dt;

    // 2. Blocking flows on the arcs of reduced cost 0 (Dinic), one unit per path. The potentials
    // hold still for the whole phase, so those arcs are listed once, both ways (an arc's twin has
    // reduced cost 0 too): the rounds search a small graph, not every arc. Only residual room changes.
    zStart.fill(0);
    for (let u = 0; u < n; u++) {
      const piu = pi[u]!;
      for (let i = fStart[u]!, end = fStart[u + 1]!; i < end; i++)
        if (fCost[i]! + piu - pi[fTo[i]!]! === 0) {
          zStart[u + 1]!++;
          zStart[fTo[i]! + 1]!++;
        }
    }
    for (let u = 0; u < n; u++) zStart[u + 1]! += zStart[u]!;
    zFill.set(zStart.subarray(0, n));
    for (let u = 0; u < n; u++) {
      const piu = pi[u]!;
      for (let i = fStart[u]!, end = fStart[u + 1]!; i < end; i++)
        if (fCost[i]! + piu - pi[fTo[i]!]! === 0) {
          zAdj[zFill[u]!++] = fAdj[i]!;
          zAdj[zFill[fTo[i]!]!++] = fAdj[i]! ^ 1;
        }
    }
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      while (head < tail) {
        const u = queue[head++]!;
        // Only paths as short as the shortest to the sink count in this round.
        if (level[sink] !== -1 && level[u]! >= level[sink]!) break;
        const next = level[u]! + 1;
        for (let i = zStart[u]!, end = zStart[u + 1]!; i < end; i++) {
          const a = zAdj[i]!;
          const v = to[a]!;
          if (level[v] === -1 && cap[a]! > 0) {
            level[v] = next;
            queue[tail++] = v;
          }
        }
      }
      if (level[sink] === -1) break;
      current.set(zStart.subarray(0, n));
      // Depth-first, without recursion: stack[d] is the arc taken at depth d.
      let depth = 0;
      let u = source;
      while (sent < units) {
        if (u === sink) {
          for (let d = 0; d < depth; d++) push(stack[d]!);
          sent++;
          if (sent % 256 === 0) progress?.(sent / units);
          depth = 0;
          u = source;
          continue;
        }
        let advanced = false;
        const next = level[u]! + 1;
        let i = current[u]!;
        for (const end = zStart[u + 1]!; i < end; i++) {
          const a = zAdj[i]!;
          const v = to[a]!;
          if (level[v] === next && cap[a]! > 0) {
            stack[depth++] = a;
            current[u] = i;
            u = v;
            advanced = true;
            break;
          }
        }
        if (advanced) continue;
        current[u] = i;
        // Dead end: no unit gets through u this round.
        if (u === source) break;
        level[u] = -1;
        const back = stack[--depth]!;
        u = from[back]!;
        current[u]!++;
      }
      if (sent === units) break;
    }
  }
  progress?.(1);
}

/** Lowest `key[node]` first, with decrease-key; nodes are 0 … size − 1. */
class MinHeap {
  private items: Int32Array;
  private where: Int32Array;
  private size = 0;
  private key: Float64Array;
  constructor(capacity: number, key: Float64Array) {
    this.key = key;
    this.items = new Int32Array(capacity);
    this.where = new Int32Array(capacity).fill(-1);
  }
  clear() {
    for (let i = 0; i < this.size; i++) this.where[this.items[i]!] = -1;
    this.size = 0;
  }
  empty() {
    return this.size === 0;
  }
  push(node: number) {
    this.items[this.size] = node;
    this.where[node] = this.size;
    this.up(this.size++);
  }
  pushOrDecrease(node: number) {
    const at = this.where[node]!;
    if (at === -1) this.push(node);
    else this.up(at);
  }
  pop(): number {
    const top = this.items[0]!;
    this.where[top] = -1;
    this.size--;
    if (this.size > 0) {
      this.items[0] = this.items[this.size]!;
      this.where[this.items[0]!] = 0;
      this.down(0);
    }
    return top;
  }
  private less(a: number, b: number) {
    const ka = this.key[this.items[a]!]!;
    const kb = this.key[this.items[b]!]!;
    return ka < kb || (ka === kb && this.items[a]! < this.items[b]!);
  }
  private swap(a: number, b: number) {
    const x = this.items[a]!;
    const y = this.items[b]!;
    this.items[a] = y;
    this.items[b] = x;
    this.where[y] = a;
    this.where[x] = b;
  }
  private up(i: number) {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  private down(i: number) {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.size && this.less(l, best)) best = l;
      if (r < this.size && this.less(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }
}
