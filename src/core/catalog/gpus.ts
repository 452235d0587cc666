/**
 * GPU presets: datasheet figures per accelerator, copied from
 * ../shared/fixtures/gpus.json (a test checks every field against it). The
 * data lives in TypeScript, not in a fetched JSON file, so the explorer works
 * offline and from any static host.
 *
 * Efficiencies are not datasheet figures: they come from the GPU's generation
 * (efficiency.ts), so one calibration covers every card of a generation.
 */
import type { Precision } from '../fields/rows';
import { GENERATION_EFFICIENCY, type GpuGeneration } from './efficiency';

export interface GpuPreset {
  id: string;
  name: string;
  generation: GpuGeneration;
  /** Dense (not sparse) tensor TFLOP/s per precision; a missing precision has no tensor-core support. */
  peakTflops: Partial<Record<Precision, number>>;
  memoryGB: number;
  memoryBandwidthTBps: number;
  /**
   * Streaming multiprocessors (AMD: compute units): how many GEMM output
   * tiles run at once, which sets wave quantization (compute/roofline.ts):
   * A100 108, H100/H200/H800 SXM 132 (NVIDIA A100 and H100 whitepapers),
   * B200 148 (NVIDIA Blackwell technical brief), MI300X 304 compute units
   * (AMD CDNA 3 whitepaper); null where the GPU is not a real part.
   */
  sms: number | null;
  /** Per GPU, one direction; null where the source gives no figure. */
  intraNodeGBps: number | null;
  interNodeGBps: number | null;
  computeEfficiency: number;
  memoryBandwidthEfficiency: number;
  source: string;
  /**
   * What the parser assumes for an interconnect figure that is null above,
   * with the reason; it lists the figure in the evaluation's `assumptions`.
   */
  assumedInterconnect?: { intraNodeGBps?: number; interNodeGBps?: number; why: string };
}

/** Fallback for a null interconnect figure that no preset documents: the seed scenario's assumption. */
export const FALLBACK_INTERCONNECT = { intraNodeGBps: 200, interNodeGBps: 25 } as const;

type Datasheet = Omit<GpuPreset, 'computeEfficiency' | 'memoryBandwidthEfficiency'>;

const DATASHEETS: Datasheet[] = [
  {
    id: 'seed-gpu',
    name: 'Seed document GPU',
    generation: 'seed',
    peakTflops: { fp16: 400, bf16: 400 },
    memoryGB: 64,
    memoryBandwidthTBps: 1.8,
    sms: null,
    intraNodeGBps: null,
    interNodeGBps: null,
    source: 'seed document: 400 TFLOPS, 60% MFU, 1.8 TB/s at 80%, 64 GB; interconnect not stated',
    assumedInterconnect: {
      intraNodeGBps: 200,
      interNodeGBps: 25,
      why: 'the seed document states no interconnect; 200 GB/s is NVLink-class, 25 GB/s one 200 Gb/s NIC per GPU',
    },
  },
  {
    id: 'a100-40gb',
    name: 'NVIDIA A100 40GB SXM',
    generation: 'ampere',
    peakTflops: { fp16: 312, bf16: 312 },
    memoryGB: 40,
    memoryBandwidthTBps: 1.555,
    sms: 108,
    intraNodeGBps: 300,
    interNodeGBps: 25,
    source: 'NVIDIA A100 datasheet',
  },
  {
    id: 'a100-80gb',
    name: 'NVIDIA A100 80GB SXM',
    generation: 'ampere',
    peakTflops: { fp16: 312, bf16: 312 },
    memoryGB: 80,
    memoryBandwidthTBps: 2.039,
    sms: 108,
    intraNodeGBps: 300,
    interNodeGBps: 25,
    source: 'NVIDIA A100 datasheet; NVLink3 600 GB/s bidirectional; HDR InfiniBand 200 Gb/s per GPU (Selene)',
  },
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100 SXM',
    generation: 'hopper',
    peakTflops: { fp16: 989, bf16: 989, fp8: 1979 },
    memoryGB: 80,
    memoryBandwidthTBps: 3.35,
    sms: 132,
    intraNodeGBps: 450,
    interNodeGBps: 50,
    source: 'NVIDIA H100 datasheet; NVLink4 900 GB/s bidirectional; one 400 Gb/s NIC per GPU',
  },
  {
    id: 'h200-sxm',
    name: 'NVIDIA H200 SXM',
    generation: 'hopper',
    peakTflops: { fp16: 989, bf16: 989, fp8: 1979 },
    memoryGB: 141,
    memoryBandwidthTBps: 4.8,
    sms: 132,
    intraNodeGBps: 450,
    interNodeGBps: 50,
    source: 'NVIDIA H200 datasheet',
  },
  {
    id: 'h800-sxm',
    name: 'NVIDIA H800 SXM',
    generation: 'hopper',
    peakTflops: { fp16: 989, bf16: 989, fp8: 1979 },
    memoryGB: 80,
    memoryBandwidthTBps: 3.35,
    sms: 132,
    intraNodeGBps: 200,
    interNodeGBps: 50,
    source:
      'NVLink 400 GB/s bidirectional; DeepSeek-V3 report section 3.2.2 measured about 160 GB/s NVLink and 50 GB/s InfiniBand achieved',
  },
  {
    id: 'b200',
    name: 'NVIDIA B200',
    generation: 'blackwell',
    peakTflops: { fp16: 2250, bf16: 2250, fp8: 4500 },
    memoryGB: 180,
    memoryBandwidthTBps: 7.7,
    sms: 148,
    intraNodeGBps: 900,
    interNodeGBps: 50,
    source:
      'NVIDIA DGX B200 specification; NVLink5 1.8 TB/s bidirectional; inter-node per-GPU NIC varies by system (400 or 800 Gb/s)',
  },
  {
    id: 'mi300x',
    name: 'AMD Instinct MI300X',
    generation: 'cdna3',
    peakTflops: { fp16: 1307.4, bf16: 1307.4, fp8: 2614.9 },
    memoryGB: 192,
    memoryBandwidthTBps: 5.3,
    sms: 304,
    intraNodeGBps: null,
    interNodeGBps: 50,
    source: 'AMD MI300X datasheet; Infinity Fabric per-GPU figure not verified here; one 400 Gb/s NIC per GPU typical',
    assumedInterconnect: {
      intraNodeGBps: 448,
      why: 'MI300X has 7 Infinity Fabric links of 128 GB/s bidirectional (64 GB/s each way) to the other 7 GPUs of an 8-GPU platform: 7 × 64 = 448 GB/s per direction, a peak, not a measured collective bandwidth',
    },
  },
];

/** Every GPU preset, in the order the UI lists them. */
export const GPU_PRESETS: readonly GpuPreset[] = DATASHEETS.map((d) => ({
  ...d,
  computeEfficiency: GENERATION_EFFICIENCY[d.generation].computeEfficiency,
  memoryBandwidthEfficiency: GENERATION_EFFICIENCY[d.generation].memoryBandwidthEfficiency,
}));

/** The ids a scenario's `hardware.gpu` may name. */
export const GPU_PRESET_IDS: readonly string[] = GPU_PRESETS.map((g) => g.id);

/** The preset with this id, or undefined. */
export function gpuPreset(id: string): GpuPreset | undefined {
  return GPU_PRESETS.find((g) => g.id === id);
}
