/**
 * What an MoE layer runs beyond its expert GEMMs (cost-model.md §9), for one
 * micro-batch on one GPU: the router, the permutation of token copies around
 * the all-to-all, the gated activation over k × expert hidden, and the
 * grouped GEMM whose efficiency comes from the tokens each local expert gets.
 */
import type { ModelSpec, MoeSpec } from '../scenario/types';
import type { Device } from './device';
import { ZERO_TIMING, addTimings, gemmTiming, memoryOpTiming, type Timing } from './roofline';

export interface MoeShape {
  model: ModelSpec;
  moe: MoeSpec;
  /** Tokens this GPU owns in the MoE block (sequence-sharded over TP). */
  ownTokens: number;
  /** Token–expert assignments this GPU's experts process (the busiest GPU's). */
  assignments: number;
  /** Local experts that got at least one token. */
  activeExperts: number;
  /** Routed experts held by this GPU. */
  localExperts: number;
  etp: number;
  /** GPUs in the expert-parallel group. */
  epSize: number;
  /** DeepEP/HybridEP kernels: the dispatch gathers the sender's copies and the combine reduces them itself. */
  fusedDispatch?: boolean;
  device: Device;
  /** Every local expert runs on every token (serving/denseExperts.ts). */
  dense?: boolean;
}

/**
 * Router: a 16-bit GEMM of the tokens against the expert embeddings, then
 * softmax (or sigmoid), top-k and the load-balancing loss over fp32 logits:
 * written once and read by softmax, top-k and the loss, about 16 bytes per
 * logit (Megatron-Core router: logits and probabilities kept in fp32).
 */
export function routerTiming(c: MoeShape): Timing {
  const gemm = gemmTiming({ m: c.ownTokens, k: c.model.hidden, n: c.moe.experts }, c.device, 1, c.device.gemm16);
  const scoring = memoryOpTiming(16 * c.ownTokens * c.moe.experts, c.device, ROUTER_SCORING_KERNELS);
  return addTimings(c.device.gemm16.peakFlops, [gemm, scoring]);
}

/** Softmax or sigmoid, top-k, the load-balancing loss and its reductions. */
export const ROUTER_SCORING_KERNELS = 6;

/**
 * Permute and unpermute: each routed copy of a token is read and written at
 * hidden size when the sender gathers its copies by destination before the
 * dispatch and when it scatters them back after the combine; the receiver
 * sorts what it got by local expert (and back) when it holds more than one
 * expert of a group larger than one GPU (Megatron-Core's all-to-all dispatcher).
 * DeepEP and HybridEP read each token once inside the dispatch kernel and sum
 * the returning copies inside the combine, so the sender's passes go away.
 */
export function permuteTiming(c: MoeShape): Timing {
  const beta = c.device.bytesPerElement;
  const h = c.model.hidden;
  // Dense experts permute nothing: each expert's output is scaled by its router
  // weight and added to the sum (read it, read and write the sum).
  if (c.dense) return memoryOpTiming(3 * beta * c.assignments * h, c.device, c.localExperts);
  const sent = c.ownTokens * c.moe.topK;
  let bytes = c.fusedDispatch && c.epSize > 1 ? 0 : 2 * (2 * beta * sent * h); // permute and unpermute, read + write
  if (c.epSize > 1 && c.localExperts > 1) bytes += 2 * (2 * beta * c.assignments * h);
  return memoryOpTiming(bytes, c.device, permuteKernels(c));
}

export function permuteKernels(c: Pick<MoeShape, 'epSize' | 'localExperts'>): number {
  return 6 + (c.epSize > 1 && c.localExperts > 1 ? 2 : 0);
}

/** Up (and gate) then down projection of the routed experts, as one grouped GEMM each; rows per expert set the tile padding. */
export function routedExpertsTiming(c: MoeShape): Timing {
  if (c.activeExperts <= 0 || c.assignments <= 0) return ZERO_TIMING;
  const rows = c.assignments / c.activeExperts;
  const f = c.moe.expertHidden / c.etp;
  const up = (c.model.gatedFfn ? 2 : 1) * f;
  // Expert weights are read as stored (serving may keep them in MXFP4 or FP8).
  const unit = { ...c.device.gemm, weightBytes: c.device.expertWeightBytes };
  return addTimings(c.device.gemm.peakFlops, [
    gemmTiming({ m: rows, k: c.model.hidden, n: up, count: c.activeExperts }, c.device, 1, unit),
    gemmTiming({ m: rows, k: f, n: c.model.hidden, count: c.activeExperts }, c.device, 1, unit),
  ]);
}

/** Gated activation (SwiGLU reads gate and up, writes one) or GeLU over k × expert hidden per token. */
export function expertActivationTiming(c: MoeShape): Timing {
  const reads = c.model.gatedFfn ? 2 : 1;
  const bytes = c.device.bytesPerElement * c.assignments * (c.moe.expertHidden / c.etp) * (reads + 1);
  return memoryOpTiming(bytes, c.device);
}

/** Activation inputs and output gradients of the routed-expert GEMMs, in elements: what FP8 quantizes. */
export function expertGemmOperands(c: MoeShape): { inputs: number; outputs: number } {
  const f = c.moe.expertHidden / c.etp;
  const up = (c.model.gatedFfn ? 2 : 1) * f;
  return { inputs: c.assignments * (c.model.hidden + f), outputs: c.assignments * (up + c.model.hidden) };
}
