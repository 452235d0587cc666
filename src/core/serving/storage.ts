/**
 * Bytes per element of what serving stores and reads: weights, routed-expert
 * weights and the KV cache, each in its own format (issue 7: FP8 KV cache,
 * MXFP4 expert weights as gpt-oss ships them). Storage sets memory and the
 * bytes a memory-bound decode step reads; it does not set GEMM speed (MXFP4
 * weights are widened to the compute format inside the kernel on GPUs
 * without FP4 tensor cores).
 */
import type { StoragePrecision, WorkloadSpec } from '../scenario/types';

/**
 * MXFP4 (OCP Microscaling spec v1.0): 4-bit E2M1 elements in blocks of 32
 * sharing one 8-bit E8M0 scale, 4 + 8/32 = 4.25 bits per element.
 */
export const MXFP4_BYTES = 4.25 / 8;

export function storageBytes(p: StoragePrecision): number {
  return p === 'fp4' ? MXFP4_BYTES : p === 'fp8' ? 1 : 2;
}

export interface StorageFormats {
  /** Dense (non-expert) weights, bytes per parameter. */
  weightBytes: number;
  /** Routed-expert weights, bytes per parameter. */
  expertWeightBytes: number;
  /** KV cache, bytes per cached element. */
  kvBytes: number;
}

/**
 * Formats of one workload. Training keeps 16-bit weights (master copies are
 * counted with the optimizer). Inference defaults, kept from before these
 * fields existed: weights in 8 bits with fp8 precision, else 16; the KV
 * cache and the experts as the weights.
 */
export function storageFormats(w: WorkloadSpec): StorageFormats {
  if (w.mode === 'training') return { weightBytes: 2, expertWeightBytes: 2, kvBytes: 2 };
  const weight: StoragePrecision = w.weightPrecision ?? (w.precision === 'fp8' ? 'fp8' : 'bf16');
  const weightBytes = storageBytes(weight);
  return {
    weightBytes,
    expertWeightBytes: w.expertWeightPrecision ? storageBytes(w.expertWeightPrecision) : weightBytes,
    kvBytes: w.kvCachePrecision ? storageBytes(w.kvCachePrecision) : Math.max(1, weightBytes),
  };
}
