/**
 * GPU-grid heatmap layout: pure, no DOM. One square cell per rank, grouped
 * into node frames, nodes wrapped into rows to fit the width. SVG and canvas
 * both draw from this, and pointer / keyboard hit-testing uses it too.
 *
 * @example
 *   const l = heatmapLayout({ perGpu: e.perGpu, gpusPerNode: 8, width: 800,
 *     metric: 'memory', capacityBytes: e.memory.capacityBytes, stepSeconds: e.time.stepSeconds });
 *   hitTest(l, l.cells[3].x + 1, l.cells[3].y + 1); // → rank of cell 3
 */
import type { GpuEntry } from '../../core';
import type { PlayState } from '../gantt/playStates';
import type { HeatmapMetric } from '../../state/view';
import {
  MISSING_FILL,
  NA_FILL,
  colourScale,
  formatValue,
  legendStops,
  legendTicks,
  metricDomain,
  metricValue,
  shortValue,
  textColourAt,
  type LegendTick,
} from './colour';

export { groupOf, type GpuGroups } from './groups';

export interface HeatmapInput {
  perGpu: GpuEntry[];
  gpusPerNode: number;
  /** Available width in CSS pixels. */
  width: number;
  metric: HeatmapMetric;
  capacityBytes: number;
  stepSeconds: number;
  /** Dense model: expert load does not apply. Inferred from all-zero loads when omitted. */
  dense?: boolean;
  /** Height the cell size tries to stay within (default from the width). */
  maxHeight?: number;
}

export interface HeatCell {
  rank: number;
  node: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Metric value in base units (fractions for memory and busy, × mean, seconds). */
  value: number;
  fill: string;
  /** Text colour readable on the fill. */
  textFill: string;
  /** The value in words, e.g. "41%" or "13.7 ms"; "no GPU" for missing ranks. */
  label: string;
  /** The value as it fits inside a big cell. */
  short: string;
  inCluster: boolean;
  /** Memory over capacity: drawn with a red outline and hatch. */
  alarm: boolean;
  /** During pipeline playback: what the GPU does at the cursor (playState.ts). */
  state?: PlayState;
}

export interface NodeFrame {
  node: number;
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  /** Where the label's baseline sits (above the frame). */
  labelY: number;
}

export interface HeatmapLayout {
  metric: HeatmapMetric;
  width: number;
  height: number;
  cellSize: number;
  cells: HeatCell[];
  frames: NodeFrame[];
  domain: [number, number];
  ticks: LegendTick[];
  stops: { offset: number; color: string }[];
  /** False for expert load on a dense model. */
  applicable: boolean;
  /** Ranks with no GPU (inCluster false). */
  missing: number;
  /** Cells over memory capacity. */
  alarms: number;
  showNodeLabels: boolean;
  showCellText: boolean;
  /** Index of each rank's cell in `cells`. */
  indexOfRank: Map<number, number>;
  geometry: Geometry;
}

export interface Geometry {
  s: number;
  gap: number;
  pad: number;
  nodeGap: number;
  labelH: number;
  innerCols: number;
  innerRows: number;
  nodeW: number;
  nodeH: number;
  nodesPerRow: number;
  nodeRows: number;
  gpusPerNode: number;
  height: number;
}

export const MAX_CELL = 40;
export const MIN_CELL = 4;
const LABEL_H = 14;
const LABEL_MIN_NODE_W = 46;

/**
 * Columns of GPUs inside a node: a divisor of gpusPerNode near √(2·n), so an
 * 8-GPU node is 4×2 and a 72-GPU NVL72 rack 12×6 (wide rather than tall).
 */
export function innerColumns(gpusPerNode: number): number {
  const n = Math.max(1, gpusPerNode);
  const target = Math.sqrt(2 * n);
  let best = n;
  for (let c = 1; c <= n; c++) if (n % c === 0 && Math.abs(c - target) < Math.abs(best - target)) best = c;
  return Math.abs(best - target) <= target / 2 ? best : Math.min(n, Math.ceil(target));
}

function geometryFor(s: number, nodes: number, gpusPerNode: number, width: number): Geometry {
  // Gaps shrink with the cells so 4096 GPUs fit a phone.
  const gap = s >= 16 ? 2 : 1;
  const pad = s >= 16 ? 4 : 2;
  const nodeGap = s >= 16 ? 10 : s >= 8 ? 6 : 3;
  const innerCols = innerColumns(gpusPerNode);
  const innerRows = Math.ceil(gpusPerNode / innerCols);
  const nodeW = innerCols * s + (innerCols - 1) * gap + 2 * pad;
  const nodeH = innerRows * s + (innerRows - 1) * gap + 2 * pad;
  const labelH = nodeW >= LABEL_MIN_NODE_W ? LABEL_H : 0;
  const nodesPerRow = Math.max(1, Math.min(nodes, Math.floor((width + nodeGap) / (nodeW + nodeGap))));
  const nodeRows = Math.ceil(nodes / nodesPerRow);
  const height = nodes === 0 ? 0 : nodeRows * (labelH + nodeH) + (nodeRows - 1) * nodeGap;
  return {
    s,
    gap,
    pad,
    nodeGap,
    labelH,
    innerCols,
    innerRows,
    nodeW,
    nodeH,
    nodesPerRow,
    nodeRows,
    gpusPerNode,
    height,
  };
}

/**
 * The largest cell (≤ 40 px) whose grid fits the width and the height
 * budget; if none fits the budget, the 4 px minimum (the chart grows taller,
 * never wider); below 4 px only when one node alone is wider than the box.
 */
export function chooseGeometry(nodes: number, gpusPerNode: number, width: number, maxHeight: number): Geometry {
  for (let s = MAX_CELL; s >= MIN_CELL; s--) {
    const g = geometryFor(s, nodes, gpusPerNode, width);
    if (g.nodeW <= width && g.height <= maxHeight) return g;
  }
  for (let s = MIN_CELL; s > 1; s--) {
    const g = geometryFor(s, nodes, gpusPerNode, width);
    if (g.nodeW <= width) return g;
  }
  return geometryFor(1, nodes, gpusPerNode, width);
}

export function defaultMaxHeight(width: number): number {
  return Math.max(200, Math.min(560, Math.round(width * 0.6)));
}

export function heatmapLayout(input: HeatmapInput): HeatmapLayout {
  const { perGpu, metric } = input;
  const gpusPerNode = Math.max(1, Math.floor(input.gpusPerNode) || 1);
  const width = Math.max(1, Math.floor(input.width));
  const ctx = { capacityBytes: input.capacityBytes, stepSeconds: input.stepSeconds };
  let maxRank = -1;
  for (const g of perGpu) if (g.rank > maxRank) maxRank = g.rank;
  const nodes = maxRank < 0 ? 0 : Math.floor(maxRank / gpusPerNode) + 1;
  const geo = chooseGeometry(nodes, gpusPerNode, width, input.maxHeight ?? defaultMaxHeight(width));
  const { s, gap, pad, nodeGap, labelH, innerCols, nodeW, nodeH, nodesPerRow } = geo;

  const dense = input.dense ?? perGpu.every((g) => g.expertLoad === 0);
  const applicable = !(metric === 'expertLoad' && dense);
  const values = perGpu.map((g) => metricValue(g, metric, ctx));
  // The domain follows the GPUs that exist: missing ranks are not drawn in colour.
  const domain = metricDomain(
    metric,
    values.filter((_, i) => perGpu[i].inCluster),
  );
  const colour = colourScale(domain);
  const span = domain[1] - domain[0] || 1;

  const frames: NodeFrame[] = [];
  for (let node = 0; node < nodes; node++) {
    const x = (node % nodesPerRow) * (nodeW + nodeGap);
    const top = Math.floor(node / nodesPerRow) * (labelH + nodeH + nodeGap);
    frames.push({ node, x, y: top + labelH, w: nodeW, h: nodeH, label: `node ${node}`, labelY: top + labelH - 3 });
  }

  const cells: HeatCell[] = new Array(perGpu.length);
  const indexOfRank = new Map<number, number>();
  let missing = 0;
  let alarms = 0;
  for (let i = 0; i < perGpu.length; i++) {
    const g = perGpu[i];
    // Position from the rank, not g.node, so hit-testing can invert it exactly.
    const node = Math.floor(g.rank / gpusPerNode);
    const slot = g.rank - node * gpusPerNode;
    const f = frames[node];
    const x = f.x + pad + (slot % innerCols) * (s + gap);
    const y = f.y + pad + Math.floor(slot / innerCols) * (s + gap);
    const value = values[i];
    const alarm = g.inCluster && metric === 'memory' && value > 1;
    if (!g.inCluster) missing++;
    if (alarm) alarms++;
    const t = Math.min(1, Math.max(0, (value - domain[0]) / span));
    let fill = colour(value);
    let textFill = textColourAt(t);
    let label = formatValue(metric, value);
    let short = shortValue(metric, value);
    if (!applicable) {
      fill = NA_FILL;
      textFill = '#57606a';
      label = 'not applicable (dense model)';
      short = '–';
    }
    if (!g.inCluster) {
      fill = MISSING_FILL;
      textFill = '#57606a';
      label = 'no GPU';
      short = '';
    }
    cells[i] = {
      rank: g.rank,
      node,
      x,
      y,
      w: s,
      h: s,
      value,
      fill,
      textFill,
      label,
      short,
      inCluster: g.inCluster,
      alarm,
    };
    indexOfRank.set(g.rank, i);
  }

  return {
    metric,
    width,
    height: geo.height,
    cellSize: s,
    cells,
    frames,
    domain,
    ticks: legendTicks(metric, domain),
    stops: legendStops(),
    applicable,
    missing,
    alarms,
    showNodeLabels: labelH > 0,
    showCellText: s >= 32,
    indexOfRank,
    geometry: geo,
  };
}

/**
 * The rank whose cell is under (x, y), or null. Constant time: inverts the
 * grid arithmetic. Half the gap between cells counts as the cell so the
 * tooltip does not flicker between neighbours.
 */
export function hitTest(layout: HeatmapLayout, x: number, y: number): number | null {
  const { s, gap, pad, nodeGap, labelH, innerCols, innerRows, nodeW, nodeH, nodesPerRow, gpusPerNode } =
    layout.geometry;
  if (x < 0 || y < 0) return null;
  const col = Math.floor(x / (nodeW + nodeGap));
  const row = Math.floor(y / (labelH + nodeH + nodeGap));
  if (col >= nodesPerRow) return null;
  const ix = x - col * (nodeW + nodeGap) - pad + gap / 2;
  const iy = y - row * (labelH + nodeH + nodeGap) - labelH - pad + gap / 2;
  const pitch = s + gap;
  const c = Math.floor(ix / pitch);
  const r = Math.floor(iy / pitch);
  if (ix < 0 || iy < 0 || c >= innerCols || r >= innerRows) return null;
  const slot = r * innerCols + c;
  if (slot >= gpusPerNode) return null;
  const rank = (row * nodesPerRow + col) * gpusPerNode + slot;
  return layout.indexOfRank.has(rank) ? rank : null;
}

export type NavKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/**
 * The rank the keyboard moves to from `rank`: left / right step through
 * ranks in order, up / down go to the nearest cell in the row of cells above
 * or below (across node frames), Home / End to the first and last rank.
 */
export function neighbour(layout: HeatmapLayout, rank: number | null, key: NavKey): number | null {
  const cells = layout.cells;
  if (cells.length === 0) return null;
  const i = rank === null ? undefined : layout.indexOfRank.get(rank);
  if (i === undefined || key === 'Home') return cells[0].rank;
  if (key === 'End') return cells[cells.length - 1].rank;
  if (key === 'ArrowRight') return cells[Math.min(cells.length - 1, i + 1)].rank;
  if (key === 'ArrowLeft') return cells[Math.max(0, i - 1)].rank;
  const me = cells[i];
  const cx = me.x + me.w / 2;
  const up = key === 'ArrowUp';
  let best = me;
  let bestDy = Infinity;
  let bestDx = Infinity;
  for (const c of cells) {
    const dy = up ? me.y - c.y : c.y - me.y;
    if (dy <= 0) continue;
    const dx = Math.abs(c.x + c.w / 2 - cx);
    if (dy < bestDy - 0.5 || (Math.abs(dy - bestDy) <= 0.5 && dx < bestDx)) {
      best = c;
      bestDy = dy;
      bestDx = dx;
    }
  }
  return best.rank;
}
