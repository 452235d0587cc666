/**
 * Roofline time of one block (cost-model.md §4, §4b): the larger of compute
 * time and memory time, plus the fixed per-kernel cost. A GEMM's efficiency
 * comes from its shape: tile quantization (a 130-row GEMM runs two 128-row
 * tiles), arithmetic intensity against the GPU's FLOP-to-byte ratio, and the
 * fixed kernel cost that small GEMMs cannot amortize.
 */
import type { Bound } from '../evaluation';
import type { ComputeUnit, Device } from './device';

/** Output tile edge of the GEMM kernels (CUTLASS/cuBLAS tensor-core tiles are 64–256; 128 typical). */
export const GEMM_TILE = 128;

export interface GemmShape {
  /** Rows of the activation (tokens). */
  m: number;
  /** Output features. */
  n: number;
  /** Reduction (input features). */
  k: number;
  /** Independent GEMMs of this shape run as one grouped/batched kernel (experts, heads). */
  count?: number;
}

export interface Timing {
  flops: number;
  bytes: number;
  efficiency: number;
  bound: Bound;
  seconds: number;
}

export const ZERO_TIMING: Timing = { flops: 0, bytes: 0, efficiency: 0, bound: 'compute', seconds: 0 };

const padUp = (x: number) => Math.ceil(x / GEMM_TILE) * GEMM_TILE;

/** Smallest row tile of the kernels (the m16n8k16 tensor-core instruction). */
export const MIN_ROW_TILE = 16;

/**
 * Row tile a kernel runs for m token rows. Large GEMMs use the 128-row tile;
 * a GEMM of fewer rows runs a tile just large enough (16, 32 or 64 rows, or
 * the weight side as the wide operand, as decode's GEMV-like kernels do), so
 * one decode token does not pay for 128 rows: it is bound by reading the
 * weights, as measured (gpt-fast batch-1 decode reaches most of the memory
 * bandwidth).
 */
function rowTile(m: number): number {
  if (m >= GEMM_TILE) return GEMM_TILE;
  return Math.max(MIN_ROW_TILE, 2 ** Math.ceil(Math.log2(Math.max(1, m))));
}

/** Share of the computed tile area that is useful work. */
export function tileUtilization(m: number, n: number): number {
  if (m <= 0 || n <= 0) return 1;
  const tile = rowTile(m);
  return (m * n) / (Math.ceil(m / tile) * tile * padUp(n));
}

/**
 * One (grouped) GEMM on one GPU, on `unit` (the workload's GEMM precision by
 * default). `kernels` fixed costs are paid (1 for a grouped kernel). It reads
 * the activation and weight operands at the unit's bytes and writes a 16-bit
 * output; `efficiency` is against the unit's own peak.
 */
export function gemmTiming(shape: GemmShape, device: Device, kernels = 1, unit: ComputeUnit = device.gemm): Timing {
  const count = shape.count ?? 1;
  const { m, n, k } = shape;
  if (m <= 0 || n <= 0 || k <= 0 || count <= 0) return ZERO_TIMING;
  const flops = 2 * m * n * k * count;
  const bytes = (unit.inputBytes * m * k + unit.weightBytes * k * n + device.bytesPerElement * m * n) * count;
  const computeSeconds = flops / (unit.peakFlops * unit.efficiency * tileUtilization(m, n));
  const memorySeconds = bytes / (device.memoryBandwidth * device.memoryBandwidthEfficiency);
  const seconds = Math.max(computeSeconds, memorySeconds) + kernels * device.kernelOverheadSeconds;
  return {
    flops,
    bytes,
    efficiency: flops / (seconds * unit.peakFlops),
    bound: computeSeconds >= memorySeconds ? 'compute' : 'memory',
    seconds,
  };
}

/** A memory-bound kernel (norms, residual adds, activations, softmax) moving `bytes`. */
export function memoryOpTiming(bytes: number, device: Device, kernels = 1, flops = 0): Timing {
  if (bytes <= 0 && flops <= 0) return ZERO_TIMING;
  const memorySeconds = bytes / (device.memoryBandwidth * device.memoryBandwidthEfficiency);
  const computeSeconds = flops / (device.gemm16.peakFlops * device.gemm16.efficiency);
  const seconds = Math.max(memorySeconds, computeSeconds) + kernels * device.kernelOverheadSeconds;
  return {
    flops,
    bytes,
    efficiency: flops / (seconds * device.gemm16.peakFlops),
    bound: memorySeconds >= computeSeconds ? 'memory' : 'compute',
    seconds,
  };
}

/** Sum of timings run one after another on a GPU of `peakFlops`. */
export function addTimings(peakFlops: number, parts: Timing[]): Timing {
  let flops = 0,
    bytes = 0,
    seconds = 0,
    computeBoundSeconds = 0;
  for (const p of parts) {
    flops += p.flops;
    bytes += p.bytes;
    seconds += p.seconds;
    if (p.bound === 'compute') computeBoundSeconds += p.seconds;
  }
  return {
    flops,
    bytes,
    seconds,
    efficiency: seconds > 0 ? flops / (seconds * peakFlops) : 0,
    bound: computeBoundSeconds >= seconds / 2 ? 'compute' : 'memory',
  };
}

/** Multiplies a timing's work and time by `factor` (e.g. the backward is 2× the forward). */
export function scaleTiming(t: Timing, factor: number): Timing {
  return { ...t, flops: t.flops * factor, bytes: t.bytes * factor, seconds: t.seconds * factor };
}
