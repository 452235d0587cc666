import type { HardwareSpec, Precision } from '../scenario/types';

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

export function deviceOf(hw: HardwareSpec, precision: Precision): Device {
  return {
    peakFlops: hw.peakTflops * 1e12,
    computeEfficiency: hw.computeEfficiency,
    memoryBandwidth: hw.memoryBandwidthTBps * 1e12,
    memoryBandwidthEfficiency: hw.memoryBandwidthEfficiency,
    kernelOverheadSeconds: KERNEL_OVERHEAD_SECONDS,
    bytesPerElement: bytesPerElement(precision),
  };
}
