/**
 * Memory of one GPU of each pipeline stage (cost-model.md §3): weights,
 * gradients and optimizer state by ZeRO stage, activations of the micro-batches
 * the schedule keeps in flight, the KV cache while serving, and a fixed reserve.
 */
import type { MemoryBreakdown } from '../evaluation';
import { representativeLayers } from '../model/layers';
import { embeddingParams, layerParams, outputHeadParams, finalNormParams } from '../model/params';
import type { Scenario } from '../scenario/types';
import type { Chunk } from '../evaluate/stages';
import { activationBytesPerLayer, outputLayerActivationBytes } from './activations';
import { replicaGroups } from '../physics/groupSizes';
import { modelStateBytes, type ParamsOnGpu } from '../physics/modelState';
import { bytesPerParam } from '../physics/paramBytes';
import { bytesPerElement } from '../physics/precision';
import { tensorPrecisions } from '../physics/tensorPrecision';
import { GPU_MEMORY_GB_BYTES } from '../physics/units';

/** Parameters on one GPU of the stage: `dense` replicated over the DP group, `expert` (routed experts) over the expert-DP group. */
export type StageParams = ParamsOnGpu;

/** Parameters held by one GPU of a device's chunks. */
export function stageParams(s: Scenario, chunks: Chunk[]): StageParams {
  const { model } = s;
  const { tp, ep, etp } = s.parallel;
  let tpSplit = 0; // split over TP ranks
  let replicated = 0; // norms and routers: every TP rank holds them
  let expert = 0;
  const kinds = representativeLayers(model);
  const perKind = (layer: number | null) => (layer === null ? null : layerParams(model, layer));
  const dense = perKind(kinds.dense);
  const moe = perKind(kinds.moe);
  for (const c of chunks) {
    for (const [p, n] of [[dense, c.dense], [moe, c.moe]] as const) {
      if (!p || n === 0) continue;
      tpSplit += n * (p.attention + p.denseFfn + p.sharedExperts);
      replicated += n * (p.norms + p.router);
      expert += n * p.routedExperts;
    }
    if (c.hasEmbedding) tpSplit += embeddingParams(model);
    // With tied embeddings Megatron keeps a copy of the embedding on the last stage for the head.
    if (c.hasOutputHead) {
      tpSplit += model.tiedEmbeddings && !c.hasEmbedding ? embeddingParams(model) : outputHeadParams(model);
      replicated += finalNormParams(model);
    }
  }
  return { dense: tpSplit / tp + replicated, expert: expert / (ep * etp) };
}

/** Micro-batches whose activations a device holds at the schedule's peak (cost-model.md §3). */
export function inFlightMicroBatches(s: Scenario, device: number): number {
  const { pp: P, virtualStages: v, schedule } = s.parallel;
  const m = s.workload.microBatches;
  if (s.workload.mode === 'inference') return 1;
  switch (schedule) {
    case 'gpipe':
      return m;
    case 'interleaved-1f1b':
      // Megatron's interleaved warm-up: 2(P−i−1) + (v−1)P chunk forwards, plus the one in progress.
      return Math.min(m, (2 * (P - device - 1) + (v - 1) * P + 1) / v);
    default:
      return Math.min(m, P - device);
  }
}

export interface StageMemoryInput {
  scenario: Scenario;
  chunks: Chunk[];
  device: number;
  microBatchSize: number;
  /** Tokens per sequence for activations, and KV-cache length. */
  seqLen: number;
  kvLength: number;
  /** Expert tokens per GPU relative to its own tokens: k × capacity factor, or k × straggler (dropless). */
  expertTokensFactor: number;
}

export interface StageMemory {
  params: StageParams;
  breakdown: MemoryBreakdown;
  total: number;
  inFlight: number;
}

export function stageMemory(input: StageMemoryInput): StageMemory {
  const { scenario: s, chunks, device } = input;
  const { workload: w, parallel: par, model } = s;
  const params = stageParams(s, chunks);
  const training = w.mode === 'training';
  // Weights, gradients and optimizer state: bytes per parameter and ZeRO sharding from core/physics.
  const { weights, gradients, optimizer } = modelStateBytes(params, replicaGroups(par), bytesPerParam(w), training ? w.zeroStage : 0);
  const precisions = tensorPrecisions(w);

  const actOpts = (recompute: Scenario['workload']['recompute']) => ({
    s: input.seqLen,
    b: input.microBatchSize,
    t: par.tp,
    sequenceParallel: w.sequenceParallel,
    recompute,
    flashAttention: w.flashAttention,
    moe: { tokensFactor: input.expertTokensFactor, etp: par.etp },
    dropout: w.dropout,
    bytesPerElement: bytesPerElement(precisions.activations),
    // FP8 training keeps the FP8 copy of each GEMM input for the weight gradient (activations.ts).
    gemmInputBytes: bytesPerElement(precisions.gemmInputs),
    activationInputBytes: bytesPerElement(precisions.activationInputs),
  });
  let perMicroBatch = 0;
  let largestLayer = 0;
  const stored = actOpts(training ? w.recompute : 'none');
  const working = actOpts('none');
  const kinds = representativeLayers(model);
  for (const [layer, count] of [[kinds.dense, chunks.reduce((a, c) => a + c.dense, 0)], [kinds.moe, chunks.reduce((a, c) => a + c.moe, 0)]] as const) {
    if (layer === null || count === 0) continue;
    perMicroBatch += count * activationBytesPerLayer(model, layer, stored);
    largestLayer = Math.max(largestLayer, activationBytesPerLayer(model, layer, working));
  }
  const hasHead = chunks.some((c) => c.hasOutputHead);
  const headActs = hasHead
    ? outputLayerActivationBytes({ s: training ? input.seqLen : 1, b: input.microBatchSize, h: model.hidden, V: model.vocab, t: par.tp, sequenceParallel: w.sequenceParallel, bytesPerElement: bytesPerElement(precisions.activations) })
    : 0;
  const inFlight = inFlightMicroBatches(s, device);
  let activations: number;
  if (training) {
    // Stored activations of the in-flight micro-batches, plus the working set of
    // the layer being recomputed (full recompute rebuilds one layer at a time).
    activations = inFlight * perMicroBatch + headActs + (w.recompute === 'full' ? largestLayer : 0);
  } else {
    // Serving frees each layer's activations as soon as the next layer ran.
    activations = largestLayer + headActs;
  }

  const kvCache = training ? 0 : (s.workload.globalBatch / par.dp) * kvCacheBytesPerSequence(s, chunks, input.kvLength);
  // GB of GPU memory are binary, as capacity is.
  const buffers = s.hardware.runtimeReserveGB * GPU_MEMORY_GB_BYTES;
  const breakdown: MemoryBreakdown = { weights, gradients, optimizer, activations, kvCache, buffers };
  const total = weights + gradients + optimizer + activations + kvCache + buffers;
  return { params, breakdown, total, inFlight };
}


/**
 * KV cache of one sequence of `kvLength` tokens on one GPU of a stage
 * (cost-model.md §3): 2·a_kv·d_h per token per layer, KV heads split over TP
 * (replicated when fewer than TP ranks); MLA caches its latent instead,
 * kv_lora_rank + rope dims, replicated on TP ranks. At the KV-cache format.
 */
export function kvCacheBytesPerSequence(s: Scenario, chunks: Chunk[], kvLength: number): number {
  const { model } = s;
  let layers = 0;
  for (const c of chunks) layers += c.toLayer - c.fromLayer;
  const perTokenPerLayer = model.mla
    ? model.mla.kvLoraRank + model.mla.qkRopeHeadDim
    : 2 * Math.max(model.kvHeads / s.parallel.tp, 1) * model.headDim;
  return layers * perTokenPerLayer * kvLength * bytesPerElement(tensorPrecisions(s.workload).kvCache);
}
