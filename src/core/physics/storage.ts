/**
 * Bytes per element of what serving stores and reads: weights, routed-expert
 * weights and the KV cache, each in its own format (issue 7: FP8 KV cache,
 * MXFP4 expert weights as gpt-oss ships them). Storage sets memory and the
 * bytes a memory-bound decode step reads; it does not set GEMM speed (MXFP4
 * weights are widened to the compute format inside the kernel on GPUs
 * without FP4 tensor cores).
 */
import type { StoragePrecision, WorkloadSpec } from '../scenario/types';
import { bytesPerElement } from './precision';
import { tensorPrecisions } from './tensorPrecision';

/**
 * MXFP4 (OCP Microscaling spec v1.0): 4-bit E2M1 elements in blocks of 32
 * sharing one 8-bit E8M0 scale, 4 + 8/32 = 4.25 bits per element.
 */
export const MXFP4_BYTES = bytesPerElement('mxfp4');

/** Bytes per element of a scenario storage format ('fp4' is MXFP4). */
export function storageBytes(p: StoragePrecision): number {
  return bytesPerElement(p === 'fp4' ? 'mxfp4' : p);
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
 * Formats of one workload, in bytes, as core/physics/tensorPrecision.ts
 * decides them (training: 16-bit weights, master copies counted with the
 * optimizer; inference: weights in 8 bits with fp8 precision, else 16; the
 * KV cache and the experts as the weights unless set).
 */
export function storageFormats(w: WorkloadSpec): StorageFormats {
  const p = tensorPrecisions(w);
  return {
    weightBytes: bytesPerElement(p.weights),
    expertWeightBytes: bytesPerElement(p.expertWeights),
    kvBytes: bytesPerElement(p.kvCache),
  };
}
