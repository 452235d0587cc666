/**
 * What one layer's F and B blocks are made of, from the evaluation's
 * `blocks` (names "denseLayer.<part>" and "moeLayer.<part>"): one row per
 * kind of work, forward and backward seconds per micro-batch for each kind
 * of layer. Pure, so the table and its test share it.
 */
import type { BlockTiming } from '../../core';

export interface LayerPartRow {
  part: string;
  dense: { forward: number; backward: number } | null;
  moe: { forward: number; backward: number } | null;
}

export interface LayerParts {
  rows: LayerPartRow[];
  hasDense: boolean;
  hasMoe: boolean;
  /** Sum of each column, for the table's last row. */
  totals: { dense: { forward: number; backward: number }; moe: { forward: number; backward: number } };
}

export function layerParts(blocks: BlockTiming[]): LayerParts {
  const byPart = new Map<string, LayerPartRow>();
  const totals = { dense: { forward: 0, backward: 0 }, moe: { forward: 0, backward: 0 } };
  let hasDense = false;
  let hasMoe = false;
  for (const b of blocks) {
    const [layer, part] = b.name.split('.');
    if (!part || (layer !== 'denseLayer' && layer !== 'moeLayer')) continue;
    const row = byPart.get(part) ?? { part, dense: null, moe: null };
    const t = { forward: b.seconds, backward: b.backwardSeconds ?? 0 };
    if (layer === 'denseLayer') {
      row.dense = t;
      hasDense = true;
      totals.dense.forward += t.forward;
      totals.dense.backward += t.backward;
    } else {
      row.moe = t;
      hasMoe = true;
      totals.moe.forward += t.forward;
      totals.moe.backward += t.backward;
    }
    byPart.set(part, row);
  }
  const size = (r: LayerPartRow) =>
    (r.moe?.forward ?? 0) + (r.moe?.backward ?? 0) + (r.dense?.forward ?? 0) + (r.dense?.backward ?? 0);
  return { rows: [...byPart.values()].sort((a, b) => size(b) - size(a)), hasDense, hasMoe, totals };
}
