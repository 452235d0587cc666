/**
 * Communication volumes of each kind of parallelism (cost-model.md §5), and
 * the links they run over given where `rankOrder` put the groups.
 */
import type { HardwareSpec } from '../scenario/types';
import { allReduceSeconds, allGatherSeconds, reduceScatterSeconds, sendSeconds, type Link } from './collectives';
import { moeAllToAll } from './allToAll';
import type { GroupSpan } from './layout';
import type { ParamsOnGpu } from '../physics/modelState';
import type { BytesPerParam } from '../physics/paramBytes';
import type { ZeroStage } from '../physics/zero';
import { GENERATION_EFFICIENCY, type CollectiveEfficiency, type CollectiveKind } from '../catalog/efficiency';
import { gpuPreset } from '../catalog/gpus';

export interface Links {
  intra: Link;
  inter: Link;
  /** Share of each link's nominal bandwidth each collective reaches (nccl-tests bus bandwidth); absent = all of it. */
  collectives?: CollectiveEfficiency;
}

export function linksOf(hw: HardwareSpec): Links {
  const alpha = hw.linkLatencyUs * 1e-6;
  return {
    intra: { bandwidth: hw.intraNodeGBps * 1e9, alpha },
    inter: { bandwidth: hw.interNodeGBps * 1e9, alpha },
    // A GPU without a preset takes Hopper's shares, as its other per-operation shares do (compute/device.ts).
    collectives: GENERATION_EFFICIENCY[gpuPreset(hw.gpu)?.generation ?? 'hopper'].collectiveEfficiency,
  };
}

/** Ring collectives run at the slowest link the ring crosses. */
export function ringLink(span: GroupSpan, links: Links): Link {
  return span.nodes > 1 ? links.inter : links.intra;
}

/** The link a ring or tree collective of `kind` runs at: the slowest it crosses, at the share of it that collective reaches. */
export function collectiveLink(span: GroupSpan, links: Links, kind: CollectiveKind): Link {
  const link = ringLink(span, links);
  const share = links.collectives?.[kind][span.nodes > 1 ? 'inter' : 'intra'] ?? 1;
  return share === 1 ? link : { bandwidth: link.bandwidth * share, alpha: link.alpha };
}

export interface LayerCommInput {
  /** Tokens per sequence in this pass and sequences per micro-batch. */
  tokens: number;
  microBatch: number;
  hidden: number;
  bytesPerElement: number;
  tp: number;
  etp: number;
  /** Shared experts are TP-split like a dense FFN, so they need their own collective. */
  sharedExperts: number;
  topK: number;
  /**
   * What the busiest GPU receives per routed copy a GPU sends: ≈ 1 with even
   * routing, more when skewed (its load over the mean, after any capacity
   * drop), etp with expert tensor parallelism.
   */
  dispatchFactor: number;
  tpSpan: GroupSpan;
  epSpan: GroupSpan;
  links: Links;
  /** Routed experts per MoE layer (for node deduplication); default topK × nodes. */
  experts?: number;
  /** Share of nominal bandwidth an all-to-all reaches inside and across nodes; default 1. */
  a2aEfficiency?: { intra: number; inter: number };
  /** Bytes per element the dispatch sends (FP8 dispatch ≈ 1); default bytesPerElement. */
  dispatchBytes?: number;
  /** Node-level deduplication of the dispatch (DeepEP internode, HybridEP). */
  nodeDedup?: boolean;
  /** Sequence parallelism (Korthikanti et al. 2022): the backward re-gathers the sequence-sharded inputs. */
  sequenceParallel?: boolean;
  /** Node-limited routing: the most nodes one token's copies reach (model.moe.maxNodesPerToken); null = unlimited. */
  maxNodesPerToken?: number | null;
}

/**
 * TP traffic of one layer's forward (Megatron, Shoeybi et al. 2019): one
 * all-reduce of s·b·h·β after attention and one after the MLP (with sequence
 * parallelism an all-gather plus a reduce-scatter, the same volume;
 * Korthikanti et al. 2022). A MoE layer whose experts are not tensor-parallel
 * (ETP 1) needs none for its routed experts: tokens stay sequence-sharded
 * through the all-to-all; its shared experts (split over TP like a dense
 * FFN) need one. The backward moves the same again.
 */
export function tpSecondsPerLayer(c: LayerCommInput, isMoe: boolean): number {
  if (c.tp <= 1) return 0;
  const bytes = c.tokens * c.microBatch * c.hidden * c.bytesPerElement;
  const collectives = isMoe ? 1 + (c.etp > 1 || c.sharedExperts > 0 ? 1 : 0) : 2;
  return collectives * allReduceSeconds(bytes, c.tp, collectiveLink(c.tpSpan, c.links, 'allReduce'));
}

/**
 * The sequence-parallel re-gather of one layer's backward: Megatron saves
 * only the sequence-sharded input of each column-parallel linear that follows
 * a sequence-parallel region (the norm's output before QKV and before FC1)
 * and all-gathers it again in the backward for the weight-gradient GEMM
 * (Korthikanti et al. 2022 §4.2.2; Megatron-LM tensor_parallel/layers.py,
 * LinearWithGradAccumulationAndAsyncCommunication.backward with
 * sequence_parallel; Transformer Engine's Linear does the same). One
 * all-gather of s·b·h·β per such linear: two in a dense layer; in a MoE
 * layer one for attention plus one for TP-split shared experts (routed
 * experts take their tokens from the all-to-all, which the backward does
 * not repeat). Megatron launches it beside the input-gradient GEMM, but the
 * ring's kernels share the SMs and the wait comes before the weight gradient;
 * like the other TP collectives it is charged in full unless TP overlap is on.
 */
export function spRegatherSecondsPerLayer(c: LayerCommInput, isMoe: boolean): number {
  if (c.tp <= 1 || !c.sequenceParallel) return 0;
  const bytes = c.tokens * c.microBatch * c.hidden * c.bytesPerElement;
  const linears = isMoe ? 1 + (c.sharedExperts > 0 ? 1 : 0) : 2;
  return linears * allGatherSeconds(bytes, c.tp, collectiveLink(c.tpSpan, c.links, 'allGather'));
}

/**
 * EP traffic of one MoE layer's forward (GShard, Lepikhin et al. 2020):
 * dispatch and combine all-to-all of the (s·b/t)·k routed copies of h
 * elements, × the dispatch factor (tokens are sequence-sharded over TP), as
 * comm/allToAll.ts runs them. The backward moves both again.
 */
export function epAllToAll(c: LayerCommInput): { dispatch: number; combine: number } {
  return moeAllToAll({
    ownTokens: (c.tokens * c.microBatch) / c.tp,
    topK: c.topK,
    experts: c.experts ?? c.topK * c.epSpan.nodes,
    hidden: c.hidden,
    dispatchFactor: c.dispatchFactor,
    span: c.epSpan,
    intra: c.links.intra,
    inter: c.links.inter,
    efficiency: c.a2aEfficiency ?? { intra: 1, inter: 1 },
    dispatchBytes: c.dispatchBytes ?? c.bytesPerElement,
    combineBytes: c.bytesPerElement,
    nodeDedup: c.nodeDedup ?? false,
    maxNodesPerToken: c.maxNodesPerToken ?? null,
  });
}

/** Dispatch plus combine of one MoE layer's forward, seconds. */
export function epSecondsPerLayer(c: LayerCommInput): number {
  const a = epAllToAll(c);
  return a.dispatch + a.combine;
}

/** PP: one micro-batch's activation, s·b·h·β / t, across one stage boundary. */
export function ppTransferSeconds(
  tokens: number,
  microBatch: number,
  hidden: number,
  bytesPerElement: number,
  tp: number,
  link: Link,
): number {
  return sendSeconds((tokens * microBatch * hidden * bytesPerElement) / tp, link);
}

export interface GradientSyncInput {
  /** Parameters on this GPU, split by the group that replicates them. */
  params: ParamsOnGpu;
  /** Bytes per parameter of gradients and weights (core/physics/paramBytes.ts), as memory holds them. */
  bytes: Pick<BytesPerParam, 'gradients' | 'weights'>;
  zeroStage: ZeroStage;
  /** Micro-batches per step: ZeRO-3 gathers the weights for each one's forward and backward. */
  microBatches: number;
  dpSpan: GroupSpan;
  edpSpan: GroupSpan;
  links: Links;
}

export interface GradientSync {
  /** Gradient reduction (all-reduce, or reduce-scatter with ZeRO ≥ 1). */
  reduceSeconds: number;
  /** Parameter all-gather after the optimizer step (ZeRO ≥ 1), and ZeRO-3's gathers in forward and backward. */
  gatherSeconds: number;
  /**
   * Gradient bytes this GPU hands to the reductions (groups of more than one
   * rank): its full, unsharded gradients, the bytes memory holds before ZeRO-2
   * shards them.
   */
  reducedBytes: number;
}

/**
 * DP traffic per step (ZeRO, Rajbhandari et al. 2020): ZeRO-0 all-reduces the
 * gradients; ZeRO-1/2 reduce-scatter them and all-gather the updated weights
 * (the same volume as one all-reduce); ZeRO-3 gathers the weights again for
 * every micro-batch's forward and backward. Expert weights sync over their own expert-data-parallel group.
 */
export function gradientSync(c: GradientSyncInput): GradientSync {
  let reduce = 0;
  let gather = 0;
  let reducedBytes = 0;
  const groups: [number, GroupSpan][] = [
    [c.params.dense, c.dpSpan],
    [c.params.expert, c.edpSpan],
  ];
  for (const [params, span] of groups) {
    const n = span.size;
    if (n <= 1 || params <= 0) continue;
    const gradientBytes = params * c.bytes.gradients;
    reducedBytes += gradientBytes;
    if (c.zeroStage === 0) {
      reduce += allReduceSeconds(gradientBytes, n, collectiveLink(span, c.links, 'allReduce'));
    } else {
      reduce += reduceScatterSeconds(gradientBytes, n, collectiveLink(span, c.links, 'reduceScatter'));
      // ZeRO-1/2: one gather of the updated weights. ZeRO-3 also gathers them for
      // every micro-batch's forward and backward (DeepSpeed ZeRO-3 under gradient accumulation).
      gather +=
        allGatherSeconds(params * c.bytes.weights, n, collectiveLink(span, c.links, 'allGather')) *
        (c.zeroStage === 3 ? 1 + 2 * c.microBatches : 1);
    }
  }
  return { reduceSeconds: reduce, gatherSeconds: gather, reducedBytes };
}
