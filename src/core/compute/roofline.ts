/**
 * Roofline time of one block (cost-model.md §4, §4b): the larger of compute
 * time and memory time, plus the fixed per-kernel cost. A GEMM's efficiency
 * comes from its shape (gemmShapeEfficiency): tile quantization on rows and
 * columns (a 130-row GEMM runs two 128-row tiles), wave quantization (the
 * last wave of tiles leaves SMs idle), the per-tile prologue and epilogue
 * that a short reduction cannot amortize, arithmetic intensity against the
 * GPU's FLOP-to-byte ratio, and the fixed kernel cost that small GEMMs
 * cannot amortize. Sources: NVIDIA, "Matrix Multiplication Background User's
 * Guide" (DU-09799-001, 2023), §3.1 tile and §3.2 wave quantization; the
 * reduction term from DeepGEMM's published H800 table (see TILE_FILL_DRAIN).
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
  /**
   * Training backward of this block, when its GEMMs were timed with their own
   * shapes: input gradients (dA = dC·Bᵀ, reduced over N) and weight gradients
   * (dB = Aᵀ·dC, reduced over M). Absent: the backward is taken as 2× the forward.
   */
  backward?: { input: number; weight: number };
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

/** Output tiles of a (grouped) GEMM: `count` GEMMs of one shape in one kernel share the waves. */
export function gemmTiles(m: number, n: number, count = 1): number {
  if (m <= 0 || n <= 0 || count <= 0) return 0;
  return count * Math.ceil(m / rowTile(m)) * Math.ceil(n / GEMM_TILE);
}

/**
 * Share of the SM-time of whole waves that runs tiles: each SM runs one tile
 * at a time, so `tiles` take ceil(tiles / sms) waves and the last one leaves
 * SMs idle (Matrix Multiplication Background, §3.2: on A100's 108 SMs a GEMM
 * of 109 tiles takes two waves). 1 when the SM count is unknown.
 */
export function waveUtilization(tiles: number, sms: number | undefined): number {
  if (!sms || tiles <= 0) return 1;
  return tiles / (Math.ceil(tiles / sms) * sms);
}

/**
 * Reduction length that `computeEfficiency` refers to: it is what a GEMM with
 * K = 8192 (the size cuBLAS figures are usually quoted at), whole tiles and
 * whole waves reaches. A longer reduction runs slightly above it (toward the
 * asymptote), a shorter one below.
 */
export const REFERENCE_K = 8192;

/**
 * Each output tile pays a fixed prologue (filling the operand pipeline) and
 * epilogue (writing the tile) that its main loop over K must amortize, so
 * efficiency ∝ K / (K + K½). The fixed part is bandwidth-bound (moving a tile
 * in and out at the SM's share of memory bandwidth), so K½ scales with the
 * unit's FLOP-to-byte ratio: K½ = TILE_FILL_DRAIN × peak / bandwidth.
 *
 * TILE_FILL_DRAIN from DeepGEMM's published H800 FP8 table (deepseek-ai/
 * DeepGEMM README, February 2025, 1979 TFLOP/s peak, 3.35 TB/s): at M = 4096,
 * N = 7168 (same tiles and waves), K = 16384 runs 1358 TFLOP/s and K = 2048
 * 1025, a ratio of 0.755, which gives K½ = 797 = 1.35 × 1979 / 3.35. The
 * same table's other shapes are checked in roofline.test.ts, not fitted.
 */
export const TILE_FILL_DRAIN = 1.35;

/** K½ of a GEMM on `unit`: the reduction length at which the per-tile fixed cost equals the main loop. */
export function halfEfficiencyK(unit: ComputeUnit, device: Device): number {
  return (TILE_FILL_DRAIN * unit.peakFlops) / device.memoryBandwidth;
}

/**
 * Efficiency of a K-long reduction relative to REFERENCE_K, at most 1: a
 * longer reduction reaches what the reference does. (Above 1 the factor would
 * shrink as bandwidth grows, since K½ falls with it, and more bandwidth
 * would slow a long-K GEMM; capped, more bandwidth never slows one.)
 */
export function reductionUtilization(k: number, kHalf: number): number {
  if (k <= 0) return 0;
  return Math.min(1, (k / (k + kHalf)) * ((REFERENCE_K + kHalf) / REFERENCE_K));
}

export interface GemmShapeEfficiency {
  /** Useful share of the padded tile area. */
  tile: number;
  /** Busy share of the SMs over whole waves. */
  wave: number;
  /** The reduction's amortization of the per-tile fixed cost, relative to REFERENCE_K. */
  reduction: number;
  /** Slices the reduction is split into (split-K) to fill the SMs when there are fewer tiles than SMs. */
  splitK: number;
  /** tile × wave × reduction: what multiplies the unit's large-GEMM efficiency. */
  factor: number;
}

/**
 * Share of the large-GEMM efficiency a GEMM of this shape reaches. When there
 * are fewer tiles than SMs, libraries split the reduction (cuBLAS split-K,
 * CUTLASS stream-K) so that more SMs work; each slice pays the per-tile fixed
 * cost again, so the split chosen is the one (among powers of two that still
 * fit one wave) that gives the highest product.
 */
export function gemmShapeEfficiency(shape: GemmShape, sms: number | undefined, kHalf: number): GemmShapeEfficiency {
  const { m, n, k } = shape;
  const tiles = gemmTiles(m, n, shape.count ?? 1);
  const tile = tileUtilization(m, n);
  let best: GemmShapeEfficiency = { tile, wave: 1, reduction: 1, splitK: 1, factor: 0 };
  for (let splitK = 1; splitK === 1 || (sms && tiles * splitK <= sms); splitK *= 2) {
    const wave = waveUtilization(tiles * splitK, sms);
    const reduction = reductionUtilization(k / splitK, kHalf);
    const factor = tile * wave * reduction;
    if (factor > best.factor) best = { tile, wave, reduction, splitK, factor };
  }
  return best;
}

/**
 * One (grouped) GEMM on one GPU, on `unit` (the workload's GEMM precision by
 * default). `kernels` fixed costs are paid (1 for a grouped kernel). It reads
 * the activation and weight operands at the unit's bytes and writes a 16-bit
 * output; `efficiency` is against the unit's own peak. Its training backward
 * (input and weight gradients) is timed with the shapes those GEMMs have.
 */
export function gemmTiming(shape: GemmShape, device: Device, kernels = 1, unit: ComputeUnit = device.gemm): Timing {
  const forward = gemmPass(shape, device, kernels, unit);
  if (forward.seconds === 0) return forward;
  const { m, n, k, count } = shape;
  const input = gemmPass({ m, n: k, k: n, count }, device, kernels, unit).seconds;
  const weight = gemmPass({ m: k, n, k: m, count }, device, kernels, unit).seconds;
  return { ...forward, backward: { input, weight } };
}

/** One pass of a GEMM: the larger of its shaped compute time and its memory time, plus the kernel cost. */
function gemmPass(shape: GemmShape, device: Device, kernels: number, unit: ComputeUnit): Timing {
  const count = shape.count ?? 1;
  const { m, n, k } = shape;
  if (m <= 0 || n <= 0 || k <= 0 || count <= 0) return ZERO_TIMING;
  const flops = 2 * m * n * k * count;
  const bytes = (unit.inputBytes * m * k + unit.weightBytes * k * n + device.bytesPerElement * m * n) * count;
  const shaped = gemmShapeEfficiency(shape, device.sms, halfEfficiencyK(unit, device)).factor;
  const computeSeconds = flops / (unit.peakFlops * unit.efficiency * shaped);
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

/** The GEMM shape model as the assumptions list states it, with this GPU's SM count and K½. */
export function gemmShapeAssumption(device: Device): string {
  const kHalf = Math.round(halfEfficiencyK(device.gemm, device));
  const waves = device.sms
    ? `they run one per SM in waves over the GPU's ${device.sms} SMs, so a partial last wave is paid (NVIDIA, Matrix Multiplication Background, §3.2)`
    : 'no SM count is known for this GPU, so no wave quantization is charged';
  return `GEMM efficiency from each GEMM's shape: outputs are computed in ${GEMM_TILE} × ${GEMM_TILE} tiles (partial tiles are paid); ${waves}; fewer tiles than SMs split the reduction (split-K); each tile's prologue and epilogue cost ${kHalf} steps of its reduction (K½ from DeepGEMM's published H800 table, scaled by the FLOP-to-byte ratio), so short reductions run below hardware.computeEfficiency, which is what a whole-wave GEMM with K = ${REFERENCE_K} reaches; grouped expert GEMMs share the waves, and backward GEMMs are timed with their own shapes.`;
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
  // Parts timed without their own backward count 2× their forward, half each way.
  let input = 0,
    weight = 0,
    shapedBackward = false;
  for (const p of parts) {
    flops += p.flops;
    bytes += p.bytes;
    seconds += p.seconds;
    if (p.bound === 'compute') computeBoundSeconds += p.seconds;
    input += p.backward?.input ?? p.seconds;
    weight += p.backward?.weight ?? p.seconds;
    if (p.backward) shapedBackward = true;
  }
  return {
    flops,
    bytes,
    seconds,
    efficiency: seconds > 0 ? flops / (seconds * peakFlops) : 0,
    bound: computeBoundSeconds >= seconds / 2 ? 'compute' : 'memory',
    ...(shapedBackward ? { backward: { input, weight } } : {}),
  };
}

/** Multiplies a timing's work and time by `factor` (e.g. the backward is 2× the forward). */
export function scaleTiming(t: Timing, factor: number): Timing {
  const backward = t.backward && { input: t.backward.input * factor, weight: t.backward.weight * factor };
  return {
    ...t,
    flops: t.flops * factor,
    bytes: t.bytes * factor,
    seconds: t.seconds * factor,
    ...(backward ? { backward } : {}),
  };
}
