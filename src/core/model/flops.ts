/**
 * FLOP counts (cost-model.md section 2). A multiply-add is 2 FLOPs; only
 * matrix multiplications are counted (norms, softmax, activations and rotary
 * embeddings are left out, as in Narayanan et al. 2021, Appendix, and
 * Megatron-LM's num_floating_point_operations).
 *
 * Two attention-core conventions:
 * - full (paper convention, Narayanan et al. 2021 eq. 3 and PaLM, Chowdhery
 *   et al. 2022, Appendix B): QK^T and AV over the whole s×s, 4·s·a·d_h per
 *   token per layer;
 * - causal (Megatron-Core megatron/training/training.py,
 *   num_floating_point_operations: "causal mask (only half of the mask is
 *   non-zero)"): half of that, and Megatron also leaves the router out.
 */
import type { ModelSpec } from '../scenario/types';
import { isMoeLayer } from './layers';
import { mtpBlockLayer, mtpDepth } from './mtp';
import { activeLayerParams } from './params';

export interface ForwardFlopsOptions {
  /** Halve the attention core for the causal mask (Megatron-Core convention). */
  causal: boolean;
  /** Count the router GEMM 2·h·E (Megatron-Core leaves it out). */
  includeRouter: boolean;
  /** MLA's core in the absorbed form decode runs (attentionCoreFlopsPerToken). */
  mlaAbsorbed?: boolean;
}

/** Per-token forward FLOPs of one layer, by part. */
export interface LayerFlops {
  /** Q/K/V/O projections (MLA: its down/up projections): 2 × attention params. */
  attentionLinear: number;
  /** QK^T and AV against `ctxLen` positions. */
  attentionCore: number;
  /** Dense FFN, or k routed experts plus the shared experts. */
  ffn: number;
  router: number;
  total: number;
}

/**
 * Attention core per token against ctxLen keys, full (non-causal) count:
 * standard 2·s·a·d_h (QK^T) + 2·s·a·d_h (AV) = 4·s·a·d_h;
 * MLA 2·s·a·(nope+rope) + 2·s·a·v (non-absorbed form, as Megatron counts it),
 * or with `absorbed` the form decode runs (DeepSeek-V2 §2.1.3; FlashMLA):
 * each head attends over the cached latent, 2·s·a·(2·kv_lora_rank + rope),
 * the count compute/attention.ts decodeAttention times.
 */
export function attentionCoreFlopsPerToken(model: ModelSpec, ctxLen: number, absorbed = false): number {
  const a = model.heads;
  const mla = model.mla;
  if (mla === null) return 4 * ctxLen * a * model.headDim;
  if (absorbed) return 2 * ctxLen * a * (2 * mla.kvLoraRank + mla.qkRopeHeadDim);
  return 2 * ctxLen * a * (mla.qkNopeHeadDim + mla.qkRopeHeadDim) + 2 * ctxLen * a * mla.vHeadDim;
}

/**
 * Forward FLOPs per token of one layer (0-based) with `ctxLen` positions in
 * the attention: 2 × (attention projection params + dense FFN or
 * (k·g·h·f_e + shared + router)) + the attention core.
 */
export function layerForwardFlops(
  model: ModelSpec,
  layer: number,
  ctxLen: number,
  opts: ForwardFlopsOptions,
): LayerFlops {
  const p = activeLayerParams(model, layer);
  const attentionLinear = 2 * p.attention;
  const core = attentionCoreFlopsPerToken(model, ctxLen, opts.mlaAbsorbed);
  const attentionCore = opts.causal ? core / 2 : core;
  const ffn = 2 * (p.denseFfn + p.routedExperts + p.sharedExperts);
  const router = opts.includeRouter ? 2 * p.router : 0;
  return { attentionLinear, attentionCore, ffn, router, total: attentionLinear + attentionCore + ffn + router };
}

/** Output head (logit layer) per token: 2·V·h (computed whether or not it is tied). */
export function outputHeadFlopsPerToken(model: ModelSpec): number {
  return 2 * model.vocab * model.hidden;
}

/** Forward FLOPs per token of all layers, without the output head. */
export function layersForwardFlopsPerToken(model: ModelSpec, seqLen: number, opts: ForwardFlopsOptions): number {
  // Every dense layer costs the same, and every MoE layer: compute each kind once.
  const perKind = new Map<boolean, number>();
  let sum = 0;
  for (let layer = 0; layer < model.layers; layer++) {
    const moe = isMoeLayer(model, layer);
    let flops = perKind.get(moe);
    if (flops === undefined) {
      flops = layerForwardFlops(model, layer, seqLen, opts).total;
      perKind.set(moe, flops);
    }
    sum += flops;
  }
  return sum;
}

/** Forward FLOPs per token: all layers plus the output head 2·V·h. */
export function forwardFlopsPerToken(model: ModelSpec, seqLen: number, opts: ForwardFlopsOptions): number {
  return layersForwardFlopsPerToken(model, seqLen, opts) + outputHeadFlopsPerToken(model);
}

/** Attention-core forward FLOPs per token over all layers (what selective recompute redoes). */
export function attentionCoreForwardFlopsPerToken(model: ModelSpec, seqLen: number, causal: boolean): number {
  const core = attentionCoreFlopsPerToken(model, seqLen);
  return model.layers * (causal ? core / 2 : core);
}

/**
 * Forward FLOPs per token of the multi-token-prediction modules (model/mtp.ts;
 * DeepSeek-V3 report 2.2), all D of them: each its block (the last layer's
 * shape), the 2h→h projection 2·2h·h and the shared output head 2·V·h again.
 */
export function mtpForwardFlopsPerToken(model: ModelSpec, seqLen: number, opts: ForwardFlopsOptions): number {
  const d = mtpDepth(model);
  if (d === 0) return 0;
  const block = layerForwardFlops(model, mtpBlockLayer(model), seqLen, opts).total;
  return d * (block + 2 * 2 * model.hidden * model.hidden + outputHeadFlopsPerToken(model));
}

/**
 * MLA's up-projections per token of one layer, 2·(q_lora·a·(nope + rope) +
 * kv_lora·a·(nope + v)) (q_lora = h when queries are full-rank): what
 * selective recompute and DeepSeek-V3's recompute of norms and up-projections
 * (report 3.2.3) re-run in the backward. 0 without MLA.
 */
export function mlaUpProjectionFlopsPerToken(model: ModelSpec): number {
  const mla = model.mla;
  if (mla === null) return 0;
  const a = model.heads;
  const q = (mla.qLoraRank > 0 ? mla.qLoraRank : model.hidden) * a * (mla.qkNopeHeadDim + mla.qkRopeHeadDim);
  const kv = mla.kvLoraRank * a * (mla.qkNopeHeadDim + mla.vHeadDim);
  return 2 * (q + kv);
}

export interface StepFlopsInput {
  /** Tokens in the step (global batch × sequence length). */
  tokens: number;
  seqLen: number;
  mode: 'training' | 'inference';
  recompute: 'none' | 'selective' | 'full';
  /** DeepSeek-V3's recompute of norms and MLA up-projections (workload.recomputeNormsAndUpProjections). */
  recomputeNormsAndUpProjections?: boolean;
}

export interface StepFlops {
  /** Model FLOPs, full s×s attention core, router included, no recompute. */
  model: number;
  /** Megatron-Core's num_floating_point_operations: causal half of the core, no router. */
  modelCausal: number;
  /** Model FLOPs plus the recomputed forward (what the hardware executes, full-core convention). */
  hardware: number;
}

/**
 * FLOPs of one step. Training = forward + backward with backward = 2 ×
 * forward (Narayanan et al. 2021, Appendix: each GEMM runs for the output,
 * the input gradient and the weight gradient), so 3 × forward. Recompute adds
 * one more forward of what is recomputed: "full" the layers (not the output
 * head, which Megatron never recomputes), "selective" only the attention core
 * (Korthikanti et al. 2022, section 5). Inference (a prefill over `tokens`)
 * runs one forward and recomputes nothing; for decode use decodeFlopsPerToken.
 */
export function stepFlops(model: ModelSpec, input: StepFlopsInput): StepFlops {
  const { tokens, seqLen } = input;
  const fullOpts = { causal: false, includeRouter: true };
  const causalOpts = { causal: true, includeRouter: false };
  const full = forwardFlopsPerToken(model, seqLen, fullOpts);
  const causal = forwardFlopsPerToken(model, seqLen, causalOpts);
  if (input.mode === 'inference') {
    return { model: tokens * full, modelCausal: tokens * causal, hardware: tokens * full };
  }
  // Training adds the multi-token-prediction modules (serving drops them).
  const mtp = mtpForwardFlopsPerToken(model, seqLen, fullOpts);
  const modelFlops = 3 * tokens * (full + mtp);
  // Recompute redoes the same in the MTP blocks as in the main model's layers (not the head or projection).
  const blocks = model.layers + mtpDepth(model);
  let recomputed = 0;
  if (input.recompute === 'full') {
    const mtpBlocks = mtpDepth(model) * layerForwardFlops(model, mtpBlockLayer(model), seqLen, fullOpts).total;
    recomputed = tokens * (layersForwardFlopsPerToken(model, seqLen, fullOpts) + mtpBlocks);
  } else if (input.recompute === 'selective') {
    // Korthikanti et al. 2022 §5: the attention core; MLA's up-projections too (layerTime.ts selectiveRecompute).
    recomputed =
      tokens * (blocks / model.layers) * attentionCoreForwardFlopsPerToken(model, seqLen, false) +
      tokens * blocks * mlaUpProjectionFlopsPerToken(model);
  } else if (input.recomputeNormsAndUpProjections) {
    // Norms are not GEMMs (not counted); the up-projections are.
    recomputed = tokens * blocks * mlaUpProjectionFlopsPerToken(model);
  }
  const mtpCausal = mtpForwardFlopsPerToken(model, seqLen, causalOpts);
  return { model: modelFlops, modelCausal: 3 * tokens * (causal + mtpCausal), hardware: modelFlops + recomputed };
}

/**
 * Forward FLOPs to generate one token with `ctxLen` positions in the KV cache
 * (the new one included): every layer's active weights once, the core against
 * all ctxLen keys (no causal halving: the one query sees them all), the
 * router, and the output head. MLA counted in the absorbed form decode runs
 * (the time model's form, so MFU counts the work it times and stays ≤ 1).
 */
export function decodeFlopsPerToken(model: ModelSpec, ctxLen: number): number {
  return forwardFlopsPerToken(model, ctxLen, { causal: false, includeRouter: true, mlaAbsorbed: true });
}

export interface NarayananInput {
  /** Global batch (sequences). */
  B: number;
  s: number;
  L: number;
  h: number;
  V: number;
  fullRecompute: boolean;
}

/**
 * Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on
 * GPU Clusters Using Megatron-LM", eq. 3 (dense GPT, f = 4h, a·d_h = h):
 * with full recompute F = 96·B·s·L·h²·(1 + s/(6h) + V/(16·L·h)); without it
 * 72·B·s·L·h²·(1 + s/(6h) + V/(12·L·h)). Derivation: a layer's forward is
 * 24·B·s·h² + 4·B·s²·h; ×3 for training, ×4 with the recomputed forward; the
 * logit layer adds 2·B·s·V·h forward, ×3 (never recomputed) = 6·B·s·V·h.
 */
export function narayananFlops({ B, s, L, h, V, fullRecompute }: NarayananInput): number {
  return fullRecompute
    ? 96 * B * s * L * h * h * (1 + s / (6 * h) + V / (16 * L * h))
    : 72 * B * s * L * h * h * (1 + s / (6 * h) + V / (12 * L * h));
}

/**
 * Routed-expert forward FLOPs per token over all layers (2·k·g·h·f_e per MoE
 * layer): the work a token dropped at full experts never gets, so it is
 * taken out of the model FLOPs (MFU counts only work done on the model).
 */
export function routedExpertFlopsPerToken(model: ModelSpec): number {
  let sum = 0;
  for (let layer = 0; layer < model.layers; layer++)
    if (isMoeLayer(model, layer)) sum += 2 * activeLayerParams(model, layer).routedExperts;
  return sum;
}
