/**
 * Which layers each pipeline stage holds. The schedule's placement says how
 * many layer ranges ("model chunks") the model is cut into and which device
 * runs each virtual stage: chunk j on device j mod P for 1F1B and interleaved
 * 1F1B, stages i and 2P−1−i on device i for ZB-V, and for DualPipe the same
 * P stages twice (device i holds stage i for one direction and stage P−1−i
 * for the other). An uneven split is allowed (Megatron allows it for 61- or
 * 94-layer models): the first L mod (chunks) ranges hold one extra layer, and
 * the slower stages show in the simulated timeline.
 */
import { layerCounts } from './layers';
import type { Placement } from '../pipeline';
import type { ModelSpec } from '../scenario/types';

export interface Chunk {
  /** Virtual stage index j (0 … V − 1), the simulator's order. */
  index: number;
  device: number;
  fromLayer: number;
  toLayer: number;
  dense: number;
  moe: number;
  /** Holds the input embedding (first layer range) / the output head (last layer range). */
  hasEmbedding: boolean;
  hasOutputHead: boolean;
}

/** One chunk per virtual stage, in virtual-stage order. */
export function splitIntoChunks(model: ModelSpec, place: Placement): Chunk[] {
  const n = Math.max(1, place.modelChunks);
  const base = Math.floor(model.layers / n);
  const extra = model.layers % n;
  const ranges: { from: number; to: number }[] = [];
  for (let k = 0, from = 0; k < n; k++) {
    const to = from + base + (k < extra ? 1 : 0);
    ranges.push({ from, to });
    from = to;
  }
  return Array.from({ length: place.virtualStages }, (_, j) => {
    const k = place.modelChunkOf[j];
    const { from, to } = ranges[k];
    const c = layerCounts(model, from, to);
    return {
      index: j,
      device: place.deviceOf[j],
      fromLayer: from,
      toLayer: to,
      dense: c.dense,
      moe: c.moe,
      hasEmbedding: k === 0,
      hasOutputHead: k === n - 1,
    };
  });
}

/** The chunks of one device, in virtual-stage order. */
export function chunksOfDevice(chunks: Chunk[], device: number): Chunk[] {
  return chunks.filter((c) => c.device === device);
}
