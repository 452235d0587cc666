/**
 * Placing ranks on GPUs: which (tp, ep, dp, pp) coordinates each rank holds,
 * which node it sits in, and whether a group stays inside one node.
 *
 * Follows Megatron-Core's two RankGenerators: `rankOrder` lists the dimensions
 * innermost first ("tp-ep-dp-pp": TP neighbours get adjacent ranks). The dense
 * grid is tp × dp × pp in that order (ep skipped). The expert grid reads the
 * same order with tp standing for etp and dp for edp, and carves each
 * pipeline stage's tp·dp ranks into etp × ep × edp.
 */
import { expertDataParallelSize } from '../physics/groupSizes';

export interface LayoutInput {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  etp: number;
  gpusPerNode: number;
  rankOrder: string;
}

export interface RankCoords {
  rank: number;
  node: number;
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  etp: number;
  /** Expert-data-parallel index: which copy of the experts this rank holds. */
  edp: number;
}

export type Dim = 'tp' | 'ep' | 'dp' | 'pp';
const DIMS: Dim[] = ['tp', 'ep', 'dp', 'pp'];

/** Parses "tp-ep-dp-pp" (any order; missing dims appended in default order). */
export function parseRankOrder(order: string): Dim[] {
  const parts = order
    .split('-')
    .map((p) => p.trim())
    .filter((p): p is Dim => (DIMS as string[]).includes(p));
  const seen = [...new Set(parts)];
  for (const d of DIMS) if (!seen.includes(d)) seen.push(d);
  return seen;
}

export function isValidRankOrder(order: string): boolean {
  const parts = order.split('-');
  return parts.length === 4 && new Set(parts).size === 4 && parts.every((p) => (DIMS as string[]).includes(p));
}

/**
 * Coordinates of every rank of the strategy's grid (tp·pp·dp ranks).
 * EP coordinates are meaningful when ep·etp divides tp·dp; otherwise the
 * outermost expert coordinate wraps (the strategy is infeasible and reported
 * as such elsewhere). Exact for every size the schema allows: coordinates are
 * plain integers, never packed.
 *
 * For rank orders with pp outermost, and whenever pp = 1, this is
 * Megatron-Core's layout exactly.
 * Megatron rejects most other orders when the expert grid's pipeline groups
 * would differ from the dense grid's; here the expert grid is laid out inside
 * each dense pipeline stage, so both grids always share their stages.
 */
export function layoutRanks(input: LayoutInput): RankCoords[] {
  const grid = rankGrid(input);
  const out: RankCoords[] = new Array(grid.ranks);
  for (let rank = 0; rank < grid.ranks; rank++)
    out[rank] = grid.coordsOf(rank, { rank, node: 0, tp: 0, pp: 0, dp: 0, ep: 0, etp: 0, edp: 0 });
  return out;
}

/** The grid's sizes and a function writing one rank's coordinates into `into` (no allocation per rank). */
export function rankGrid(input: LayoutInput): {
  ranks: number;
  extent: Extent;
  coordsOf: (rank: number, into: RankCoords) => RankCoords;
} {
  const { tp, pp, dp, gpusPerNode } = input;
  const ep = Math.max(1, input.ep);
  const etp = Math.max(1, input.etp);
  const order = parseRankOrder(input.rankOrder);
  const edp = expertDataParallelSize({ tp, dp, ep, etp });
  // Strides, innermost first. Dense grid: tp, dp, pp in rank order (ep skipped).
  const rankStride = strides(
    order.filter((d) => d !== 'ep'),
    { tp, dp, pp },
  );
  // Inside a stage: tp and dp in rank order; etp, ep, edp in the same order (tp → etp, dp → edp).
  const stageStride = strides(
    order.filter((d) => d === 'tp' || d === 'dp'),
    { tp, dp },
  );
  const expertStride = strides(
    order.filter((d) => d !== 'pp'),
    { tp: etp, ep, dp: edp },
  );
  const coordsOf = (rank: number, into: RankCoords): RankCoords => {
    const tpI = Math.floor(rank / rankStride.tp) % tp;
    const dpI = Math.floor(rank / rankStride.dp) % dp;
    // Index of this rank among its stage's tp·dp ranks, in rank order.
    const local = tpI * stageStride.tp + dpI * stageStride.dp;
    into.rank = rank;
    into.node = Math.floor(rank / gpusPerNode);
    into.tp = tpI;
    into.pp = Math.floor(rank / rankStride.pp) % pp;
    into.dp = dpI;
    into.ep = Math.floor(local / expertStride.ep) % ep;
    into.etp = Math.floor(local / expertStride.tp) % etp;
    into.edp = Math.floor(local / expertStride.dp) % edp;
    return into;
  };
  return { ranks: tp * pp * dp, extent: { tp, pp, dp, ep, etp, edp }, coordsOf };
}

/**
 * The worst span of each kind of group, streaming over the ranks without
 * listing them: O(ranks) time and O(groups) memory, for strategies too large
 * to list (up to the core's rank budget). Ranks come in increasing order and
 * nodes are consecutive ranks, so a group's ranks in one node arrive
 * together: counting node changes per group gives its nodes and the longest
 * run its most ranks in a node. Equal to worstGroupSpan over the listed ranks.
 */
export function streamedSpans(input: LayoutInput): Record<GroupKind, GroupSpan> {
  const grid = rankGrid(input);
  const stage = input.tp * input.dp;
  // Expert coordinates stay below a stage's tp·dp ranks even where they wrap (an infeasible EP × ETP).
  const x: Extent = {
    ...grid.extent,
    ep: Math.min(grid.extent.ep, stage),
    etp: Math.min(grid.extent.etp, stage),
    edp: Math.min(grid.extent.edp, stage),
  };
  const c: RankCoords = { rank: 0, node: 0, tp: 0, pp: 0, dp: 0, ep: 0, etp: 0, edp: 0 };
  const indexSpace: Record<GroupKind, number> = {
    tp: x.pp * x.dp,
    dp: x.pp * x.tp,
    pp: x.tp * x.dp,
    ep: x.pp * x.edp * x.etp,
    edp: x.pp * x.ep * x.etp,
  };
  // At most one group per rank: a sparse index space (wrapped expert coordinates) is numbered densely through a map.
  const most = Math.min(grid.ranks, Math.max(...Object.values(indexSpace)));
  const lastNode = new Int32Array(most);
  const nodes = new Int32Array(most);
  const size = new Int32Array(most);
  const run = new Int32Array(most);
  const maxRun = new Int32Array(most);
  const out = {} as Record<GroupKind, GroupSpan>;
  for (const kind of ['tp', 'dp', 'pp', 'ep', 'edp'] as GroupKind[]) {
    const dense = indexSpace[kind] <= most;
    const ids = new Map<number, number>();
    const n = dense ? indexSpace[kind] : most;
    lastNode.fill(-1, 0, n);
    nodes.fill(0, 0, n);
    size.fill(0, 0, n);
    maxRun.fill(0, 0, n);
    for (let rank = 0; rank < grid.ranks; rank++) {
      grid.coordsOf(rank, c);
      let g = groupIndex(c, kind, x);
      if (!dense) {
        let id = ids.get(g);
        if (id === undefined) ids.set(g, (id = ids.size));
        g = id;
      }
      size[g]++;
      if (lastNode[g] !== c.node) {
        lastNode[g] = c.node;
        nodes[g]++;
        run[g] = 0;
      }
      if (++run[g] > maxRun[g]) maxRun[g] = run[g];
    }
    let worst: GroupSpan = { size: 1, maxPerNode: 1, nodes: 1 };
    for (let g = 0; g < n; g++) {
      if (size[g] === 0) continue;
      if (nodes[g] > worst.nodes || (nodes[g] === worst.nodes && size[g] > worst.size))
        worst = { size: size[g], maxPerNode: maxRun[g], nodes: nodes[g] };
    }
    out[kind] = worst;
  }
  return out;
}

/** Stride of each dimension when `dims` (innermost first) of the given sizes are laid out in mixed radix. */
function strides(dims: Dim[], size: Partial<Record<Dim, number>>): Record<Dim, number> {
  const out: Record<Dim, number> = { tp: 0, ep: 0, dp: 0, pp: 0 };
  let stride = 1;
  for (const d of dims) {
    out[d] = stride;
    stride *= size[d] ?? 1;
  }
  return out;
}

/** Ranks of one group: those sharing every coordinate but the ones that vary in the group. */
export type GroupKind = 'tp' | 'dp' | 'pp' | 'ep' | 'edp';

/** The coordinates a group's members share (the definition of each group). */
export const SHARED_COORDS: Record<GroupKind, readonly (keyof Omit<RankCoords, 'rank' | 'node'>)[]> = {
  tp: ['pp', 'dp'],
  dp: ['pp', 'tp'],
  pp: ['tp', 'dp'],
  ep: ['pp', 'edp', 'etp'],
  edp: ['pp', 'ep', 'etp'],
};

/** A readable key of the group of `kind` a rank belongs to, e.g. "pp 0 · edp 1 · etp 0". */
export function groupKey(c: RankCoords, kind: GroupKind): string {
  return SHARED_COORDS[kind].map((k) => `${k} ${c[k]}`).join(' · ');
}

type Extent = Omit<RankCoords, 'rank' | 'node'>;

/** One more than the largest value of each coordinate. */
function extentOf(ranks: RankCoords[]): Extent {
  const x: Extent = { tp: 1, pp: 1, dp: 1, ep: 1, etp: 1, edp: 1 };
  for (const r of ranks) {
    if (r.tp >= x.tp) x.tp = r.tp + 1;
    if (r.pp >= x.pp) x.pp = r.pp + 1;
    if (r.dp >= x.dp) x.dp = r.dp + 1;
    if (r.ep >= x.ep) x.ep = r.ep + 1;
    if (r.etp >= x.etp) x.etp = r.etp + 1;
    if (r.edp >= x.edp) x.edp = r.edp + 1;
  }
  return x;
}

/**
 * A number identifying the group of `kind` a rank belongs to: its shared
 * coordinates in mixed radix over their extents, so distinct groups never
 * collide. Three factors of at most 65,536 (the schema's largest degree) stay
 * below 2^48, well inside exact double arithmetic.
 */
function groupIndex(c: RankCoords, kind: GroupKind, x: Extent): number {
  switch (kind) {
    case 'tp':
      return c.pp * x.dp + c.dp;
    case 'dp':
      return c.pp * x.tp + c.tp;
    case 'pp':
      return c.tp * x.dp + c.dp;
    case 'ep':
      return (c.pp * x.edp + c.edp) * x.etp + c.etp;
    case 'edp':
      return (c.pp * x.ep + c.ep) * x.etp + c.etp;
  }
}

/** The groups of one kind, each as its ranks in increasing order. */
export function groupsOf(ranks: RankCoords[], kind: GroupKind): number[][] {
  const extent = extentOf(ranks);
  const groups = new Map<number, number[]>();
  for (const r of ranks) {
    const k = groupIndex(r, kind, extent);
    const g = groups.get(k);
    if (g) g.push(r.rank);
    else groups.set(k, [r.rank]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a - b));
}

export interface GroupSpan {
  /** Ranks in the group. */
  size: number;
  /** Most ranks of the group in any one node. */
  maxPerNode: number;
  /** Nodes the group touches. */
  nodes: number;
}

/**
 * How the groups of one kind sit on nodes; returns the worst group
 * (the one with the most nodes), which sets the collective's time.
 */
export function worstGroupSpan(ranks: RankCoords[], kind: GroupKind, extent: Extent = extentOf(ranks)): GroupSpan {
  const groups = new Map<number, Map<number, number>>();
  for (const r of ranks) {
    const k = groupIndex(r, kind, extent);
    let nodes = groups.get(k);
    if (!nodes) groups.set(k, (nodes = new Map()));
    nodes.set(r.node, (nodes.get(r.node) ?? 0) + 1);
  }
  let worst: GroupSpan = { size: 1, maxPerNode: 1, nodes: 1 };
  for (const nodes of groups.values()) {
    let size = 0;
    let maxPerNode = 0;
    for (const v of nodes.values()) {
      size += v;
      maxPerNode = Math.max(maxPerNode, v);
    }
    const span = { size, maxPerNode, nodes: nodes.size };
    if (span.nodes > worst.nodes || (span.nodes === worst.nodes && span.size > worst.size)) worst = span;
  }
  return worst;
}

export interface Placement {
  ranks: RankCoords[];
  spans: Record<GroupKind, GroupSpan>;
}

const placements = new Map<string, Placement>();
const PLACEMENT_CACHE = 16;

/**
 * Ranks and the worst span of each kind of group, memoized: the sequence-length
 * sweep and a slider that moves something else reuse the same placement.
 * Callers must not mutate the result.
 */
export function placeRanks(input: LayoutInput, list = true): Placement {
  const key = `${input.tp}/${input.pp}/${input.dp}/${input.ep}/${input.etp}/${input.gpusPerNode}/${input.rankOrder}/${list}`;
  const hit = placements.get(key);
  if (hit) return hit;
  let placement: Placement;
  if (list) {
    const ranks = layoutRanks(input);
    const kinds: GroupKind[] = ['tp', 'dp', 'pp', 'ep', 'edp'];
    const extent = extentOf(ranks);
    const spans = Object.fromEntries(kinds.map((k) => [k, worstGroupSpan(ranks, k, extent)])) as Record<
      GroupKind,
      GroupSpan
    >;
    placement = { ranks, spans };
  } else {
    placement = { ranks: [], spans: streamedSpans(input) };
  }
  if (placements.size >= PLACEMENT_CACHE) placements.delete(placements.keys().next().value!);
  placements.set(key, placement);
  return placement;
}
