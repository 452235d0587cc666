/**
 * The memory savings a training scenario turns on, as assumptions: each names
 * what the backward no longer keeps and where the technique comes from.
 */
import type { Scenario } from '../scenario/types';

/** Sentences for the DeepSeek-V3 memory options that are on (training only: serving keeps nothing for a backward). */
export function memoryAssumptions(s: Scenario): string[] {
  const w = s.workload;
  if (w.mode !== 'training') return [];
  const out: string[] = [];
  if (w.recomputeNormsAndUpProjections)
    out.push(
      `Norms recomputed: no RMSNorm output is kept for the backward, only each norm's input${s.model.mla ? "; MLA's queries, keys and values are rebuilt from the cached latents" : ''} (DeepSeek-V3 report, 3.2.3).`,
    );
  if (w.routingWeightInExpert && s.model.moe)
    out.push(
      "Routing weight inside the expert: each token's routing weight scales the expert's activation output before the down-projection, so the combine keeps no expert outputs for the backward (Megatron-Core's grouped experts do the same; DeepSeek-V3 caches only the SwiGLU inputs, report 3.3.3).",
    );
  if (w.bf16OptimizerMoments)
    out.push(
      "BF16 optimizer moments: the optimizer's moments are kept in BF16, the master weights in fp32 (DeepSeek-V3 report, 3.3.3).",
    );
  if (out.length > 0)
    out.push(
      'No exponential moving average of the weights is charged to the GPU (DeepSeek-V3 keeps it in CPU memory, report 3.2.3).',
    );
  return out;
}
