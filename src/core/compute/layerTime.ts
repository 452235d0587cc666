/**
 * Time of one transformer layer for one micro-batch on one GPU, from the
 * GEMM shapes it runs (cost-model.md §4, §4b). Work is split the way a
 * zero-bubble schedule needs it: forward (F), backward for inputs (B) and
 * backward for weights (W); other schedules run B and W back to back.
 */
import type { ModelSpec } from '../scenario/types';
import type { Device } from './device';
import { GEMM_TILE, ZERO_TIMING, addTimings, gemmTiming, memoryOpTiming, tileUtilization, type Timing } from './roofline';

export type LayerPart = 'attentionProjections' | 'attentionCore' | 'denseFfn' | 'router' | 'routedExperts' | 'sharedExperts' | 'elementwise';

export interface LayerShapeContext {
  model: ModelSpec;
  /** New tokens per sequence in this pass (seqLen for prefill/training, 1 for a decode step). */
  tokens: number;
  /** Attention context length (seqLen, or the KV-cache length while decoding). */
  context: number;
  /** Sequences in the micro-batch. */
  microBatch: number;
  tp: number;
  etp: number;
  sequenceParallel: boolean;
  flashAttention: boolean;
  training: boolean;
  /** Token–expert assignments processed by this GPU's experts in one MoE layer (the straggler GPU's). */
  expertAssignments: number;
  /** Experts that hold this GPU's routed-expert weights, and how many of them got any token. */
  expertsPerGpu: number;
  activeExpertsPerGpu: number;
  device: Device;
}

export interface LayerTiming {
  /** Forward time by part. */
  forward: Record<LayerPart, Timing>;
  forwardSeconds: number;
  /** Backward for inputs (activation gradients), including recomputation. */
  backwardInputSeconds: number;
  /** Backward for weights (weight gradients). */
  backwardWeightSeconds: number;
}

const PARTS: LayerPart[] = ['attentionProjections', 'attentionCore', 'denseFfn', 'router', 'routedExperts', 'sharedExperts', 'elementwise'];

/** Heads per TP rank; KV heads are replicated when there are fewer than TP ranks. */
function headsPerRank(model: ModelSpec, tp: number) {
  return { q: model.heads / tp, kv: Math.max(model.kvHeads / tp, 1) };
}

function attentionProjections(c: LayerShapeContext): Timing {
  const { model: m, tp, device } = c;
  const rows = c.tokens * c.microBatch;
  const h = m.hidden;
  if (m.mla) {
    const mla = m.mla;
    const qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    const parts = [
      // Down-projections are replicated on every TP rank (Megatron-Core MLA).
      mla.qLoraRank > 0 ? gemmTiming({ m: rows, k: h, n: mla.qLoraRank }, device) : ZERO_TIMING,
      gemmTiming({ m: rows, k: mla.qLoraRank > 0 ? mla.qLoraRank : h, n: (m.heads * qk) / tp }, device),
      gemmTiming({ m: rows, k: h, n: mla.kvLoraRank + mla.qkRopeHeadDim }, device),
      gemmTiming({ m: rows, k: mla.kvLoraRank, n: (m.heads * (mla.qkNopeHeadDim + mla.vHeadDim)) / tp }, device),
      gemmTiming({ m: rows, k: (m.heads * mla.vHeadDim) / tp, n: h }, device),
    ];
    return addTimings(device.peakFlops, parts);
  }
  const heads = headsPerRank(m, tp);
  const qkv = gemmTiming({ m: rows, k: h, n: (heads.q + 2 * heads.kv) * m.headDim }, device);
  const out = gemmTiming({ m: rows, k: heads.q * m.headDim, n: h }, device);
  return addTimings(device.peakFlops, [qkv, out]);
}

/** Share of the s×s score matrix a causal kernel computes: the lower triangle plus the diagonal tiles. */
export function causalFraction(tokens: number, context: number): number {
  if (tokens <= 1) return 1; // decode: one query attends to the whole cache
  return Math.min(1, 0.5 * (1 + GEMM_TILE / Math.max(tokens, context)));
}

/**
 * One decode step's attention: each new query reads the whole KV cache of
 * its sequence, in the cache's storage format.
 * - Standard/grouped-query attention: scores and values of d_h per head,
 *   2·(d_qk + d_v) FLOPs per head per cached token.
 * - MLA in its absorbed form (DeepSeek-V2 paper §2.1.3; FlashMLA): W_UK is
 *   folded into the query and W_UV applied after, so each head attends over
 *   the cached latent itself: scores over kv_lora_rank + rope dims, values
 *   over kv_lora_rank, 2·(2·d_c + d_r) FLOPs per head per cached token
 *   (3.4× the uncompressed 2·(d_qk + d_v) for DeepSeek-V3), while the cache
 *   read is the latent alone (d_c + d_r per token, shared by all heads and
 *   replicated on TP ranks). The absorbed projections cost what the
 *   up-projection does (attentionProjections).
 */
export function decodeAttention(c: LayerShapeContext): Timing {
  const { model: m, device } = c;
  const heads = headsPerRank(m, c.tp);
  const count = c.microBatch * heads.q;
  let cacheElemsPerToken: number;
  let flopsPerHeadToken: number;
  if (m.mla) {
    cacheElemsPerToken = m.mla.kvLoraRank + m.mla.qkRopeHeadDim;
    flopsPerHeadToken = 2 * (2 * m.mla.kvLoraRank + m.mla.qkRopeHeadDim);
  } else {
    cacheElemsPerToken = 2 * heads.kv * m.headDim;
    flopsPerHeadToken = 2 * 2 * m.headDim;
  }
  const bytes = c.microBatch * c.context * cacheElemsPerToken * device.kvBytesPerElement;
  return memoryOpTiming(bytes, device, 1, count * c.context * flopsPerHeadToken);
}

function attentionCore(c: LayerShapeContext): Timing {
  const { model: m } = c;
  // Score and value GEMMs multiply activations by activations: no stored weights.
  const device = { ...c.device, weightBytesPerElement: c.device.bytesPerElement };
  const heads = headsPerRank(m, c.tp);
  const qkDim = m.mla ? m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim : m.headDim;
  const vDim = m.mla ? m.mla.vHeadDim : m.headDim;
  const count = c.microBatch * heads.q;
  if (c.tokens <= 1) return decodeAttention(c);
  const scores = gemmTiming({ m: c.tokens, n: c.context, k: qkDim, count }, device, 0);
  const values = gemmTiming({ m: c.tokens, n: vDim, k: c.context, count }, device, 0);
  if (c.flashAttention) {
    // FlashAttention (Dao 2022/2023): one fused kernel that skips fully masked
    // tiles and keeps the s×s scores on chip, so it moves only Q, K, V and O.
    const frac = causalFraction(c.tokens, c.context);
    const flops = (scores.flops + values.flops) * frac;
    const bytes = device.bytesPerElement * count * (c.tokens * (qkDim + vDim) + c.context * (qkDim + vDim));
    const computeSeconds = flops / (device.peakFlops * device.computeEfficiency * tileUtilization(c.tokens, c.context));
    const memorySeconds = bytes / (device.memoryBandwidth * device.memoryBandwidthEfficiency);
    const seconds = Math.max(computeSeconds, memorySeconds) + device.kernelOverheadSeconds;
    return { flops, bytes, seconds, efficiency: flops / (seconds * device.peakFlops), bound: computeSeconds >= memorySeconds ? 'compute' : 'memory' };
  }
  // Unfused: two batched GEMMs over the full s×s, and a softmax that reads and
  // writes the scores in 16-bit (scale, mask, softmax fused as in Megatron).
  const softmaxBytes = 4 * count * c.tokens * c.context;
  const softmax = memoryOpTiming(softmaxBytes, device);
  return addTimings(device.peakFlops, [
    { ...scores, seconds: scores.seconds + device.kernelOverheadSeconds },
    { ...values, seconds: values.seconds + device.kernelOverheadSeconds },
    softmax,
  ]);
}

/** Up (and gate) then down projection of an FFN of `hidden` split `split` ways, over `rows` tokens. */
function ffn(rows: number, hidden: number, split: number, c: LayerShapeContext, count = 1, device = c.device): Timing {
  if (rows <= 0 || hidden <= 0 || count <= 0) return ZERO_TIMING;
  const up = (c.model.gatedFfn ? 2 : 1) * (hidden / split);
  return addTimings(device.peakFlops, [
    gemmTiming({ m: rows, k: c.model.hidden, n: up, count }, device),
    gemmTiming({ m: rows, k: hidden / split, n: c.model.hidden, count }, device),
  ]);
}

/** Norms, residual adds, activation function and (MoE) token permutation: memory-bound. */
function elementwise(c: LayerShapeContext, isMoe: boolean): Timing {
  const { model: m, device } = c;
  const rows = c.tokens * c.microBatch;
  const hRows = c.sequenceParallel ? rows / c.tp : rows;
  const h = m.hidden;
  // Two norms (read + write h), two residual adds (read 2h, write h).
  let elems = hRows * (2 * 2 * h + 2 * 3 * h);
  const act = m.gatedFfn ? 3 : 2; // SwiGLU reads gate and up, writes one; GeLU reads one, writes one
  if (isMoe && m.moe) {
    elems += c.expertAssignments * (act * m.moe.expertHidden) / c.etp;
    elems += 2 * 2 * c.expertAssignments * h; // permute and unpermute tokens
    elems += rows * m.moe.sharedExperts * act * m.moe.sharedExpertHidden / c.tp;
  } else {
    elems += rows * act * m.ffnHidden / c.tp;
  }
  return memoryOpTiming(elems * device.bytesPerElement, device, isMoe ? 10 : 6);
}

/** Forward timing of one layer, by part. */
export function layerForward(c: LayerShapeContext, isMoe: boolean): Record<LayerPart, Timing> {
  const m = c.model;
  const rows = c.tokens * c.microBatch;
  const moe = isMoe ? m.moe : null;
  const perExpertRows = moe && c.activeExpertsPerGpu > 0 ? c.expertAssignments / c.activeExpertsPerGpu : 0;
  return {
    attentionProjections: attentionProjections(c),
    attentionCore: attentionCore(c),
    denseFfn: moe ? ZERO_TIMING : ffn(rows, m.ffnHidden, c.tp, c),
    router: moe ? gemmTiming({ m: c.sequenceParallel ? rows / c.tp : rows, k: m.hidden, n: moe.experts }, c.device) : ZERO_TIMING,
    routedExperts: moe ? ffn(perExpertRows, moe.expertHidden, c.etp, c, c.activeExpertsPerGpu, { ...c.device, weightBytesPerElement: c.device.expertWeightBytesPerElement }) : ZERO_TIMING,
    sharedExperts: moe && moe.sharedExperts > 0 ? ffn(rows, moe.sharedExperts * moe.sharedExpertHidden, c.tp, c) : ZERO_TIMING,
    elementwise: elementwise(c, !!moe),
  };
}

export type RecomputeKind = 'none' | 'selective' | 'full';

/**
 * Full timing of one layer. Backward GEMMs cost twice the forward, half for
 * input gradients (B) and half for weight gradients (W). FlashAttention's
 * backward does 2.5× its forward FLOPs (it recomputes the scores; Dao 2023).
 * Recompute adds a forward before B: the whole layer ("full") or the
 * attention core ("selective", Korthikanti et al. 2022).
 */
export function layerTiming(c: LayerShapeContext, isMoe: boolean, recompute: RecomputeKind): LayerTiming {
  const forward = layerForward(c, isMoe);
  let forwardSeconds = 0;
  for (const p of PARTS) forwardSeconds += forward[p].seconds;
  if (!c.training) return { forward, forwardSeconds, backwardInputSeconds: 0, backwardWeightSeconds: 0 };
  const gemmParts: LayerPart[] = ['attentionProjections', 'denseFfn', 'router', 'routedExperts', 'sharedExperts'];
  let gemmSeconds = 0;
  for (const p of gemmParts) gemmSeconds += forward[p].seconds;
  const coreBackward = forward.attentionCore.seconds * (c.flashAttention ? 2.5 : 2);
  const elementwiseBackward = forward.elementwise.seconds * 2;
  const recomputeSeconds = recompute === 'full' ? forwardSeconds : recompute === 'selective' ? forward.attentionCore.seconds : 0;
  return {
    forward,
    forwardSeconds,
    backwardInputSeconds: gemmSeconds + coreBackward + elementwiseBackward + recomputeSeconds,
    backwardWeightSeconds: gemmSeconds,
  };
}

export const LAYER_PARTS = PARTS;
