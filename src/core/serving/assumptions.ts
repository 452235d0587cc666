/**
 * The serving model's assumptions, each with its source, for the
 * evaluation's assumptions list (inference only).
 */
import type { Scenario } from '../scenario/types';
import { GEMM_TILE, MIN_ROW_TILE } from '../compute/roofline';
import { MXFP4_BYTES, storageFormats } from '../physics/storage';
import { droplessHostSync } from './hostSync';

const bytesName = (b: number) => (b === MXFP4_BYTES ? `MXFP4 (${MXFP4_BYTES * 8} bits)` : b === 1 ? '8-bit' : '16-bit');

export function servingAssumptions(s: Scenario): string[] {
  const w = s.workload;
  if (w.mode !== 'inference') return [];
  const f = storageFormats(w);
  const out = [
    `Serving a static batch (cost-model.md §10): TTFT = the prefill of all ${w.globalBatch} prompts; TPOT = one decode step of the batch at the mean KV length; end to end = TTFT + (${w.decodeTokens} − 1) × TPOT. Both phases are evaluated whatever the phase shown.`,
    `Stored formats: weights ${bytesName(f.weightBytes)}, routed experts ${bytesName(f.expertWeightBytes)}, KV cache ${bytesName(f.kvBytes)}; weights narrower than the GEMM's format are widened inside the kernel, so they change bytes held and read, not the peak (MXFP4: OCP Microscaling spec, 32 elements per 8-bit scale).`,
    `GEMMs of fewer rows than a ${GEMM_TILE}-row tile run the smallest tile (${MIN_ROW_TILE}–${GEMM_TILE / 2} rows) that holds them, so a decode step is bound by reading its weights.`,
  ];
  if (s.model.mla) {
    out.push(
      'MLA decodes in its absorbed form (DeepSeek-V2 §2.1.3, FlashMLA): each head attends over the cached latent (kv_lora_rank + rope dims per token, read once per step), 2·(2·kv_lora_rank + rope) FLOPs per head per cached token.',
    );
  }
  if (s.model.moe && s.parallel.capacityFactor === null) {
    out.push(
      droplessHostSync(s)
        ? 'Expert-parallel prefill waits for the token counts from the other GPUs before its dispatch (DeepEP normal mode blocks the CPU; SGLang large-scale EP blog, 2025-05-05).'
        : 'Serving MoE kernels route on the GPU (TensorRT-LLM MoE plugin, vLLM/SGLang fused MoE, DeepEP low-latency masked layout): no token counts go to the host, so a decode step can replay as one CUDA graph.',
    );
  }
  if (s.model.moe && w.denseExperts) {
    out.push(
      `Every expert runs on every token (TensorRT-LLM's plugin-free MoeOOTB, tensorrt_llm/layers/moe.py): ${(s.model.moe.experts / s.model.moe.topK).toFixed(1)}× the routed expert work, no permutation; reported model FLOPs still count the routed work.`,
    );
  }
  return out;
}
