/**
 * Time of one transformer layer for one micro-batch on one GPU, from the
 * kernels it runs (cost-model.md §4, §4b, §9), each a named part so a reader
 * sees where a layer's time goes. Work is split the way a zero-bubble
 * schedule needs it: forward (F), backward for inputs (B) and backward for
 * weights (W); other schedules run B and W back to back.
 */
import type { ModelSpec } from '../scenario/types';
import {
  attentionCore,
  attentionProjections,
  mlaUpProjections,
  projectionGemms,
  projectionInputsPerToken,
} from './attention';
import type { Device } from './device';
import { exposedHostSeconds, type KernelCount } from './host';
import {
  expertActivationTiming,
  expertGemmOperands,
  permuteTiming,
  routedExpertsTiming,
  routerTiming,
  type MoeShape,
} from './moeLayer';
import { ZERO_TIMING, addTimings, gemmTiming, memoryOpTiming, type Timing } from './roofline';

export { causalFraction } from './attention';

export type LayerPart =
  | 'attentionProjections'
  | 'attentionCore'
  | 'denseFfn'
  | 'router'
  | 'permute'
  | 'routedExperts'
  | 'expertActivation'
  | 'sharedExperts'
  | 'fp8Quantize'
  | 'elementwise'
  | 'host';

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
  /** DeepSeek-V3's recompute of norms and MLA up-projections in the backward (report 3.2.3). */
  recomputeNormsAndUpProjections?: boolean;
  /** Token–expert assignments processed by this GPU's experts in one MoE layer (the straggler GPU's). */
  expertAssignments: number;
  /** Experts that hold this GPU's routed-expert weights, and how many of them got any token. */
  expertsPerGpu: number;
  activeExpertsPerGpu: number;
  /** GPUs of the expert-parallel group (1 without EP). */
  epSize?: number;
  /** No capacity factor: expert token counts go to the host every MoE layer forward. */
  dropless?: boolean;
  /** DeepEP/HybridEP dispatch and combine kernels (parallel.epNodeDedup): no separate sender-side permutation. */
  fusedDispatch?: boolean;
  /** Every local expert runs on every token (serving/denseExperts.ts): no permutation, a weighted sum instead. */
  denseExperts?: boolean;
  device: Device;
}

export interface LayerTiming {
  /** Forward time by part; `host` is what the GPU waits for the CPU. */
  forward: Record<LayerPart, Timing>;
  /** Backward time by part (input and weight gradients, recomputation included). */
  backward: Record<LayerPart, number>;
  forwardSeconds: number;
  /** Backward for inputs (activation gradients), including recomputation. */
  backwardInputSeconds: number;
  /** Backward for weights (weight gradients). */
  backwardWeightSeconds: number;
  /** Kernels the host issues in one forward. */
  kernels: KernelCount;
}

export const LAYER_PARTS: LayerPart[] = [
  'attentionProjections',
  'attentionCore',
  'denseFfn',
  'router',
  'permute',
  'routedExperts',
  'expertActivation',
  'sharedExperts',
  'fp8Quantize',
  'elementwise',
  'host',
];

/** Parts that are GEMMs with weights: backward = input gradient (1×) + weight gradient (1×). */
const WEIGHT_GEMMS: LayerPart[] = ['attentionProjections', 'denseFfn', 'router', 'routedExperts', 'sharedExperts'];

/** Up (and gate) then down projection of an FFN of `hidden` split `split` ways, over `rows` tokens. */
function ffn(rows: number, hidden: number, split: number, c: LayerShapeContext): Timing {
  if (rows <= 0 || hidden <= 0) return ZERO_TIMING;
  const up = (c.model.gatedFfn ? 2 : 1) * (hidden / split);
  return addTimings(c.device.gemm.peakFlops, [
    gemmTiming({ m: rows, k: c.model.hidden, n: up }, c.device),
    gemmTiming({ m: rows, k: hidden / split, n: c.model.hidden }, c.device),
  ]);
}

/** Norms, residual adds, the dense (and shared-expert) activation function: memory-bound. */
function elementwise(c: LayerShapeContext, isMoe: boolean): Timing {
  const { model: m, device } = c;
  const rows = c.tokens * c.microBatch;
  const hRows = c.sequenceParallel ? rows / c.tp : rows;
  const h = m.hidden;
  // Two norms (read + write h), two residual adds (read 2h, write h).
  let elems = hRows * (2 * 2 * h + 2 * 3 * h);
  const act = m.gatedFfn ? 3 : 2; // SwiGLU reads gate and up, writes one; GeLU reads one, writes one
  if (isMoe && m.moe) elems += (rows * m.moe.sharedExperts * act * m.moe.sharedExpertHidden) / c.tp;
  else elems += (rows * act * m.ffnHidden) / c.tp;
  return memoryOpTiming(elems * device.bytesPerElement, device, 4);
}

function moeShape(c: LayerShapeContext): MoeShape | null {
  const moe = c.model.moe;
  if (!moe) return null;
  return {
    model: c.model,
    moe,
    ownTokens: (c.tokens * c.microBatch) / c.tp,
    assignments: c.expertAssignments,
    activeExperts: c.activeExpertsPerGpu,
    localExperts: c.expertsPerGpu,
    etp: c.etp,
    epSize: c.epSize ?? 1,
    fusedDispatch: c.fusedDispatch ?? false,
    device: c.device,
    dense: c.denseExperts ?? false,
  };
}

/**
 * FP8 quantization (cost-model.md §9): before each FP8 GEMM its 16-bit
 * activation input is read and written as FP8, and in training also as a
 * transposed FP8 copy for the weight gradient (Transformer Engine), 4 bytes
 * per element; the backward quantizes each GEMM's output gradient the same way.
 */
export const FP8_QUANTIZE_BYTES_TRAINING = 4;
export const FP8_QUANTIZE_BYTES_INFERENCE = 3;

function quantizeElements(
  c: LayerShapeContext,
  isMoe: boolean,
  moe: MoeShape | null,
): { inputs: number; outputs: number } {
  const m = c.model;
  const rows = c.tokens * c.microBatch;
  const h = m.hidden;
  let inputs = rows * projectionInputsPerToken(m, c.tp);
  let outputs = rows * 2 * h; // projection outputs, about h each side
  const g = m.gatedFfn ? 2 : 1;
  const dense = (f: number) => {
    inputs += rows * (h + f / c.tp);
    outputs += rows * ((g * f) / c.tp + h);
  };
  if (isMoe && moe) {
    const e = expertGemmOperands(moe);
    inputs += e.inputs;
    outputs += e.outputs;
    if (m.moe!.sharedExperts > 0) dense(m.moe!.sharedExperts * m.moe!.sharedExpertHidden);
  } else dense(m.ffnHidden);
  return { inputs, outputs };
}

/**
 * Framework operations in one forward (counted from Megatron-Core's layer
 * code: a Transformer Engine attention block, the router with its top-k,
 * auxiliary and z-losses, the token dispatcher's count exchange,
 * permutation, all-to-all and chunk sorting, the grouped expert MLP), and
 * which a CUDA graph can capture: with dropless routing everything after the
 * token-count sync changes shape every step and stays eager. Serving engines
 * run MoE as a few fused kernels (vLLM/SGLang fused_moe) instead.
 */
export const HOST_OPS = {
  attention: 6,
  mlaExtra: 3,
  denseFfn: 5,
  sharedExperts: 4,
  /** Pre-MoE norm, router GEMM, top-k and softmax, load-balancing and z-losses, token counts. */
  routing: 20,
  /** Permute, dispatch, grouped fc1, activation, grouped fc2, combine, unpermute, residual. */
  dispatched: 19,
  /** Sorting received tokens by local expert, and back. */
  chunkSort: 2,
  /** Serving: router, fused MoE (sort, two grouped GEMMs, activation, weighted sum), residual. */
  fusedMoe: 9,
} as const;

export function forwardKernels(c: LayerShapeContext, isMoe: boolean): KernelCount {
  const m = c.model;
  const attention = HOST_OPS.attention + (m.mla ? HOST_OPS.mlaExtra : 0);
  const none = { launches: 0, launchesGraphable: true };
  if (!isMoe || !m.moe) return { graphable: attention + HOST_OPS.denseFfn, eager: 0, ...none };
  const shared = m.moe.sharedExperts > 0 ? HOST_OPS.sharedExperts : 0;
  if (!c.training) return { graphable: attention + HOST_OPS.fusedMoe + shared, eager: 0, ...none };
  const sort = (c.epSize ?? 1) > 1 && c.expertsPerGpu > 1 ? HOST_OPS.chunkSort : 0;
  const dispatched = HOST_OPS.dispatched + sort;
  // Transformer Engine's GroupedLinear launches one GEMM per local expert, for fc1 and fc2.
  const launches = 2 * Math.max(1, c.activeExpertsPerGpu);
  return c.dropless
    ? { graphable: attention + HOST_OPS.routing + shared, eager: dispatched, launches, launchesGraphable: false }
    : { graphable: attention + HOST_OPS.routing + shared + dispatched, eager: 0, launches, launchesGraphable: true };
}

/** Forward timing of one layer, by part (host not included). */
export function layerForward(c: LayerShapeContext, isMoe: boolean): Record<LayerPart, Timing> {
  const m = c.model;
  const rows = c.tokens * c.microBatch;
  const moe = isMoe ? moeShape(c) : null;
  const attention = {
    model: m,
    tokens: c.tokens,
    context: c.context,
    microBatch: c.microBatch,
    tp: c.tp,
    flashAttention: c.flashAttention,
    device: c.device,
  };
  let fp8Quantize = ZERO_TIMING;
  if (c.device.fp8Gemms) {
    const bytes = c.training ? FP8_QUANTIZE_BYTES_TRAINING : FP8_QUANTIZE_BYTES_INFERENCE;
    fp8Quantize = memoryOpTiming(bytes * quantizeElements(c, isMoe, moe).inputs, c.device, 0);
  }
  return {
    attentionProjections: attentionProjections(attention),
    attentionCore: attentionCore(attention),
    denseFfn: moe ? ZERO_TIMING : ffn(rows, m.ffnHidden, c.tp, c),
    router: moe ? routerTiming(moe) : ZERO_TIMING,
    permute: moe ? permuteTiming(moe) : ZERO_TIMING,
    routedExperts: moe ? routedExpertsTiming(moe) : ZERO_TIMING,
    expertActivation: moe ? expertActivationTiming(moe) : ZERO_TIMING,
    sharedExperts:
      moe && moe.moe.sharedExperts > 0
        ? ffn(rows, moe.moe.sharedExperts * moe.moe.sharedExpertHidden, c.tp, c)
        : ZERO_TIMING,
    fp8Quantize,
    elementwise: elementwise(c, !!moe),
    host: ZERO_TIMING,
  };
}

export type RecomputeKind = 'none' | 'selective' | 'full';

/**
 * What selective recompute re-runs, matching what memory/activations.ts
 * drops: the attention core when its s×s tensors were stored (not with
 * FlashAttention, which stores none), an MLA model's up-projections, and on
 * MoE layers the expert activation.
 */
/** MLA's up-projections of this layer shape (what both recomputes below may redo). */
function upProjectionSeconds(c: LayerShapeContext): number {
  const { model, tokens, context, microBatch, tp, flashAttention, device } = c;
  return mlaUpProjections({ model, tokens, context, microBatch, tp, flashAttention, device }).seconds;
}

function selectiveRecompute(c: LayerShapeContext, forward: Record<LayerPart, Timing>) {
  return {
    attentionCore: c.flashAttention ? 0 : forward.attentionCore.seconds,
    attentionProjections: upProjectionSeconds(c),
    expertActivation: forward.expertActivation.seconds,
  };
}

/**
 * What DeepSeek-V3's recompute of norms and up-projections (report 3.2.3)
 * re-runs before the backward: the two RMSNorms (read and write h per token
 * each, memory-bound) and, unless selective recompute already redoes them,
 * MLA's up-projections.
 */
function normsAndUpProjectionsRecompute(c: LayerShapeContext, recompute: RecomputeKind) {
  const rows = c.tokens * c.microBatch;
  const hRows = c.sequenceParallel ? rows / c.tp : rows;
  const norms = memoryOpTiming(hRows * 2 * 2 * c.model.hidden * c.device.bytesPerElement, c.device, 2).seconds;
  const up = recompute === 'selective' ? 0 : upProjectionSeconds(c);
  return { elementwise: norms, attentionProjections: up };
}

function hostTiming(seconds: number): Timing {
  return { flops: 0, bytes: 0, efficiency: 0, bound: 'latency', seconds };
}

/**
 * Full timing of one layer. Backward GEMMs cost twice the forward, half for
 * input gradients (B) and half for weight gradients (W). FlashAttention's
 * backward does 2.5× its forward FLOPs (it recomputes the scores; Dao 2023);
 * memory-bound parts move about twice their forward bytes; the permutation
 * moves the gradients back the same way. Recompute adds a forward before B:
 * the whole layer ("full"), or what selective recompute drops (see
 * selectiveRecompute; Korthikanti et al. 2022). The host issues about twice the forward's
 * kernels in the backward; only dropless forwards sync.
 */
export function layerTiming(c: LayerShapeContext, isMoe: boolean, recompute: RecomputeKind): LayerTiming {
  const forward = layerForward(c, isMoe);
  const moe = isMoe && !!c.model.moe;
  let gpuForward = 0;
  for (const p of LAYER_PARTS) gpuForward += forward[p].seconds;
  const kernels = forwardKernels(c, moe);
  const syncs = moe && c.dropless ? 1 : 0;
  // What the CPU issues after the dropless token-count sync (dispatch, experts, combine) drains instead of hiding.
  const gpuAfterSync = forward.permute.seconds + forward.routedExperts.seconds + forward.expertActivation.seconds;
  forward.host = hostTiming(exposedHostSeconds(gpuForward, kernels, c.device.host, syncs, gpuAfterSync));
  const forwardSeconds = gpuForward + forward.host.seconds;
  const backward = Object.fromEntries(LAYER_PARTS.map((p) => [p, 0])) as Record<LayerPart, number>;
  if (!c.training)
    return { forward, backward, forwardSeconds, backwardInputSeconds: 0, backwardWeightSeconds: 0, kernels };

  let weightSeconds = 0;
  for (const p of WEIGHT_GEMMS) {
    // Input and weight gradients timed with their own shapes (roofline.ts); else 2× the forward.
    const b = forward[p].backward;
    backward[p] = b ? b.input + b.weight : 2 * forward[p].seconds;
    weightSeconds += b ? b.weight : forward[p].seconds;
  }
  const core = forward.attentionCore;
  backward.attentionCore = c.flashAttention
    ? 2.5 * core.seconds
    : core.backward
      ? core.backward.input + core.backward.weight
      : 2 * core.seconds;
  backward.permute = forward.permute.seconds;
  backward.expertActivation = 2 * forward.expertActivation.seconds;
  backward.elementwise = 2 * forward.elementwise.seconds;
  if (c.device.fp8Gemms) {
    const q = quantizeElements(c, moe, moe ? moeShape(c) : null);
    backward.fp8Quantize = memoryOpTiming(FP8_QUANTIZE_BYTES_TRAINING * q.outputs, c.device, 0).seconds;
  }
  // Recomputation re-runs part of the forward before the input gradients.
  const selective = recompute === 'selective' ? selectiveRecompute(c, forward) : null;
  // Full recompute already re-runs the norms and up-projections.
  const normsAndUp =
    c.recomputeNormsAndUpProjections && recompute !== 'full' ? normsAndUpProjectionsRecompute(c, recompute) : null;
  let recomputeGpu = 0;
  if (recompute === 'full') recomputeGpu = gpuForward;
  else if (selective)
    recomputeGpu = selective.attentionCore + selective.attentionProjections + selective.expertActivation;
  if (normsAndUp) recomputeGpu += normsAndUp.elementwise + normsAndUp.attentionProjections;
  let gpuBackward = recomputeGpu;
  for (const p of LAYER_PARTS) gpuBackward += backward[p];
  const again = recompute === 'full' ? 1 : 0;
  const backwardKernels: KernelCount = {
    graphable: (2 + again) * kernels.graphable,
    eager: (2 + again) * kernels.eager,
    launches: (2 + again) * kernels.launches,
    launchesGraphable: kernels.launchesGraphable,
  };
  backward.host = exposedHostSeconds(gpuBackward, backwardKernels, c.device.host, recompute === 'full' ? syncs : 0);
  // Parts' backward totals include their recomputed forward, so the breakdown adds up.
  if (recompute === 'full') for (const p of LAYER_PARTS) if (p !== 'host') backward[p] += forward[p].seconds;
  if (selective) {
    backward.attentionCore += selective.attentionCore;
    backward.attentionProjections += selective.attentionProjections;
    backward.expertActivation += selective.expertActivation;
  }
  if (normsAndUp) {
    backward.elementwise += normsAndUp.elementwise;
    backward.attentionProjections += normsAndUp.attentionProjections;
  }
  let total = 0;
  for (const p of LAYER_PARTS) total += backward[p];
  return {
    forward,
    backward,
    forwardSeconds,
    backwardInputSeconds: total - weightSeconds,
    backwardWeightSeconds: weightSeconds,
    kernels,
  };
}
