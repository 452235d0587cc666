/**
 * Whether a dropless MoE layer copies its expert token counts to the host
 * (a synchronisation, and everything after it left out of CUDA graphs;
 * core/compute/host.ts). Training frameworks do (Megatron-Core sizes its
 * all-to-all and grouped GEMM on the CPU). Serving engines mostly do not:
 * TensorRT-LLM's MoE plugin and the fused-MoE kernels of vLLM and SGLang
 * compute expert offsets on the GPU inside one EP rank, and DeepEP's
 * low-latency decode kernels send into fixed-size buffers (masked layout) so
 * a decode step replays as one CUDA graph. Expert-parallel prefill does sync:
 * DeepEP's normal dispatch blocks the CPU until the token counts from the
 * other ranks arrive (SGLang large-scale EP blog, 2025-05-05, "Prefill
 * Overlapping Implementation").
 */
import type { Scenario } from '../scenario/types';

export function droplessHostSync(s: Scenario): boolean {
  if (s.parallel.capacityFactor !== null) return false;
  if (s.workload.mode === 'training') return true;
  return s.workload.phase === 'prefill' && s.parallel.ep > 1;
}
