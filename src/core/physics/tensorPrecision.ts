/**
 * Which format each tensor is kept in, from the workload. One place decides
 * it; memory, communication, the optimizer step and serving's byte counts
 * read it.
 */
import type { StoragePrecision as ScenarioStorage, WorkloadSpec } from '../scenario/types';
import type { StoragePrecision } from './precision';

export interface TensorPrecisions {
  /** The copy of the dense (non-expert) weights the matrix multiplications read. */
  weights: StoragePrecision;
  /** The routed experts' weights (serving may store them apart, e.g. MXFP4 as gpt-oss ships). */
  expertWeights: StoragePrecision;
  /** Gradients as accumulated and reduced over the data-parallel group. */
  gradients: StoragePrecision;
  /** Master weights and optimizer moments. */
  optimizerState: StoragePrecision;
  /** The optimizer's moments (Adam's m and v, SGD's momentum): BF16 with `bf16OptimizerMoments`, else as the state. */
  optimizerMoments: StoragePrecision;
  /** Activations stored for the backward pass. */
  activations: StoragePrecision;
  /** The stored copy of each GEMM's input (FP8 training keeps the FP8 cast for the weight gradient). */
  gemmInputs: StoragePrecision;
  /** Inputs of the gated activation (DeepSeek-V3 caches them in FP8: `fp8ActivationCache`). */
  activationInputs: StoragePrecision;
  /** Keys and values cached while serving. */
  kvCache: StoragePrecision;
}

export type PrecisionInput = Pick<WorkloadSpec, 'mode' | 'precision' | 'fp32MainGrads'> &
  Partial<
    Pick<
      WorkloadSpec,
      'weightPrecision' | 'expertWeightPrecision' | 'kvCachePrecision' | 'fp8ActivationCache' | 'bf16OptimizerMoments'
    >
  >;

/** The scenario's 'fp4' is MXFP4 (4-bit elements, one 8-bit scale per 32), the format gpt-oss ships. */
function stored(p: ScenarioStorage): StoragePrecision {
  return p === 'fp4' ? 'mxfp4' : p;
}

/**
 * The last answer and the fields it was read from: memory asks once per
 * layer kind and stage with the same workload, and the strategy search asks
 * for every strategy. Callers must not write to the result.
 */
let last: { w: PrecisionInput; out: TensorPrecisions } | null = null;

/**
 * - Training keeps 16-bit weights even at FP8: FP8 training casts each GEMM's
 *   inputs on the fly and keeps bf16 weights (Micikevicius et al. 2022, "FP8
 *   Formats for Deep Learning"; NVIDIA Transformer Engine), and stores the
 *   FP8 cast of each GEMM input for the weight gradient.
 * - Mixed-precision training keeps fp32 master weights and moments
 *   (Micikevicius et al. 2018); gradients are fp32 with Megatron's main
 *   gradients, else 16-bit (the ZeRO paper's accounting).
 * - Other stored activations are 16-bit at every compute precision.
 * - Serving stores weights at `weightPrecision` (default: FP8 at fp8, else
 *   16-bit), routed experts at `expertWeightPrecision` (default: as the
 *   weights) and the KV cache at `kvCachePrecision` (default: as the
 *   weights, but never below 8 bits).
 */
export function tensorPrecisions(w: PrecisionInput): TensorPrecisions {
  const l = last;
  if (
    l &&
    l.w.mode === w.mode &&
    l.w.precision === w.precision &&
    l.w.fp32MainGrads === w.fp32MainGrads &&
    l.w.weightPrecision === w.weightPrecision &&
    l.w.expertWeightPrecision === w.expertWeightPrecision &&
    l.w.kvCachePrecision === w.kvCachePrecision &&
    l.w.fp8ActivationCache === w.fp8ActivationCache &&
    l.w.bf16OptimizerMoments === w.bf16OptimizerMoments
  )
    return l.out;
  const out = decide(w);
  last = {
    w: {
      mode: w.mode,
      precision: w.precision,
      fp32MainGrads: w.fp32MainGrads,
      weightPrecision: w.weightPrecision,
      expertWeightPrecision: w.expertWeightPrecision,
      kvCachePrecision: w.kvCachePrecision,
      fp8ActivationCache: w.fp8ActivationCache,
      bf16OptimizerMoments: w.bf16OptimizerMoments,
    },
    out,
  };
  return out;
}

function decide(w: PrecisionInput): TensorPrecisions {
  const sixteenBit: StoragePrecision = w.precision === 'fp8' ? 'bf16' : w.precision;
  const training = w.mode === 'training';
  const fp8Training = training && w.precision === 'fp8';
  const gradients: StoragePrecision = w.fp32MainGrads ? 'fp32' : sixteenBit;
  const gemmInputs: StoragePrecision = fp8Training ? 'fp8' : sixteenBit;
  const activationInputs: StoragePrecision = fp8Training && w.fp8ActivationCache ? 'fp8' : sixteenBit;
  let weights: StoragePrecision = sixteenBit;
  let expertWeights: StoragePrecision = sixteenBit;
  let kvCache: StoragePrecision = sixteenBit;
  if (!training) {
    weights = stored(w.weightPrecision ?? (w.precision === 'fp8' ? 'fp8' : sixteenBit));
    expertWeights = w.expertWeightPrecision ? stored(w.expertWeightPrecision) : weights;
    kvCache = w.kvCachePrecision ?? (weights === 'mxfp4' ? 'fp8' : weights);
  }
  return {
    weights,
    expertWeights,
    gradients,
    optimizerState: 'fp32',
    // DeepSeek-V3 report 3.3.3 ("Low-Precision Optimizer States"): AdamW's moments in BF16, master weights fp32.
    optimizerMoments: training && w.bf16OptimizerMoments ? 'bf16' : 'fp32',
    activations: sixteenBit,
    gemmInputs,
    activationInputs,
    kvCache,
  };
}
