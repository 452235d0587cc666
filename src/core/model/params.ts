/**
 * Exact parameter arithmetic (cost-model.md section 1).
 *
 * Counted: attention projections (no biases), FFN / expert / shared-expert
 * weight matrices, the router, two RMSNorm vectors per layer and the final
 * norm, the embedding and (unless tied) the output head. Not counted: biases
 * (gpt-oss has some), QK-norm vectors (Qwen3, OLMoE: 2·d_h or 2·h per layer),
 * attention sinks, DeepSeek's router bias and MTP module, learned position
 * embeddings. Each is below 0.1% of the published totals.
 *
 * The same accounting as Megatron-LM's
 * megatron/training/theoretical_memory_usage.py (compute_weight_and_optimizer_memory,
 * with RMSNorm, i.e. norm_size 1), including its MLA terms.
 */
import type { ParamCounts } from '../evaluation';
import type { ModelSpec } from '../scenario/types';
import { isMoeLayer } from './layers';

/** g: weight matrices per FFN, 3 for a gated (SwiGLU) FFN, else 2. */
export function ffnMatrices(model: ModelSpec): number {
  return model.gatedFfn ? 3 : 2;
}

/**
 * Attention parameters of one layer.
 *
 * Standard / GQA: Q and O are h × a·d_h, K and V are h × a_kv·d_h, so
 * h·d_h·(2a + 2a_kv).
 *
 * MLA (DeepSeek-V2, Liu et al. 2024, section 2.1.2 and Appendix C; V3 keeps it):
 * - query: W_DQ h×q_lora, RMSNorm q_lora, W_UQ and W_QR q_lora×a·(nope+rope);
 *   without a query latent (qLoraRank 0, V2-Lite) a single h×a·(nope+rope);
 * - key/value: W_DKV h×kv_lora plus the shared rotary key W_KR h×rope,
 *   RMSNorm kv_lora, W_UK and W_UV kv_lora×a·(nope+v);
 * - output: a·v×h.
 */
export function attentionParams(model: ModelSpec): number {
  const h = model.hidden;
  const mla = model.mla;
  if (mla === null) return h * model.headDim * (2 * model.heads + 2 * model.kvHeads);
  const a = model.heads;
  const qkDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  const q =
    mla.qLoraRank > 0
      ? h * mla.qLoraRank + mla.qLoraRank * a * qkDim + mla.qLoraRank // + q_a_layernorm
      : h * a * qkDim;
  const kv =
    h * (mla.kvLoraRank + mla.qkRopeHeadDim) + mla.kvLoraRank * a * (mla.qkNopeHeadDim + mla.vHeadDim) + mla.kvLoraRank; // + kv_a_layernorm
  const o = a * mla.vHeadDim * h;
  return q + kv + o;
}

/** Dense FFN of one layer: g·h·f. */
export function denseFfnParams(model: ModelSpec): number {
  return ffnMatrices(model) * model.hidden * model.ffnHidden;
}

/** One routed expert: g·h·f_e (0 for a dense model). */
export function expertParams(model: ModelSpec): number {
  if (model.moe === null) return 0;
  return ffnMatrices(model) * model.hidden * model.moe.expertHidden;
}

/**
 * All shared experts of one MoE layer: sharedExperts · g·h·sharedExpertHidden
 * (`sharedExpertHidden` is per shared expert, as DeepSeek's
 * `moe_intermediate_size`; Megatron's `moe_shared_expert_intermediate_size`
 * is the product sharedExperts · sharedExpertHidden).
 */
export function sharedExpertParams(model: ModelSpec): number {
  const moe = model.moe;
  if (moe === null) return 0;
  return moe.sharedExperts * ffnMatrices(model) * model.hidden * moe.sharedExpertHidden;
}

/** Router (gate) of one MoE layer: h·E. */
export function routerParams(model: ModelSpec): number {
  return model.moe === null ? 0 : model.hidden * model.moe.experts;
}

/** The two RMSNorm weight vectors of a layer (before attention, before the FFN). */
export function normParamsPerLayer(model: ModelSpec): number {
  return 2 * model.hidden;
}

/** Input embedding V·h. */
export function embeddingParams(model: ModelSpec): number {
  return model.vocab * model.hidden;
}

/** Output head V·h, or 0 when tied to the input embedding. */
export function outputHeadParams(model: ModelSpec): number {
  return model.tiedEmbeddings ? 0 : model.vocab * model.hidden;
}

/** Final norm before the output head. */
export function finalNormParams(model: ModelSpec): number {
  return model.hidden;
}

export interface LayerParams {
  attention: number;
  norms: number;
  denseFfn: number;
  routedExperts: number;
  sharedExperts: number;
  router: number;
}

/** Sum of a LayerParams. */
export function sumLayerParams(p: LayerParams): number {
  return p.attention + p.norms + p.denseFfn + p.routedExperts + p.sharedExperts + p.router;
}

/** Parameters stored for one layer (0-based); routedExperts holds all E experts. */
export function layerParams(model: ModelSpec, layer: number): LayerParams {
  const moeLayer = isMoeLayer(model, layer);
  return {
    attention: attentionParams(model),
    norms: normParamsPerLayer(model),
    denseFfn: moeLayer ? 0 : denseFfnParams(model),
    routedExperts: moeLayer && model.moe ? model.moe.experts * expertParams(model) : 0,
    sharedExperts: moeLayer ? sharedExpertParams(model) : 0,
    router: moeLayer ? routerParams(model) : 0,
  };
}

/** Parameters one token uses in one layer: topK routed experts instead of all E. */
export function activeLayerParams(model: ModelSpec, layer: number): LayerParams {
  const p = layerParams(model, layer);
  if (model.moe === null || p.routedExperts === 0) return p;
  return { ...p, routedExperts: Math.min(model.moe.topK, model.moe.experts) * expertParams(model) };
}

export type ModelParamCounts = Omit<ParamCounts, 'perGpuMax' | 'statedMismatchPct'>;

/**
 * Total and active parameters with a breakdown.
 *
 * active = withInputAndOutputEmbeddings (Mistral, Qwen, OLMoE). With tied
 * embeddings the one matrix counts once in both embedding conventions.
 * `withOutputEmbeddingOnly` is the gpt-oss convention (the input lookup is
 * not a matmul); `withoutEmbeddings` leaves out both matrices (it keeps the
 * final norm).
 */
export function countParams(model: ModelSpec): ModelParamCounts {
  const breakdown = {
    embedding: embeddingParams(model),
    outputHead: outputHeadParams(model),
    attention: 0,
    denseFfn: 0,
    routedExperts: 0,
    sharedExperts: 0,
    router: 0,
    norms: finalNormParams(model),
  };
  let activeLayers = 0;
  for (let layer = 0; layer < model.layers; layer++) {
    const p = layerParams(model, layer);
    breakdown.attention += p.attention;
    breakdown.norms += p.norms;
    breakdown.denseFfn += p.denseFfn;
    breakdown.routedExperts += p.routedExperts;
    breakdown.sharedExperts += p.sharedExperts;
    breakdown.router += p.router;
    activeLayers += sumLayerParams(activeLayerParams(model, layer));
  }
  const total =
    breakdown.embedding +
    breakdown.outputHead +
    breakdown.attention +
    breakdown.denseFfn +
    breakdown.routedExperts +
    breakdown.sharedExperts +
    breakdown.router +
    breakdown.norms;
  const withoutEmbeddings = activeLayers + finalNormParams(model);
  const outputMatrix = model.tiedEmbeddings ? breakdown.embedding : breakdown.outputHead;
  const activeConventions = {
    withInputAndOutputEmbeddings: withoutEmbeddings + breakdown.embedding + breakdown.outputHead,
    withOutputEmbeddingOnly: withoutEmbeddings + outputMatrix,
    withoutEmbeddings,
  };
  return { total, active: activeConventions.withInputAndOutputEmbeddings, activeConventions, breakdown };
}
