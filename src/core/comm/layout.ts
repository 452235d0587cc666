/**
 * Placing ranks on GPUs: which (tp, ep, dp, pp) coordinates each rank holds,
 * which node it sits in, and whether a group stays inside one node.
 *
 * Follows Megatron-Core's RankGenerator: `rankOrder` lists the dimensions
 * innermost first ("tp-ep-dp-pp": TP neighbours get adjacent ranks). The dense
 * grid is tp × dp × pp (ep skipped); the expert grid carves each stage's
 * tp·dp ranks into etp × ep × edp, with ep before or after dp as the order says.
 */

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
  const parts = order.split('-').map((p) => p.trim()).filter((p): p is Dim => (DIMS as string[]).includes(p));
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
 * EP coordinates are meaningful when ep·etp divides tp·dp; otherwise they
 * wrap (the strategy is infeasible and reported as such elsewhere).
 */
export function layoutRanks(input: LayoutInput): RankCoords[] {
  const { tp, pp, dp, gpusPerNode } = input;
  const ep = Math.max(1, input.ep);
  const etp = Math.max(1, input.etp);
  const order = parseRankOrder(input.rankOrder);
  const denseOrder = order.filter((d) => d !== 'ep') as ('tp' | 'dp' | 'pp')[];
  const size: Record<'tp' | 'dp' | 'pp', number> = { tp, dp, pp };
  const n = tp * pp * dp;
  const stageSize = tp * dp;
  const edpSize = Math.max(1, Math.floor(stageSize / (ep * etp)));
  const epBeforeDp = order.indexOf('ep') < order.indexOf('dp');
  const tpBeforeDp = order.indexOf('tp') < order.indexOf('dp');
  const out: RankCoords[] = new Array(n);
  for (let rank = 0; rank < n; rank++) {
    let rest = rank;
    const c = { tp: 0, dp: 0, pp: 0 };
    for (const d of denseOrder) {
      c[d] = rest % size[d];
      rest = Math.floor(rest / size[d]);
    }
    // Index of this rank among its stage's tp·dp ranks, in rank order.
    const local = tpBeforeDp ? c.tp + tp * c.dp : c.dp + dp * c.tp;
    const etpIdx = local % etp;
    const outer = Math.floor(local / etp);
    const epIdx = epBeforeDp ? outer % ep : Math.floor(outer / edpSize) % ep;
    const edpIdx = epBeforeDp ? Math.floor(outer / ep) % edpSize : outer % edpSize;
    out[rank] = { rank, node: Math.floor(rank / gpusPerNode), tp: c.tp, pp: c.pp, dp: c.dp, ep: epIdx, etp: etpIdx, edp: edpIdx };
  }
  return out;
}

/** Ranks of one group: those sharing every coordinate but the ones that vary in the group. */
export type GroupKind = 'tp' | 'dp' | 'pp' | 'ep' | 'edp';

export function groupKey(c: RankCoords, kind: GroupKind): string {
  return String(groupIndex(c, kind));
}

/** A number identifying the group of `kind` a rank belongs to (coordinates < 2^20 each). */
function groupIndex(c: RankCoords, kind: GroupKind): number {
  const B = 1 << 20;
  switch (kind) {
    case 'tp': return c.pp * B + c.dp;
    case 'dp': return c.pp * B + c.tp;
    case 'pp': return c.tp * B + c.dp;
    case 'ep': return (c.pp * B + c.edp) * 64 + c.etp;
    case 'edp': return (c.pp * B + c.ep) * 64 + c.etp;
  }
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
export function worstGroupSpan(ranks: RankCoords[], kind: GroupKind): GroupSpan {
  const groups = new Map<number, Map<number, number>>();
  for (const r of ranks) {
    const k = groupIndex(r, kind);
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
export function placeRanks(input: LayoutInput): Placement {
  const key = `${input.tp}/${input.pp}/${input.dp}/${input.ep}/${input.etp}/${input.gpusPerNode}/${input.rankOrder}`;
  const hit = placements.get(key);
  if (hit) return hit;
  const ranks = layoutRanks(input);
  const kinds: GroupKind[] = ['tp', 'dp', 'pp', 'ep', 'edp'];
  const spans = Object.fromEntries(kinds.map((k) => [k, worstGroupSpan(ranks, k)])) as Record<GroupKind, GroupSpan>;
  const placement = { ranks, spans };
  if (placements.size >= PLACEMENT_CACHE) placements.delete(placements.keys().next().value!);
  placements.set(key, placement);
  return placement;
}
