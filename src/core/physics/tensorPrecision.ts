/**
 * Which format each tensor is kept in, from the workload. One place decides
 * it; memory, communication and the optimizer step read it. A scenario field
 * for, say, the KV cache's own format would be read here and nowhere else.
 */
import type { WorkloadSpec } from '../scenario/types';
import type { StoragePrecision } from './precision';

export interface TensorPrecisions {
  /** The copy of the weights the matrix multiplications read. */
  weights: StoragePrecision;
  /** Gradients as accumulated and reduced over the data-parallel group. */
  gradients: StoragePrecision;
  /** Master weights and optimizer moments. */
  optimizerState: StoragePrecision;
  /** Activations stored for the backward pass. */
  activations: StoragePrecision;
  /** Keys and values cached while serving. */
  kvCache: StoragePrecision;
}

export type PrecisionInput = Pick<WorkloadSpec, 'mode' | 'precision' | 'fp32MainGrads'>;

/**
 * - Training keeps 16-bit weights even at FP8: FP8 training casts each GEMM's
 *   inputs on the fly and keeps bf16 weights (Micikevicius et al. 2022, "FP8
 *   Formats for Deep Learning"; NVIDIA Transformer Engine). Serving at FP8
 *   stores FP8 weights.
 * - Mixed-precision training keeps fp32 master weights and moments
 *   (Micikevicius et al. 2018); gradients are fp32 with Megatron's main
 *   gradients, else 16-bit (the ZeRO paper's accounting).
 * - Stored activations are 16-bit at every compute precision
 *   (memory/activations.ts); the KV cache is at the serving precision.
 */
export function tensorPrecisions(w: PrecisionInput): TensorPrecisions {
  const sixteenBit: StoragePrecision = w.precision === 'fp8' ? 'bf16' : w.precision;
  const serving = w.mode === 'inference';
  return {
    weights: serving ? w.precision : sixteenBit,
    gradients: w.fp32MainGrads ? 'fp32' : sixteenBit,
    optimizerState: 'fp32',
    activations: sixteenBit,
    kvCache: serving ? w.precision : sixteenBit,
  };
}
