/**
 * Attention of one layer for one micro-batch on one GPU (cost-model.md §4,
 * §4b): the projections are GEMMs at the workload's GEMM precision; the core
 * (QKᵀ, softmax, ·V) is a fused FlashAttention kernel at the attention unit's
 * precision (16-bit unless FP8 attention is chosen), or, unfused, two batched
 * 16-bit GEMMs and a softmax over the stored scores.
 */
import type { ModelSpec } from '../scenario/types';
import type { Device } from './device';
import {
  GEMM_TILE,
  ZERO_TIMING,
  addTimings,
  gemmTiming,
  memoryOpTiming,
  tileUtilization,
  type Timing,
} from './roofline';

export interface AttentionShape {
  model: ModelSpec;
  /** New tokens per sequence in this pass (seqLen for prefill/training, 1 for a decode step). */
  tokens: number;
  /** Attention context length (seqLen, or the KV-cache length while decoding). */
  context: number;
  /** Sequences in the micro-batch. */
  microBatch: number;
  tp: number;
  flashAttention: boolean;
  device: Device;
}

/** Heads per TP rank; KV heads are replicated when there are fewer than TP ranks. */
export function headsPerRank(model: ModelSpec, tp: number) {
  return { q: model.heads / tp, kv: Math.max(model.kvHeads / tp, 1) };
}

/** GEMMs of the attention projections, for the host's kernel count. */
export function projectionGemms(model: ModelSpec): number {
  if (!model.mla) return 2;
  return model.mla.qLoraRank > 0 ? 5 : 4;
}

/** Activation inputs (elements per token) of the projection GEMMs: what FP8 quantizes before each. */
export function projectionInputsPerToken(model: ModelSpec, tp: number): number {
  const h = model.hidden;
  if (model.mla) {
    const mla = model.mla;
    return (mla.qLoraRank > 0 ? h + mla.qLoraRank : h) + h + mla.kvLoraRank + (model.heads * mla.vHeadDim) / tp;
  }
  return h + (model.heads * model.headDim) / tp;
}

export function attentionProjections(c: AttentionShape): Timing {
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
    return addTimings(device.gemm.peakFlops, parts);
  }
  const heads = headsPerRank(m, tp);
  const qkv = gemmTiming({ m: rows, k: h, n: (heads.q + 2 * heads.kv) * m.headDim }, device);
  const out = gemmTiming({ m: rows, k: heads.q * m.headDim, n: h }, device);
  return addTimings(device.gemm.peakFlops, [qkv, out]);
}

/** MLA's up-projections from the latents to the per-head Q, K and V: what selective recompute re-runs. */
export function mlaUpProjections(c: AttentionShape): Timing {
  const { model: m, tp, device } = c;
  if (!m.mla) return ZERO_TIMING;
  const mla = m.mla;
  const rows = c.tokens * c.microBatch;
  return addTimings(device.gemm.peakFlops, [
    gemmTiming(
      {
        m: rows,
        k: mla.qLoraRank > 0 ? mla.qLoraRank : m.hidden,
        n: (m.heads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim)) / tp,
      },
      device,
    ),
    gemmTiming({ m: rows, k: mla.kvLoraRank, n: (m.heads * (mla.qkNopeHeadDim + mla.vHeadDim)) / tp }, device),
  ]);
}

/** Share of the s×s score matrix a causal kernel computes: the lower triangle plus the diagonal tiles. */
export function causalFraction(tokens: number, context: number): number {
  if (tokens <= 1) return 1; // decode: one query attends to the whole cache
  return Math.min(1, 0.5 * (1 + GEMM_TILE / Math.max(tokens, context)));
}

/**
 * One decode step's attention: each new query reads the whole KV cache of
 * its sequence, in the cache's storage format, on the attention unit
 * (16-bit unless FP8 attention is chosen).
 * - Standard/grouped-query attention: 2·(d_qk + d_v) FLOPs per head per
 *   cached token; the cache holds 2·a_kv·d_h per token.
 * - MLA in its absorbed form (DeepSeek-V2 paper §2.1.3; FlashMLA): W_UK is
 *   folded into the query and W_UV applied after, so each head attends over
 *   the cached latent itself: scores over kv_lora_rank + rope dims, values
 *   over kv_lora_rank, 2·(2·d_c + d_r) FLOPs per head per cached token
 *   (3.4× the uncompressed 2·(d_qk + d_v) for DeepSeek-V3), while the cache
 *   read is the latent alone (d_c + d_r per token, shared by all heads and
 *   replicated on TP ranks). The absorbed projections cost what the
 *   up-projection does (attentionProjections).
 */
export function decodeAttention(c: AttentionShape): Timing {
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
  const bytes = c.microBatch * c.context * cacheElemsPerToken * device.kvBytes;
  const flops = count * c.context * flopsPerHeadToken;
  const unit = device.attention;
  const computeSeconds = flops / (unit.peakFlops * unit.efficiency);
  const memorySeconds = bytes / (device.memoryBandwidth * device.memoryBandwidthEfficiency);
  const seconds = Math.max(computeSeconds, memorySeconds) + device.kernelOverheadSeconds;
  return {
    flops,
    bytes,
    seconds,
    efficiency: flops / (seconds * unit.peakFlops),
    bound: computeSeconds >= memorySeconds ? 'compute' : 'memory',
  };
}

export function attentionCore(c: AttentionShape): Timing {
  const { model: m, device } = c;
  const heads = headsPerRank(m, c.tp);
  const qkDim = m.mla ? m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim : m.headDim;
  const vDim = m.mla ? m.mla.vHeadDim : m.headDim;
  const count = c.microBatch * heads.q;
  if (c.tokens <= 1) return decodeAttention(c);
  const unit = device.attention;
  if (c.flashAttention) {
    // FlashAttention (Dao 2022/2023): one fused kernel that skips fully masked
    // tiles and keeps the s×s scores on chip, so it moves only Q, K, V and O.
    const full = 2 * count * c.tokens * c.context * (qkDim + vDim);
    const flops = full * causalFraction(c.tokens, c.context);
    const bytes = device.bytesPerElement * count * (c.tokens * (qkDim + vDim) + c.context * (qkDim + vDim));
    const computeSeconds = flops / (unit.peakFlops * unit.efficiency * tileUtilization(c.tokens, c.context));
    const memorySeconds = bytes / (device.memoryBandwidth * device.memoryBandwidthEfficiency);
    const seconds = Math.max(computeSeconds, memorySeconds) + device.kernelOverheadSeconds;
    return {
      flops,
      bytes,
      seconds,
      efficiency: flops / (seconds * unit.peakFlops),
      bound: computeSeconds >= memorySeconds ? 'compute' : 'memory',
    };
  }
  // Unfused: two batched 16-bit GEMMs over the full s×s, and a softmax that
  // reads and writes the scores in 16-bit (scale, mask, softmax fused as in Megatron).
  const scores = gemmTiming({ m: c.tokens, n: c.context, k: qkDim, count }, device, 1, device.gemm16);
  const values = gemmTiming({ m: c.tokens, n: vDim, k: c.context, count }, device, 1, device.gemm16);
  const softmax = memoryOpTiming(4 * count * c.tokens * c.context, device);
  return addTimings(device.gemm16.peakFlops, [scores, values, softmax]);
}
