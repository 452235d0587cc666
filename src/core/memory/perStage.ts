/**
 * Memory of one GPU of each pipeline stage (cost-model.md §3): weights,
 * gradients and optimizer state by ZeRO stage, activations of the micro-batches
 * the schedule keeps in flight, the KV cache while serving, and a fixed reserve.
 */
import type { MemoryBreakdown } from '../evaluation';
import { representativeLayers } from '../model/layers';
import { embeddingParams, layerParams, outputHeadParams, finalNormParams } from '../model/params';
import { mtpBlockLayer, mtpDepth, mtpModuleParams } from '../model/mtp';
import type { Scenario } from '../scenario/types';
import type { Chunk } from '../model/stages';
import { scheduleById } from '../pipeline';
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
    for (const [p, n] of [
      [dense, c.dense],
      [moe, c.moe],
    ] as const) {
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
      // The multi-token-prediction modules sit with the head (model/mtp.ts); serving drops them.
      const d = s.workload.mode === 'training' ? mtpDepth(model) : 0;
      if (d > 0) {
        const m = mtpModuleParams(model);
        tpSplit += d * (m.block.attention + m.block.denseFfn + m.block.sharedExperts + m.projection);
        replicated += d * (m.block.norms + m.block.router + m.norms);
        expert += d * m.block.routedExperts;
      }
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
  return scheduleById(schedule).inFlightMicroBatches(
    { stages, microBatches: s.workload.microBatches, virtualStages },
    device,
  );
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

/**
 * What a device's memory is made of before its in-flight count: the same for
 * every device with the same chunks (the middle stages of a pipeline), and
 * for every strategy with the same degrees that size it.
 */
interface StageShare {
  params: StageParams;
  weights: number;
  gradients: number;
  optimizer: number;
  perMicroBatch: number;
  largestLayer: number;
  headActs: number;
  kvCache: number;
  buffers: number;
}

/** The workload fields stageShare reads that a strategy search never varies. */
type FixedWorkload = Pick<
  Scenario['workload'],
  | 'mode'
  | 'flashAttention'
  | 'dropout'
  | 'precision'
  | 'fp32MainGrads'
  | 'weightPrecision'
  | 'expertWeightPrecision'
  | 'kvCachePrecision'
  | 'fp8ActivationCache'
  | 'recomputeNormsAndUpProjections'
  | 'routingWeightInExpert'
  | 'bf16OptimizerMoments'
  | 'optimizer'
  | 'globalBatch'
>;

function fixedOf(w: Scenario['workload']): FixedWorkload {
  return {
    mode: w.mode,
    flashAttention: w.flashAttention,
    dropout: w.dropout,
    precision: w.precision,
    fp32MainGrads: w.fp32MainGrads,
    weightPrecision: w.weightPrecision,
    expertWeightPrecision: w.expertWeightPrecision,
    kvCachePrecision: w.kvCachePrecision,
    fp8ActivationCache: w.fp8ActivationCache,
    recomputeNormsAndUpProjections: w.recomputeNormsAndUpProjections,
    routingWeightInExpert: w.routingWeightInExpert,
    bf16OptimizerMoments: w.bf16OptimizerMoments,
    optimizer: w.optimizer,
    globalBatch: w.globalBatch,
  };
}

function sameFixed(a: FixedWorkload, w: Scenario['workload']): boolean {
  return (
    a.mode === w.mode &&
    a.flashAttention === w.flashAttention &&
    a.dropout === w.dropout &&
    a.precision === w.precision &&
    a.fp32MainGrads === w.fp32MainGrads &&
    a.weightPrecision === w.weightPrecision &&
    a.expertWeightPrecision === w.expertWeightPrecision &&
    a.kvCachePrecision === w.kvCachePrecision &&
    a.fp8ActivationCache === w.fp8ActivationCache &&
    a.recomputeNormsAndUpProjections === w.recomputeNormsAndUpProjections &&
    a.routingWeightInExpert === w.routingWeightInExpert &&
    a.bf16OptimizerMoments === w.bf16OptimizerMoments &&
    a.optimizer === w.optimizer &&
    a.globalBatch === w.globalBatch
  );
}

/**
 * Stage shares computed in one strategy search, by everything they read:
 * the model, the hardware and the workload fields a search never varies are
 * checked (the memo starts afresh when any changes); the degrees and the
 * strategy's workload fields key the first level, the device's chunks the second.
 */
export interface StageMemo {
  model: Scenario['model'] | null;
  hardware: Scenario['hardware'] | null;
  fixed: FixedWorkload | null;
  shares: Map<string, SharedByDegrees>;
}

/** What devices of strategies with the same degrees share: activations per layer kind, and shares by chunks. */
interface SharedByDegrees {
  /** activationBytesPerLayer by layer and recompute mode (every device of the strategy has the same per-layer activations). */
  layerActs: Map<string, number>;
  byChunks: Map<string, StageShare>;
}

export const createStageMemo = (): StageMemo => ({ model: null, hardware: null, fixed: null, shares: new Map() });

type SharedInput = Omit<StageMemoryInput, 'chunks' | 'device'>;

/** The inputs of stageShare that vary between strategies, except the chunks, as a key. */
function shareKey(input: SharedInput): string {
  const { workload: w, parallel: p } = input.scenario;
  return `${p.tp}|${p.ep}|${p.etp}|${p.dp}|${w.zeroStage}|${w.recompute}|${w.sequenceParallel ? 1 : 0}|${input.microBatchSize}|${input.seqLen}|${input.kvLength}|${input.expertTokensFactor}`;
}

/** What stageShare reads of a device's chunks, as a key. */
function chunksKey(chunks: Chunk[]): string {
  let key = '';
  for (const c of chunks)
    key += `${c.dense},${c.moe},${c.hasEmbedding ? 1 : 0}${c.hasOutputHead ? 1 : 0},${c.toLayer - c.fromLayer};`;
  return key;
}

function sameChunks(a: Chunk[], b: Chunk[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.dense !== y.dense ||
      x.moe !== y.moe ||
      x.hasEmbedding !== y.hasEmbedding ||
      x.hasOutputHead !== y.hasOutputHead ||
      x.toLayer - x.fromLayer !== y.toLayer - y.fromLayer
    )
      return false;
  }
  return true;
}

/**
 * The memory of every pipeline device (device d holds chunksByDevice[d]):
 * stageMemory for each, with the shares looked up in `memo` when given
 * (a device with the same chunks as the one before reuses its share).
 */
export function stageMemories(input: SharedInput, chunksByDevice: Chunk[][], memo?: StageMemo): StageMemory[] {
  const s = input.scenario;
  let shared: SharedByDegrees | undefined;
  if (memo) {
    if (memo.model !== s.model || memo.hardware !== s.hardware || !memo.fixed || !sameFixed(memo.fixed, s.workload)) {
      memo.model = s.model;
      memo.hardware = s.hardware;
      memo.fixed = fixedOf(s.workload);
      memo.shares.clear();
    }
    const key = shareKey(input);
    shared = memo.shares.get(key);
    if (!shared) memo.shares.set(key, (shared = { layerActs: new Map(), byChunks: new Map() }));
  }
  const out: StageMemory[] = [];
  let share: StageShare | undefined;
  for (let d = 0; d < chunksByDevice.length; d++) {
    const chunks = chunksByDevice[d];
    const full = (): StageMemoryInput => ({
      scenario: s,
      chunks,
      device: d,
      microBatchSize: input.microBatchSize,
      seqLen: input.seqLen,
      kvLength: input.kvLength,
      expertTokensFactor: input.expertTokensFactor,
    });
    if (!shared) {
      out.push(stageMemory(full()));
      continue;
    }
    if (!share || !sameChunks(chunks, chunksByDevice[d - 1])) {
      const key = chunksKey(chunks);
      share = shared.byChunks.get(key);
      if (!share) shared.byChunks.set(key, (share = stageShare(full(), shared.layerActs)));
    }
    out.push(fromShare(s, d, share));
  }
  return out;
}

export function stageMemory(input: StageMemoryInput): StageMemory {
  return fromShare(input.scenario, input.device, stageShare(input));
}

/** A device's memory from its share and its schedule's in-flight count. */
function fromShare(s: Scenario, device: number, share: StageShare): StageMemory {
  const { params, weights, gradients, optimizer, perMicroBatch, largestLayer, headActs, kvCache, buffers } = share;
  const w = s.workload;
  const training = w.mode === 'training';
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
  const breakdown: MemoryBreakdown = { weights, gradients, optimizer, activations, kvCache, buffers };
  const total = weights + gradients + optimizer + activations + kvCache + buffers;
  return { params, breakdown, total, inFlight };
}

/** `layerActs`: per-layer activations already worked out for these degrees (filled as it goes). */
function stageShare(input: StageMemoryInput, layerActs?: Map<string, number>): StageShare {
  const { scenario: s, chunks } = input;
  const { workload: w, parallel: par, model } = s;
  const params = stageParams(s, chunks);
  const training = w.mode === 'training';
  // Weights, gradients and optimizer state: bytes per parameter and ZeRO sharding from core/physics.
  const { weights, gradients, optimizer } = modelStateBytes(
    params,
    replicaGroups(par),
    bytesPerParam(w),
    training ? w.zeroStage : 0,
  );
  const precisions = tensorPrecisions(w);

  const actOpts = (recompute: Scenario['workload']['recompute']) => ({
    s: input.seqLen,
    b: input.microBatchSize,
    t: par.tp,
    sequenceParallel: w.sequenceParallel,
    recompute,
    flashAttention: w.flashAttention,
    moe: { tokensFactor: input.expertTokensFactor, etp: par.etp },
    // Dropout masks are kept for the backward pass only: serving stores none.
    dropout: training && w.dropout,
    // DeepSeek-V3's savings change what the backward keeps; serving keeps nothing for it.
    recomputeNormsAndUpProjections: training && w.recomputeNormsAndUpProjections,
    routingWeightInExpert: training && w.routingWeightInExpert,
    bytesPerElement: bytesPerElement(precisions.activations),
    // FP8 training keeps the FP8 copy of each GEMM input for the weight gradient (activations.ts).
    gemmInputBytes: bytesPerElement(precisions.gemmInputs),
    activationInputBytes: bytesPerElement(precisions.activationInputs),
  });
  let perMicroBatch = 0;
  let largestLayer = 0;
  const stored = actOpts(training ? w.recompute : 'none');
  const working = actOpts('none');
  const actsOf = (layer: number, opts: typeof stored) => {
    if (!layerActs) return activationBytesPerLayer(model, layer, opts);
    const key = `${layer}|${opts.recompute}`;
    let bytes = layerActs.get(key);
    if (bytes === undefined) layerActs.set(key, (bytes = activationBytesPerLayer(model, layer, opts)));
    return bytes;
  };
  const kinds = representativeLayers(model);
  for (const [layer, count] of [
    [kinds.dense, chunks.reduce((a, c) => a + c.dense, 0)],
    [kinds.moe, chunks.reduce((a, c) => a + c.moe, 0)],
  ] as const) {
    if (layer === null || count === 0) continue;
    perMicroBatch += count * actsOf(layer, stored);
    largestLayer = Math.max(largestLayer, actsOf(layer, working));
  }
  // Each MTP module keeps its block's activations and its 2h-wide projection input, per micro-batch in flight.
  const mtp = training ? mtpDepth(model) * chunks.filter((c) => c.hasOutputHead).length : 0;
  if (mtp > 0) {
    const projectionInput = (input.seqLen * input.microBatchSize * 2 * model.hidden * stored.bytesPerElement) / par.tp;
    perMicroBatch += mtp * (actsOf(mtpBlockLayer(model), stored) + projectionInput);
    largestLayer = Math.max(largestLayer, actsOf(mtpBlockLayer(model), working));
  }
  const hasHead = chunks.some((c) => c.hasOutputHead);
  const headActs = hasHead
    ? outputLayerActivationBytes({
        s: training ? input.seqLen : 1,
        b: input.microBatchSize,
        h: model.hidden,
        V: model.vocab,
        t: par.tp,
        sequenceParallel: w.sequenceParallel,
        bytesPerElement: bytesPerElement(precisions.activations),
      })
    : 0;
  const kvCache = training ? 0 : (s.workload.globalBatch / par.dp) * kvCacheBytesPerSequence(s, chunks, input.kvLength);
  // GB of GPU memory are binary, as capacity is.
  const buffers = s.hardware.runtimeReserveGB * GPU_MEMORY_GB_BYTES;
  return { params, weights, gradients, optimizer, perMicroBatch, largestLayer, headActs, kvCache, buffers };
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
