import type { HardwareSpec, Precision } from '../scenario/types';
import type { StorageFormats } from '../serving/storage';

/**
 * What the time model needs to know about one GPU, in SI units.
 * `kernelOverheadSeconds` is the fixed cost every kernel pays on the GPU
 * (launch, ramp-up and the last partial wave of thread blocks): it is why a
 * small GEMM reaches a smaller share of peak than a large one.
 */
export interface Device {
  peakFlops: number;
  computeEfficiency: number;
  memoryBandwidth: number;
  memoryBandwidthEfficiency: number;
  kernelOverheadSeconds: number;
  /** Bytes per element of the compute precision. */
  bytesPerElement: number;
  /** Bytes per weight a GEMM reads (serving may store weights narrower than it computes). */
  weightBytesPerElement: number;
  /** The same for routed-expert weights. */
  expertWeightBytesPerElement: number;
  /** Bytes per cached key/value element. */
  kvBytesPerElement: number;
}

/**
 * Fixed GPU-side cost per kernel. CUDA kernel launch latency is about 2–5 µs
 * and a GEMM's last wave of tiles leaves part of the GPU idle; 4 µs is the
 * one value used for every generation (not fitted to any row).
 */
export const KERNEL_OVERHEAD_SECONDS = 4e-6;

export function bytesPerElement(precision: Precision): number {
  return precision === 'fp8' ? 1 : 2;
}

/** `storage`: the workload's weight and KV formats (serving/storage.ts); omitted, all at the compute precision. */
export function deviceOf(hw: HardwareSpec, precision: Precision, storage?: StorageFormats): Device {
  const compute = bytesPerElement(precision);
  return {
    peakFlops: hw.peakTflops * 1e12,
    computeEfficiency: hw.computeEfficiency,
    memoryBandwidth: hw.memoryBandwidthTBps * 1e12,
    memoryBandwidthEfficiency: hw.memoryBandwidthEfficiency,
    kernelOverheadSeconds: KERNEL_OVERHEAD_SECONDS,
    bytesPerElement: compute,
    weightBytesPerElement: storage?.weightBytes ?? compute,
    expertWeightBytesPerElement: storage?.expertWeightBytes ?? compute,
    kvBytesPerElement: storage?.kvBytes ?? compute,
  };
}
