/**
 * Default compute efficiency per GPU generation: the share of dense peak that
 * large, square GEMMs reach inside a training framework (clocks under power
 * limits, real kernels): precisely, a GEMM with an 8192-long reduction whose
 * tiles fill whole waves (roofline.ts REFERENCE_K). Block efficiencies below
 * this come from each GEMM's shape (core/compute/roofline.ts
 * gemmShapeEfficiency: tile and wave quantization, short reductions). One
 * number per generation, set from all of that generation's published rows
 * together, never from a single row.
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
  /** Where each per-operation share comes from, measured on this generation or assumed from another (the assumptions list cites them). */
  fp8Source: string;
  attentionSource: string;
  a2aSource: string;
  /**
   * Share of the nominal link bandwidth each ring or tree collective reaches
   * (NCCL bus bandwidth, large messages), inside a node (NVLink) and across
   * nodes (the GPU's NIC), as nccl-tests measure them; at most 1.
   */
  collectiveEfficiency: CollectiveEfficiency;
  collectiveSource: string;
}

export type CollectiveKind = 'allReduce' | 'allGather' | 'reduceScatter';
export type CollectiveEfficiency = Record<CollectiveKind, { intra: number; inter: number }>;

/**
 * Across nodes a ring runs on one NIC per GPU; multi-node nccl-tests reach
 * about the NICs' line rate (all_reduce bus bandwidth 400–450 GB/s per node of
 * 8 H100 on 8 × 400 Gb/s NDR, Saturn Cloud's validation guide), and the model
 * already charges a group that spans nodes one GPU's NIC where NCCL's rings
 * use all of the node's (assumptions), so no further discount there.
 */
const NIC_RING = 1;
/** A ring over NVLink without in-switch reduction: nccl-tests all_reduce on 8 × A100 SXM4, 230–250 of 300 GB/s. */
const NVLINK_RING = 0.8;

export const GENERATION_EFFICIENCY: Record<GpuGeneration, GenerationEfficiency> = {
  seed: {
    computeEfficiency: 0.6,
    memoryBandwidthEfficiency: 0.8,
    source: 'seed document: 60% of 400 TFLOPS, 80% of 1.8 TB/s (stated, not measured)',
    fp8Share: 1,
    attentionShare: 0.8,
    a2aIntraEfficiency: 0.8,
    a2aInterEfficiency: 0.8,
    fp8Source: 'seed GPU: no FP8, so FP8 runs at the 16-bit share',
    attentionSource: 'seed GPU: assumed as for the measured generations',
    a2aSource: 'seed GPU: assumed as for the measured generations',
    collectiveEfficiency: {
      allReduce: { intra: NVLINK_RING, inter: NIC_RING },
      allGather: { intra: NVLINK_RING, inter: NIC_RING },
      reduceScatter: { intra: NVLINK_RING, inter: NIC_RING },
    },
    collectiveSource:
      'seed GPU: assumed as A100 (rings over NVLink at 80%, nccl-tests 230–250 of 300 GB/s; across nodes at the NIC line rate)',
  },
  ampere: {
    computeEfficiency: 0.71,
    memoryBandwidthEfficiency: 0.8,
    source:
      "A100: the least-squares value over all ten Megatron-LM Table 1 rows (Narayanan et al. 2021) at once (3.6% mean absolute error), with each GEMM's tile and wave quantization and short-reduction cost charged (0.66 and 2.8% when one efficiency served every shape); cuBLAS FP16 GEMMs reach 70–85% of 312 TFLOP/s in isolation, less under a training job's power draw",
    fp8Share: 1,
    attentionShare: 0.9,
    a2aIntraEfficiency: 0.8,
    a2aInterEfficiency: 0.8,
    fp8Source: 'A100 has no FP8 tensor cores, so FP8 runs at the 16-bit share',
    attentionSource:
      'FlashAttention-2 on A100: 50–73% of the peak forward and backward (Dao 2023, Fig. 4), about 0.9 of what large GEMMs reach',
    a2aSource: 'A100: assumed, no all-to-all measurement on this generation here',
    collectiveEfficiency: {
      allReduce: { intra: NVLINK_RING, inter: NIC_RING },
      allGather: { intra: NVLINK_RING, inter: NIC_RING },
      reduceScatter: { intra: NVLINK_RING, inter: NIC_RING },
    },
    collectiveSource:
      'nccl-tests on 8 × A100 SXM4: all_reduce bus bandwidth 230–250 of 300 GB/s NVLink (about 80%; alayanew "NCCL-tests in practice" reference table), all-gather and reduce-scatter the same rings; across nodes about the NIC line rate (Saturn Cloud NCCL validation guide)',
  },
  hopper: {
    computeEfficiency: 0.61,
    memoryBandwidthEfficiency: 0.8,
    source:
      'H100/H200/H800: large BF16 GEMMs run at about 600–650 of 989 TFLOP/s in training (power-limited clocks); 0.61 is the least-squares value over all twelve Hopper training rows at once (`npx tsx scripts/calibrate.ts` prints the fit, a test holds it)',
    fp8Share: 0.87,
    attentionShare: 0.75,
    a2aIntraEfficiency: 0.75,
    a2aInterEfficiency: 0.8,
    fp8Source:
      'H100 cuBLAS: large FP8 GEMMs reach 65–70% of the FP8 peak against 75–80% for BF16 in isolation: 0.87 of the BF16 share (the middle of each range; an earlier 0.8 also assumed a power-draw penalty no source states)',
    attentionSource:
      'cuDNN/FlashAttention-3 on H100: 450–550 TFLOP/s forward and backward, about 0.75 of the GEMM share',
    a2aSource:
      'nccl-tests on DGX H100: all-to-all bus bandwidth about 75% of NVLink and 80% of the 400 Gb/s NIC; DeepEP measured 153 of 200 GB/s NVLink and 43–47 of 50 GB/s RDMA on H800 (DeepEP README)',
    collectiveEfficiency: {
      allReduce: { intra: 1, inter: NIC_RING },
      allGather: { intra: NVLINK_RING, inter: NIC_RING },
      reduceScatter: { intra: NVLINK_RING, inter: NIC_RING },
    },
    collectiveSource:
      'nccl-tests on 8 × H100 SXM: all_reduce bus bandwidth 460–480 GB/s against 450 nominal (NVLink SHARP reduces inside the NVSwitch; capped at 100%), while all-gather and reduce-scatter run as rings without it, assumed at the A100 ring share (80%); across nodes about the NIC line rate (alayanew "NCCL-tests in practice"; Saturn Cloud NCCL validation guide)',
  },
  blackwell: {
    computeEfficiency: 0.52,
    memoryBandwidthEfficiency: 0.8,
    source:
      'B200: 0.52, the least-squares value over both B200 training rows at once (Megatron-Bridge Qwen3-30B-A3B and DeepSeek-V3, MXFP8; gpt-oss-120b is a named exception and not fitted on; `npx tsx scripts/calibrate.ts` prints the fit, a test holds it); no published B200 GEMM size-efficiency figure was found. A check, not a source: Megatron-Bridge 25.11 trained Llama3-8B in FP8 at 2.12× the H100 tokens/s per GPU against 2.27× the peak',
    fp8Share: 0.87,
    attentionShare: 0.7,
    a2aIntraEfficiency: 0.75,
    a2aInterEfficiency: 0.8,
    fp8Source: 'B200: assumed the Hopper share for FP8 (MXFP8) GEMMs',
    attentionSource: 'B200: cuDNN attention reaches a smaller share of the doubled peak than GEMMs (assumed)',
    a2aSource: 'B200: assumed the Hopper shares',
    collectiveEfficiency: {
      allReduce: { intra: 1, inter: NIC_RING },
      allGather: { intra: NVLINK_RING, inter: NIC_RING },
      reduceScatter: { intra: NVLINK_RING, inter: NIC_RING },
    },
    collectiveSource: 'B200: assumed the Hopper shares (NVLink SHARP all-reduce on NVLink5; rings at 80%)',
  },
  cdna3: {
    computeEfficiency: 0.45,
    memoryBandwidthEfficiency: 0.8,
    source:
      'MI300X: public hipBLASLt BF16 GEMM measurements reach roughly 45–50% of the 1307 TFLOP/s peak; no published row here',
    fp8Share: 0.87,
    attentionShare: 0.7,
    a2aIntraEfficiency: 0.75,
    a2aInterEfficiency: 0.8,
    fp8Source: 'MI300X: assumed the Hopper share; no published row here',
    attentionSource: 'MI300X: assumed the Hopper share; no published row here',
    a2aSource: 'MI300X: assumed the Hopper shares; no published row here',
    collectiveEfficiency: {
      allReduce: { intra: NVLINK_RING, inter: NIC_RING },
      allGather: { intra: NVLINK_RING, inter: NIC_RING },
      reduceScatter: { intra: NVLINK_RING, inter: NIC_RING },
    },
    collectiveSource:
      'MI300X: assumed the A100 ring shares (Infinity Fabric has no in-switch reduction); no published row here',
  },
};
