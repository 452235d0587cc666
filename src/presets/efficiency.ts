/**
 * Default compute efficiency per GPU generation: the share of dense peak that
 * large, square GEMMs reach inside a training framework (clocks under power
 * limits, real kernels). Block efficiencies below this come from each GEMM's
 * shape (core/compute/roofline.ts). One number per generation, set from all
 * of that generation's published rows together, never from a single row.
 *
 * Reproduce the calibration table: `npx tsx scripts/calibrate.ts`.
 */
export type GpuGeneration = 'seed' | 'ampere' | 'hopper' | 'blackwell' | 'cdna3';

export interface GenerationEfficiency {
  computeEfficiency: number;
  memoryBandwidthEfficiency: number;
  source: string;
}

export const GENERATION_EFFICIENCY: Record<GpuGeneration, GenerationEfficiency> = {
  seed: {
    computeEfficiency: 0.6,
    memoryBandwidthEfficiency: 0.8,
    source: 'seed document: 60% of 400 TFLOPS, 80% of 1.8 TB/s (stated, not measured)',
  },
  ampere: {
    computeEfficiency: 0.66,
    memoryBandwidthEfficiency: 0.8,
    source:
      'A100: the value that minimises the mean absolute error over all ten Megatron-LM Table 1 rows (Narayanan et al. 2021) at once (2.8%); cuBLAS FP16 GEMMs reach 70–85% of 312 TFLOP/s in isolation, less under a training job\'s power draw',
  },
  hopper: {
    computeEfficiency: 0.62,
    memoryBandwidthEfficiency: 0.8,
    source:
      'H100/H200/H800: large BF16 GEMMs run at about 600–650 of 989 TFLOP/s in training (power-limited clocks); checked against both Megatron-Core MoE rows (Mixtral 8x22B, Qwen3-235B), not fitted to either',
  },
  blackwell: {
    computeEfficiency: 0.62,
    memoryBandwidthEfficiency: 0.8,
    source: 'B200: no published row here; assumed the same share of peak as Hopper',
  },
  cdna3: {
    computeEfficiency: 0.45,
    memoryBandwidthEfficiency: 0.8,
    source: 'MI300X: public hipBLASLt BF16 GEMM measurements reach roughly 45–50% of the 1307 TFLOP/s peak; no published row here',
  },
};
