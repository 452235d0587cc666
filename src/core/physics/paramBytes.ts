/**
 * Bytes per parameter of each model state, by optimizer and precision: the
 * one table memory, the data-parallel sync and the optimizer step all read.
 * Megatron's accounting with Adam: 2 (bf16 weights) + 4 (fp32 main
 * gradients) + 12 (fp32 master, m, v) = 18; the ZeRO paper's 16 with 16-bit
 * gradients (Rajbhandari et al. 2020).
 */
import type { WorkloadSpec } from '../scenario/types';
import { optimizerStateElements } from './optimizerState';
import { bytesPerElement } from './precision';
import { tensorPrecisions } from './tensorPrecision';

export interface BytesPerParam {
  /** Dense (non-expert) weights. */
  weights: number;
  /** Routed-expert weights (serving may store them in another format). */
  expertWeights: number;
  /** 0 when serving. */
  gradients: number;
  /** 0 when serving. */
  optimizer: number;
}

export type ParamBytesInput = Pick<WorkloadSpec, 'mode' | 'precision' | 'fp32MainGrads' | 'optimizer'> &
  Partial<Pick<WorkloadSpec, 'weightPrecision' | 'expertWeightPrecision' | 'bf16OptimizerMoments'>>;

export function bytesPerParam(w: ParamBytesInput): BytesPerParam {
  const p = tensorPrecisions(w);
  const weights = bytesPerElement(p.weights);
  const expertWeights = bytesPerElement(p.expertWeights);
  if (w.mode !== 'training') return { weights, expertWeights, gradients: 0, optimizer: 0 };
  return {
    weights,
    expertWeights,
    gradients: bytesPerElement(p.gradients),
    // The master weights, then the moments (which may be kept narrower).
    optimizer:
      bytesPerElement(p.optimizerState) +
      (optimizerStateElements(w.optimizer) - 1) * bytesPerElement(p.optimizerMoments),
  };
}
