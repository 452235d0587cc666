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
  /**
   * Per operation kind, relative to `computeEfficiency` (so that a user who
   * changes hardware.computeEfficiency moves them all): what large FP8 GEMMs
   * reach of the FP8 peak, and what fused (Flash) attention reaches of the
   * 16-bit peak, as shares of what large 16-bit GEMMs reach of theirs.
   */
  fp8Share: number;
  attentionShare: number;
  /** Share of the nominal link bandwidth an all-to-all reaches inside a node (NVLink) and across nodes (network). */
  a2aIntraEfficiency: number;
  a2aInterEfficiency: number;
  opSource: string;
}

export const GENERATION_EFFICIENCY: Record<GpuGeneration, GenerationEfficiency> = {
  seed: {
    computeEfficiency: 0.6,
    memoryBandwidthEfficiency: 0.8,
    source: 'seed document: 60% of 400 TFLOPS, 80% of 1.8 TB/s (stated, not measured)',
    fp8Share: 1,
    attentionShare: 0.8,
    a2aIntraEfficiency: 0.8,
    a2aInterEfficiency: 0.8,
    opSource: 'seed GPU: no FP8; attention and all-to-all shares as for the measured generations (assumed)',
  },
  ampere: {
    computeEfficiency: 0.66,
    memoryBandwidthEfficiency: 0.8,
    source:
      'A100: the value that minimises the mean absolute error over all ten Megatron-LM Table 1 rows (Narayanan et al. 2021) at once (2.8%); cuBLAS FP16 GEMMs reach 70–85% of 312 TFLOP/s in isolation, less under a training job\'s power draw',
    fp8Share: 1,
    attentionShare: 0.9,
    a2aIntraEfficiency: 0.8,
    a2aInterEfficiency: 0.8,
    opSource: 'A100 has no FP8 tensor cores; FlashAttention-2 reaches 50–73% of the A100 peak forward and backward (Dao 2023, Fig. 4), about 0.9 of what large GEMMs reach',
  },
  hopper: {
    computeEfficiency: 0.62,
    memoryBandwidthEfficiency: 0.8,
    source:
      'H100/H200/H800: large BF16 GEMMs run at about 600–650 of 989 TFLOP/s in training (power-limited clocks); checked against both Megatron-Core MoE rows (Mixtral 8x22B, Qwen3-235B), not fitted to either',
    fp8Share: 0.8,
    attentionShare: 0.75,
    a2aIntraEfficiency: 0.75,
    a2aInterEfficiency: 0.8,
    opSource: 'H100: large FP8 GEMMs reach 65–70% of the FP8 peak against 75–80% for BF16 in isolation (cuBLAS), less under the higher power draw of FP8; fused attention (cuDNN/FlashAttention-3) reaches 450–550 TFLOP/s forward and backward, about 0.75 of the GEMM share; NCCL all-to-all bus bandwidth about 75% of NVLink and 80% of the 400 Gb/s NIC (nccl-tests on DGX H100); DeepEP measured 153 of 200 GB/s NVLink and 43–47 of 50 GB/s RDMA on H800 (DeepEP README)',
  },
  blackwell: {
    computeEfficiency: 0.58,
    memoryBandwidthEfficiency: 0.8,
    source:
      'B200: Megatron-Bridge 25.11 trained Llama3-8B in FP8 at 2.12× the H100 tokens/s per GPU (30,624 vs 14,451) against 2.27× the peak, so large GEMMs reach about 0.93 of the Hopper share (not a calibration row)',
    fp8Share: 0.8,
    attentionShare: 0.7,
    a2aIntraEfficiency: 0.75,
    a2aInterEfficiency: 0.8,
    opSource: 'B200: assumed the Hopper shares for FP8 (MXFP8) GEMMs and all-to-all; cuDNN attention on B200 reaches a smaller share of the doubled peak than GEMMs',
  },
  cdna3: {
    computeEfficiency: 0.45,
    memoryBandwidthEfficiency: 0.8,
    source: 'MI300X: public hipBLASLt BF16 GEMM measurements reach roughly 45–50% of the 1307 TFLOP/s peak; no published row here',
    fp8Share: 0.8,
    attentionShare: 0.7,
    a2aIntraEfficiency: 0.75,
    a2aInterEfficiency: 0.8,
    opSource: 'MI300X: assumed the Hopper shares; no published row here',
  },
};
