/**
 * The assumptions behind the per-operation precision, the MoE layer's parts,
 * the host's share and the all-to-all (cost-model.md §9), each with its
 * source, listed only where the scenario uses them.
 */
import { operationShares } from '../compute/device';
import { GEMM_TILE } from '../compute/roofline';
import {
  CUDA_LAUNCH_SECONDS,
  DROPLESS_SYNC_SECONDS,
  GRAPHED_SECONDS_PER_KERNEL,
  HOST_SECONDS_PER_LAUNCH,
  hostOf,
  TORCH_OPS_PER_SERVING_OP,
  TORCH_OPS_PER_TRAINING_OP,
} from '../compute/host';
import { frameworkOf } from '../catalog/frameworks';
import { COMM_SM_SHARE } from './passTiming';
import type { Scenario } from '../scenario/types';
import { formatPct } from '../format/number';
import { placeRanks } from '../comm/layout';
import { expectedDistinctNodes } from '../comm/allToAll';

const us = (s: number) => `${Math.round(s * 1e6)} µs`;
/** A share (0–1) as a whole per cent: "65%". */
const pct = (x: number) => formatPct(x * 100, 0);

export function moeAssumptions(s: Scenario): string[] {
  const w = s.workload;
  const p = s.parallel;
  const shares = operationShares(s.hardware.gpu);
  const training = w.mode === 'training';
  const out: string[] = [];

  if (w.precision === 'fp8') {
    out.push(
      `Precision per operation: only the linear and expert GEMMs run in FP8, at ${pct(shares.fp8Share)} of the 16-bit GEMMs' share of peak (${shares.fp8Source}); ${w.fp8Attention ? 'the attention core runs in FP8 as chosen' : 'the attention core stays 16-bit'}; router, norms, activations and communication stay 16-bit (Transformer Engine's FP8 recipe).`,
    );
    out.push(
      `FP8 adds quantize passes: each GEMM's 16-bit input is read and written as FP8${training ? ' and as a transposed FP8 copy for the weight gradient (4 bytes per element), and the backward casts each output gradient the same way' : ' (3 bytes per element)'}; in training the FP8 copies of GEMM inputs are what the backward keeps${w.fp8ActivationCache ? ', and the activation inputs too (DeepSeek-V3 report, 3.3.2)' : ''}.`,
    );
  }
  if (w.flashAttention) {
    out.push(
      `Fused attention reaches ${pct(shares.attentionShare)} of what large GEMMs reach (${shares.attentionSource}); its backward does 2.5× its forward (Dao 2023).`,
    );
  }
  if (training && w.recompute === 'selective') {
    out.push(
      `Selective recompute re-runs what it drops: the attention core's s×s tensors${w.flashAttention ? ' (none with FlashAttention, so nothing is re-run there)' : ''}${s.model.mla ? ", MLA's up-projections from the cached latents (Megatron-Core mla_up_proj, DeepSeek-V3 report 3.3.1)" : ''}${s.model.moe ? ', the norm before the experts and the expert activation (Megatron-Core layernorm, moe_act)' : ''}.`,
    );
  }
  if (s.model.moe) {
    out.push(
      `MoE layer beyond its GEMMs: the router is a 16-bit GEMM plus softmax, top-k and the load-balancing loss over fp32 logits (about 16 bytes per logit); permute and unpermute read and write each routed copy at hidden size on the sender, and again on the receiver when it sorts tokens by local expert (Megatron-Core all-to-all dispatcher); the gated activation runs over k × expert hidden; the grouped GEMM pads each expert's tokens to the ${GEMM_TILE}-row tile.`,
    );
    out.push(
      `All-to-all: every peer's message is in flight at once, one ${s.hardware.linkLatencyUs} µs latency per round (not per peer); it reaches ${pct(shares.a2aIntra)} of the NVLink and ${pct(shares.a2aInter)} of the network bandwidth (${shares.a2aSource})${p.epNodeDedup ? '; with node deduplication a token crosses the network once per destination node and is forwarded over NVLink there (DeepEP internode, HybridEP)' : ''}${p.epFp8Dispatch ? '; the dispatch sends FP8 with one scale per 128 values, the combine 16-bit (DeepEP, DeepSeek-V3 report 3.3.3)' : ''}.`,
    );
    const limit = nodeLimitAssumption(s);
    if (limit) out.push(limit);
    if (p.overlap.epComm) {
      out.push(
        training
          ? `All-to-all overlap hides the forward all-to-all behind another micro-batch's backward and the reverse (Megatron-Core 1F1B all-to-all overlap, DualPipe); warm-up and cool-down micro-batches (about PP of them) have no partner; hidden communication still takes ${pct(COMM_SM_SHARE)} of the compute beside it (DeepSeek-V3 gives 20 of 132 SMs to communication).`
          : `Two-batch overlap: the batch runs as two halves whose all-to-all hides behind the other half's compute; hidden communication still takes ${pct(COMM_SM_SHARE)} of the compute beside it (20 of 132 SMs, DeepSeek-V3).`,
      );
    }
  }
  const dropless = !!s.model.moe && p.capacityFactor === null;
  const experts = !s.model.moe
    ? ''
    : training
      ? ` and each expert's GEMM in Transformer Engine's grouped linear in ${us(HOST_SECONDS_PER_LAUNCH)}`
      : '; serving runs an MoE layer as a few fused kernels';
  const framework = frameworkOf(w.framework, w.mode);
  const perOp = hostOf(false, framework.runtime, training).secondsPerKernel;
  const runtime =
    framework.runtime === 'compiled'
      ? `${framework.label} is a compiled engine: only its kernel launches (${us(CUDA_LAUNCH_SECONDS)} each)`
      : training
        ? `about ${TORCH_OPS_PER_TRAINING_OP} eager PyTorch operators with autograd`
        : `about ${TORCH_OPS_PER_SERVING_OP} eager PyTorch operators without autograd`;
  out.push(
    `Host: the CPU issues each framework operation in about ${us(perOp)} (${runtime}; per-operator costs from "From PyTorch op to kernel launch")${experts}; a layer whose GPU work is shorter waits for the CPU (Megatron-Bridge's Qwen3-30B-A3B on 8 B200 at micro-batch 1: about 9 ms per layer and micro-batch regardless of the tokens)${dropless && training ? `; dropless routing copies the experts' token counts to the host every MoE layer forward (${us(DROPLESS_SYNC_SECONDS)}), and what follows the copy changes shape every step, so CUDA graphs cannot capture it; after the copy the GPU's queue is empty, so the launches that follow are exposed until the GPU work catches up with them` : ''}${w.cudaGraphs ? `; CUDA graphs replay the captured operations for about ${us(GRAPHED_SECONDS_PER_KERNEL)} each` : ''}.`,
  );
  return out;
}

/**
 * Node-limited routing, named only where it binds: the EP group spans more
 * nodes than a token may reach.
 */
function nodeLimitAssumption(s: Scenario): string | null {
  const moe = s.model.moe;
  const m = moe?.maxNodesPerToken ?? null;
  if (!moe || m === null || s.parallel.ep <= 1) return null;
  const p = s.parallel;
  const span = placeRanks(
    { tp: p.tp, pp: p.pp, dp: p.dp, ep: p.ep, etp: p.etp, gpusPerNode: s.hardware.gpusPerNode, rankOrder: p.rankOrder },
    false,
  ).spans.ep;
  const nodes = span.size <= span.maxPerNode ? 1 : Math.ceil(span.size / Math.max(1, span.maxPerNode));
  if (m >= nodes) return null;
  const limited = expectedDistinctNodes(moe.experts, moe.topK, nodes, m);
  const free = expectedDistinctNodes(moe.experts, moe.topK, nodes, null);
  const fmt = (x: number) => x.toFixed(1);
  return (
    `Node-limited routing: each token's routed copies reach at most ${m} of the expert-parallel group's ${nodes} nodes (DeepSeek-V3 report 2.1.2), ` +
    `about ${fmt(limited)} distinct nodes per token against ${fmt(free)} unlimited (uniform routing over the experts of the chosen nodes)` +
    `${p.epNodeDedup ? ', so with node deduplication the network carries that many copies of each token' : '; without node deduplication every routed copy is sent on its own, so the bytes do not change'}; ` +
    "the routing simulation draws each token's experts without the node limit (under uniform routing the per-expert loads are the same)."
  );
}
