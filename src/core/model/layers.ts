/**
 * Which transformer layers carry experts.
 *
 * Convention (Megatron-Core, applied after DeepSeek's dense prefix):
 * - the first `moe.denseLayers` layers use a dense FFN of `ffnHidden`
 *   (DeepSeek's `first_k_dense_replace`);
 * - of the remaining layers, with remaining index r = layer − denseLayers,
 *   layer r is MoE when r % layerFrequency === 0. This is Megatron's
 *   `moe_layer_freq` pattern `[1 if i % freq == 0 else 0 for i in range(L)]`
 *   (megatron/training/arguments.py, theoretical_memory_usage.py), started at
 *   the first non-dense layer, so the first remaining layer is always MoE.
 * - With layerFrequency 1 (every released Mixtral, Qwen3, OLMoE, gpt-oss and
 *   DeepSeek model) every remaining layer is MoE.
 *
 * Note: DeepSeek's HF code tests the *absolute* index
 * (`layer >= first_k_dense_replace && layer % moe_layer_freq == 0`); the two
 * differ only when layerFrequency > 1 and denseLayers is not a multiple of it.
 *
 * Layers are numbered from 0.
 */
import type { ModelSpec } from '../scenario/types';

/** True when `layer` (0-based) has routed experts instead of a dense FFN. */
export function isMoeLayer(model: ModelSpec, layer: number): boolean {
  const moe = model.moe;
  if (moe === null) return false;
  if (layer < 0 || layer >= model.layers) return false;
  const r = layer - moe.denseLayers;
  if (r < 0) return false;
  const freq = Math.max(1, Math.floor(moe.layerFrequency));
  return r % freq === 0;
}

export interface LayerCounts {
  dense: number;
  moe: number;
}

/**
 * Dense and MoE layers in the half-open range [fromLayer, toLayer), clamped to
 * the model's layers. A pipeline stage holding layers 8..15 asks for (8, 16).
 *
 * @example layerCounts(model, 0, model.layers) // the whole model
 */
export function layerCounts(model: ModelSpec, fromLayer: number, toLayer: number): LayerCounts {
  const from = Math.max(0, Math.floor(fromLayer));
  const to = Math.min(model.layers, Math.floor(toLayer));
  let moe = 0;
  for (let layer = from; layer < to; layer++) if (isMoeLayer(model, layer)) moe++;
  return { dense: Math.max(0, to - from) - moe, moe };
}

/**
 * One dense and one MoE layer index of the model (null when it has none).
 * Every per-layer quantity (parameters, activations, time) depends only on a
 * layer's kind, so callers compute it once per kind and multiply by counts.
 */
const representatives = new WeakMap<ModelSpec, { dense: number | null; moe: number | null }>();

export function representativeLayers(model: ModelSpec): { dense: number | null; moe: number | null } {
  // Memoized per model object: every pipeline stage asks, and a model with one kind only scans all its layers.
  let hit = representatives.get(model);
  if (!hit) representatives.set(model, (hit = scanLayers(model)));
  return hit;
}

function scanLayers(model: ModelSpec): { dense: number | null; moe: number | null } {
  let dense: number | null = null;
  let moe: number | null = null;
  for (let layer = 0; layer < model.layers && (dense === null || moe === null); layer++) {
    if (isMoeLayer(model, layer)) moe ??= layer;
    else dense ??= layer;
  }
  return { dense, moe };
}
