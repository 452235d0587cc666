/**
 * What the time model needs to know about one GPU, in SI units, and which
 * unit each kind of operation runs on (cost-model.md §4b, §9): precision is
 * per operation, not per run. FP8 speeds the linear and expert GEMMs only;
 * the attention core (unless FP8 attention is chosen), the router, norms and
 * activations stay 16-bit.
 */
import { bytesPerElement } from '../physics/precision';
import { GENERATION_EFFICIENCY } from '../catalog/efficiency';
import { gpuPreset } from '../catalog/gpus';
import type { HardwareSpec, Precision, WorkloadSpec } from '../scenario/types';
import { hostOf, type Host } from './host';
import type { Runtime } from '../catalog/frameworks';
import type { StorageFormats } from '../physics/storage';

/** One kind of kernel: its peak at its precision, the share of it large kernels reach, and the bytes its operands take. */
export interface ComputeUnit {
  name: '16-bit' | 'fp8';
  peakFlops: number;
  efficiency: number;
  /** Bytes per element of the activation operand and of the weight operand as the kernel reads them. */
  inputBytes: number;
  weightBytes: number;
}

/**
 * `kernelOverheadSeconds` is the fixed cost every kernel pays on the GPU
 * (launch, ramp-up and drain): with the GEMM shape terms (roofline.ts), it
 * is why a small GEMM reaches a smaller share of peak than a large one.
 */
export interface Device {
  /** Dense peak at the workload precision (what MFU is reported against). */
  peakFlops: number;
  /** Large 16-bit GEMMs' share of the 16-bit peak (hardware.computeEfficiency). */
  computeEfficiency: number;
  memoryBandwidth: number;
  memoryBandwidthEfficiency: number;
  kernelOverheadSeconds: number;
  /** Streaming multiprocessors: GEMM output tiles that run at once (wave quantization); absent for a GPU without a preset. */
  sms?: number;
  /** Bytes per element of activations, as stored, moved between kernels and sent between GPUs (16-bit). */
  bytesPerElement: number;
  /** Bytes per element of the KV cache read while decoding. */
  kvBytes: number;
  /** Bytes per routed-expert weight as stored (serving may store experts narrower, e.g. MXFP4). */
  expertWeightBytes: number;
  /** Linear and expert GEMMs (FP8 when the workload's precision is fp8). */
  gemm: ComputeUnit;
  /** GEMMs that stay 16-bit: the router, and the unfused attention's batched GEMMs. */
  gemm16: ComputeUnit;
  /** Fused (Flash) attention: 16-bit unless FP8 attention is chosen. */
  attention: ComputeUnit;
  /** GEMMs run in FP8: each one's inputs are quantized first (cost-model.md §9). */
  fp8Gemms: boolean;
  host: Host;
}

/**
 * Fixed GPU-side cost per kernel. CUDA kernel launch latency is about 2–5 µs
 * and a kernel ramps up and drains; 4 µs is the one value used for every
 * generation (not fitted to any row). A GEMM's partial last wave of tiles is
 * charged by its shape (roofline.ts gemmShapeEfficiency), not here.
 */
export const KERNEL_OVERHEAD_SECONDS = 4e-6;

/** The per-operation shares of the GPU's generation and where each comes from (presets/efficiency.ts); a GPU without a preset takes Hopper's. */
export function operationShares(gpu: string) {
  const g = GENERATION_EFFICIENCY[gpuPreset(gpu)?.generation ?? 'hopper'];
  return {
    fp8Share: g.fp8Share,
    attentionShare: g.attentionShare,
    a2aIntra: g.a2aIntraEfficiency,
    a2aInter: g.a2aInterEfficiency,
    fp8Source: g.fp8Source,
    attentionSource: g.attentionSource,
    a2aSource: g.a2aSource,
  };
}

/**
 * The 16-bit peak: hardware.peakTflops is the peak at the workload precision,
 * so for fp8 it is scaled by the preset's 16-bit to FP8 ratio (½ on H100 and B200).
 */
function peak16Tflops(hw: HardwareSpec, precision: Precision): number {
  if (precision !== 'fp8') return hw.peakTflops;
  const p = gpuPreset(hw.gpu)?.peakTflops;
  const bf16 = p?.bf16 ?? p?.fp16;
  const fp8 = p?.fp8;
  return bf16 && fp8 ? hw.peakTflops * (bf16 / fp8) : hw.peakTflops;
}

/**
 * `storage`: the workload's weight and KV-cache formats (serving/storage.ts);
 * weights stored narrower than the GEMM computes are widened inside the
 * kernel, so they change the bytes read, not the peak.
 */
export function deviceOf(
  hw: HardwareSpec,
  precision: Precision,
  w?: Pick<WorkloadSpec, 'fp8Attention' | 'cudaGraphs'> & { runtime?: Runtime; training?: boolean },
  storage?: StorageFormats,
): Device {
  const shares = operationShares(hw.gpu);
  const fp8 = precision === 'fp8';
  const p16 = peak16Tflops(hw, precision) * 1e12;
  const unit16: ComputeUnit = {
    name: '16-bit',
    peakFlops: p16,
    efficiency: hw.computeEfficiency,
    inputBytes: 2,
    weightBytes: 2,
  };
  const unit8: ComputeUnit = {
    name: 'fp8',
    peakFlops: hw.peakTflops * 1e12,
    efficiency: hw.computeEfficiency * shares.fp8Share,
    inputBytes: 1,
    weightBytes: 1,
  };
  const attentionBase = fp8 && w?.fp8Attention ? unit8 : unit16;
  const linear = fp8 ? unit8 : unit16;
  const gemm: ComputeUnit = storage ? { ...linear, weightBytes: storage.weightBytes } : linear;
  return {
    peakFlops: hw.peakTflops * 1e12,
    computeEfficiency: hw.computeEfficiency,
    memoryBandwidth: hw.memoryBandwidthTBps * 1e12,
    memoryBandwidthEfficiency: hw.memoryBandwidthEfficiency,
    kernelOverheadSeconds: KERNEL_OVERHEAD_SECONDS,
    sms: gpuPreset(hw.gpu)?.sms ?? undefined,
    bytesPerElement: 2,
    kvBytes: storage?.kvBytes ?? bytesPerElement(precision),
    expertWeightBytes: storage?.expertWeightBytes ?? gemm.weightBytes,
    gemm,
    gemm16: unit16,
    attention: { ...attentionBase, efficiency: attentionBase.efficiency * shares.attentionShare },
    fp8Gemms: fp8,
    host: hostOf(w?.cudaGraphs ?? false, w?.runtime, w?.training),
  };
}
