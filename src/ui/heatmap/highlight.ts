/**
 * Outlines that show a selected GPU's groups. Each relation has its own line
 * style (not only its own colour) so it reads in greyscale and for every
 * colour-vision type; every outline is drawn over a white halo so it stays
 * visible on both ends of viridis. Big cells nest the outlines (stage
 * outermost, TP innermost); small cells show only the closest relation.
 */
import type { GpuGroups } from './groups';
import type { HeatmapLayout } from './layout';

export type Relation = 'selected' | 'tp' | 'ep' | 'stage' | 'dp';

export interface RelationStyle {
  label: string;
  stroke: string;
  width: number;
  /** SVG / canvas dash pattern in px; empty for solid. */
  dash: number[];
}

export const RELATION_STYLES: Record<Relation, RelationStyle> = {
  selected: { label: 'Selected GPU', stroke: 'var(--oi-black)', width: 3, dash: [] },
  tp: { label: 'Tensor-parallel group', stroke: 'var(--oi-vermillion)', width: 2, dash: [] },
  ep: { label: 'Expert-parallel group', stroke: 'var(--oi-blue)', width: 2, dash: [4, 2] },
  stage: { label: 'Same pipeline stage', stroke: 'var(--oi-black)', width: 1, dash: [1, 2] },
  dp: { label: 'Data-parallel replicas', stroke: 'var(--oi-purple)', width: 2, dash: [6, 2, 1, 2] },
};

/** Drawing order: outer first. */
export const RELATION_ORDER: Relation[] = ['stage', 'dp', 'ep', 'tp', 'selected'];

export interface Outline {
  rank: number;
  relation: Relation;
  x: number;
  y: number;
  w: number;
  h: number;
}

const NEST_MIN_CELL = 14;

/** The relations each rank has to the selected GPU, closest first. */
function relationsOf(rank: number, g: GpuGroups, showEp: boolean): Relation[] {
  const out: Relation[] = [];
  if (rank === g.rank) out.push('selected');
  if (g.tp.has(rank) && rank !== g.rank) out.push('tp');
  if (showEp && g.ep.has(rank) && rank !== g.rank) out.push('ep');
  if (g.dp.has(rank) && rank !== g.rank) out.push('dp');
  if (g.stage.has(rank) && rank !== g.rank) out.push('stage');
  return out;
}

/** Outline rectangles for a selection, in drawing order (outer relations first). */
export function selectionOutlines(layout: HeatmapLayout, groups: GpuGroups | null, showEp = true): Outline[] {
  if (!groups) return [];
  const nest = layout.cellSize >= NEST_MIN_CELL;
  const inset: Record<Relation, number> = nest
    ? {
        stage: 0.5,
        dp: 0.5,
        ep: Math.round(layout.cellSize * 0.1) + 0.5,
        tp: Math.round(layout.cellSize * 0.2) + 0.5,
        selected: 1.5,
      }
    : { stage: 0.5, dp: 0.5, ep: 0.5, tp: 0.5, selected: 0.5 };
  const out: Outline[] = [];
  const members = new Set<number>([...groups.stage, ...groups.dp, groups.rank]);
  for (const rank of members) {
    const i = layout.indexOfRank.get(rank);
    if (i === undefined) continue;
    const c = layout.cells[i];
    const rel = relationsOf(rank, groups, showEp);
    for (const r of nest ? rel : rel.slice(0, 1)) {
      const d = inset[r];
      out.push({ rank, relation: r, x: c.x + d, y: c.y + d, w: Math.max(1, c.w - 2 * d), h: Math.max(1, c.h - 2 * d) });
    }
  }
  const order = new Map(RELATION_ORDER.map((r, i) => [r, i]));
  return out.sort((a, b) => order.get(a.relation)! - order.get(b.relation)!);
}

/** Ranks related to the selection at all: others are dimmed. */
export function relatedRanks(groups: GpuGroups | null, showEp = true): Set<number> | null {
  if (!groups) return null;
  return new Set([groups.rank, ...groups.tp, ...groups.stage, ...groups.dp, ...(showEp ? groups.ep : [])]);
}
