/**
 * Which layers each pipeline stage holds. Layers are split over P·v model
 * chunks (v = virtual stages per device, interleaved schedule); chunk j runs
 * on device j mod P. An uneven split is allowed (Megatron allows it for 61- or
 * 94-layer models): the first L mod (P·v) chunks hold one extra layer, and the
 * slower stages show in the simulated timeline.
 */
import { layerCounts } from '../model/layers';
import type { ModelSpec } from '../scenario/types';

export interface Chunk {
  /** Virtual stage index j (0 … P·v − 1). */
  index: number;
  device: number;
  fromLayer: number;
  toLayer: number;
  dense: number;
  moe: number;
  /** Holds the input embedding (first chunk) / the output head (last chunk). */
  hasEmbedding: boolean;
  hasOutputHead: boolean;
}

export function splitIntoChunks(model: ModelSpec, pp: number, virtualStages: number): Chunk[] {
  const n = Math.max(1, pp * virtualStages);
  const base = Math.floor(model.layers / n);
  const extra = model.layers % n;
  const chunks: Chunk[] = [];
  let from = 0;
  for (let j = 0; j < n; j++) {
    const size = base + (j < extra ? 1 : 0);
    const to = from + size;
    const c = layerCounts(model, from, to);
    chunks.push({ index: j, device: j % pp, fromLayer: from, toLayer: to, dense: c.dense, moe: c.moe, hasEmbedding: j === 0, hasOutputHead: j === n - 1 });
    from = to;
  }
  return chunks;
}

/** The chunks of one device, in model order. */
export function chunksOfDevice(chunks: Chunk[], device: number): Chunk[] {
  return chunks.filter((c) => c.device === device);
}
