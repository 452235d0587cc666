/**
 * Default compute efficiency per GPU generation: the fraction of dense peak
 * that large, square GEMMs reach in a training or inference framework.
 * One number per generation, never tuned to a single measurement row.
 * (Values and sources are filled in by core/compute/efficiency.ts's calibration notes.)
 */
export type GpuGeneration = 'seed' | 'ampere' | 'hopper' | 'blackwell' | 'cdna3';

export interface GenerationEfficiency {
  computeEfficiency: number;
  memoryBandwidthEfficiency: number;
  source: string;
}

export const GENERATION_EFFICIENCY: Record<GpuGeneration, GenerationEfficiency> = {
  seed: { computeEfficiency: 0.6, memoryBandwidthEfficiency: 0.8, source: 'seed document: 60% MFU, 80% of 1.8 TB/s' },
  ampere: { computeEfficiency: 0.7, memoryBandwidthEfficiency: 0.8, source: 'placeholder' },
  hopper: { computeEfficiency: 0.7, memoryBandwidthEfficiency: 0.8, source: 'placeholder' },
  blackwell: { computeEfficiency: 0.7, memoryBandwidthEfficiency: 0.8, source: 'placeholder' },
  cdna3: { computeEfficiency: 0.5, memoryBandwidthEfficiency: 0.8, source: 'placeholder' },
};
