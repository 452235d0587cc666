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
import { scheduleById } from '../pipeline';
import { activationBytesPerLayer, outputLayerActivationBytes } from './activations';

export interface StageParams {
  /** Parameters on one GPU of the stage that are replicated over the DP group. */
  dense: number;
  /** Routed-expert parameters on one GPU, replicated over the expert-DP group. */
  expert: number;
}

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

/**
 * Micro-batches whose activations a device holds at the schedule's peak
 * (cost-model.md §3), from the schedule (pipeline/schedules/). Serving frees
 * each layer's activations after the next layer ran.
 */
export function inFlightMicroBatches(s: Scenario, device: number): number {
  if (s.workload.mode === 'inference') return 1;
  const { pp: stages, virtualStages, schedule } = s.parallel;
  return scheduleById(schedule).inFlightMicroBatches({ stages, microBatches: s.workload.microBatches, virtualStages }, device);
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
  const weightBytes = !training && w.precision === 'fp8' ? 1 : 2;
  const dpGroup = par.dp;
  const edpGroup = Math.max(1, (par.tp * par.dp) / (par.ep * par.etp));
  const all = params.dense + params.expert;
  // ZeRO shards over the data-parallel group; expert weights over the expert-DP group.
  const sharded = params.dense / dpGroup + params.expert / edpGroup;

  const weights = (training && w.zeroStage === 3 ? sharded : all) * weightBytes;
  let gradients = 0;
  let optimizer = 0;
  if (training) {
    const gradBytes = w.fp32MainGrads ? 4 : 2;
    gradients = (w.zeroStage >= 2 ? sharded : all) * gradBytes;
    // Adam: fp32 master weights, momentum and variance (12 bytes); SGD: master and momentum (8).
    const stateBytes = w.optimizer === 'adam' ? 12 : 8;
    optimizer = (w.zeroStage >= 1 ? sharded : all) * stateBytes;
  }

  const actOpts = (recompute: Scenario['workload']['recompute']) => ({
    s: input.seqLen,
    b: input.microBatchSize,
    t: par.tp,
    sequenceParallel: w.sequenceParallel,
    recompute,
    flashAttention: w.flashAttention,
    moe: { tokensFactor: input.expertTokensFactor, etp: par.etp },
    dropout: w.dropout,
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
    ? outputLayerActivationBytes({ s: training ? input.seqLen : 1, b: input.microBatchSize, h: model.hidden, V: model.vocab, t: par.tp, sequenceParallel: w.sequenceParallel })
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

  let kvCache = 0;
  if (!training) {
    const sequences = s.workload.globalBatch / par.dp;
    let layers = 0;
    for (const c of chunks) layers += c.toLayer - c.fromLayer;
    const perTokenPerLayer = model.mla
      ? model.mla.kvLoraRank + model.mla.qkRopeHeadDim // MLA caches its latent, replicated on TP ranks
      : (2 * Math.max(model.kvHeads / par.tp, 1) * model.headDim);
    kvCache = layers * perTokenPerLayer * input.kvLength * sequences * weightBytes;
  }
  // GB of GPU memory are binary, as capacity is (evaluate.ts GPU_MEMORY_GB_BYTES).
  const buffers = s.hardware.runtimeReserveGB * 2 ** 30;
  const breakdown: MemoryBreakdown = { weights, gradients, optimizer, activations, kvCache, buffers };
  const total = weights + gradients + optimizer + activations + kvCache + buffers;
  return { params, breakdown, total, inFlight };
}

