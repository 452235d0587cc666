/**
 * The evaluator: a scenario in, every number on screen out. Each step is a
 * small pure module; this file only wires them in order:
 * validate → parameters and FLOPs → placement → routing → block times →
 * pipeline simulation → memory → metrics, targets, claims → sweep.
 */
import type { Evaluation, GpuEntry, ServingSummary, Violation } from '../evaluation';
import { ScenarioError } from '../evaluation';
import { countParams, stepFlops, decodeFlopsPerToken, outputHeadFlopsPerToken, routedExpertFlopsPerToken } from '../model';
import { checkStrategy, parseScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { deviceOf, operationShares } from '../compute/device';
import { FP8_DISPATCH_BYTES } from '../comm/allToAll';
import { storageFormats } from '../physics/storage';
import { servingSummary } from '../serving/summary';
import { droplessHostSync } from '../serving/hostSync';
import { expertWork } from '../serving/denseExperts';
import { memoryOpTiming } from '../compute/roofline';
import { placeRanks, type RankCoords } from '../comm/layout';
import { linksOf, ppTransferSeconds, ringLink } from '../comm/costs';
import { createStageMemo, stageMemories, type StageMemo } from '../memory/perStage';
import { splitIntoChunks, type Chunk } from '../model/stages';
import { scheduleById } from '../pipeline';
import { routeExperts, type RoutingOutcome } from '../routing/outcome';
import { computePartsOfDevice, createLayerMemo, passTiming, type LayerMemo } from './passTiming';
import { simulateStep, type SimulationMemo } from './step';
import { auditClaims, type HeadlineValues } from './audit';
import { compliance } from '../metrics/targets';
import { sweepSeqLen } from './sweep';
import { evaluatorAssumptions } from './assumptions';
import { weightUpdate } from './weightUpdate';
import { GPU_MEMORY_GB_BYTES } from '../physics/units';
import { formatGB, grouped } from '../format/number';
import { budgetErrors, MAX_LISTED_GPUS } from '../scenario/budget';

export { GPU_MEMORY_GB_BYTES };

/**
 * MAX_LISTED_GPUS: largest strategy whose GPUs are listed one by one in
 * `perGpu` (and drawn in the grid). Beyond it the evaluation would run to
 * tens of megabytes; the group placement is then streamed over the ranks of
 * two pipeline stages, which is exact when pipeline parallelism is the
 * outermost dimension of the rank order.
 */
export { MAX_LISTED_GPUS };

export interface CoreOptions {
  /** Compute the sequence-length sweep (off inside the sweep itself). */
  sweep: boolean;
  /** Inference: evaluate the other phase too, for the serving summary (default on; off inside the sweep and the summary itself). */
  serving?: boolean;
  /** List every GPU in `perGpu` (default on; the strategy search's table does not show them). */
  perGpu?: boolean;
  /** Return the pipeline timeline (default on; the sweep's and the serving summary's inner evaluations read only figures). */
  timeline?: boolean;
  /**
   * The strategy search: routing, rank placement and pipeline runs shared
   * between evaluations, and no timeline, assumptions, claims audit or
   * compute parts (the table shows none of them).
   */
  memo?: EvaluateMemo;
}

/** Work that evaluations of one search share; create one per search. */
export interface EvaluateMemo {
  routing: Map<string, RoutingOutcome>;
  /** The last routing looked up, by scenario object (nothing in a search writes to a scenario). */
  lastRouting: { scenario: Scenario; tokens: number; microBatch: number; outcome: RoutingOutcome } | null;
  /** JSON of the model's MoE settings (part of the routing key), by object. */
  moeText: { moe: NonNullable<Scenario['model']['moe']>; text: string } | null;
  /** Pipeline runs (no timeline), keyed by every input the simulation reads. */
  simulations: SimulationMemo;
  /** The memory of the last scenario object peakMemory() saw: evaluateScenario() on the same object reuses it. */
  lastMemory: { scenario: Scenario; memory: ReturnType<typeof memoryOfStages> } | null;
  /** Rank placements, keyed by every input placeRanks reads. */
  placements: Map<string, ReturnType<typeof placeRanks>>;
  /** Per-stage memory before the in-flight count, keyed by every input it reads. */
  stages: StageMemo;
  /** The device model of the last evaluation, reused while everything it reads is the same (the layer memo is keyed by its identity). */
  device: { hardware: Scenario['hardware']; key: string; device: ReturnType<typeof deviceOf> } | null;
  /** Layer timings, keyed by every input layerTiming reads (for one model and one device object). */
  layers: LayerMemo;
  /** Parameter counts and step FLOPs of one model, keyed by the workload fields they read (starts afresh for another model). */
  /** Layer ranges per virtual stage, by schedule, stages and virtual stages (for one model). */
  chunks: { model: Scenario['model'] | null; bySchedule: Map<string, Chunk[]> };
  work: { model: Scenario['model'] | null; counts: ReturnType<typeof countParams> | null; flops: Map<string, StepWork> };
}

type StepWork = { model: number; modelCausal: number; hardware: number };

export const createMemo = (): EvaluateMemo => ({ routing: new Map(), lastRouting: null, moeText: null, simulations: new Map(), lastMemory: null, placements: new Map(), stages: createStageMemo(), device: null, layers: createLayerMemo(), work: { model: null, counts: null, flops: new Map() }, chunks: { model: null, bySchedule: new Map() } });

function placeOnce(input: Parameters<typeof placeRanks>[0], list: boolean, memo: EvaluateMemo | undefined): ReturnType<typeof placeRanks> {
  if (!memo) return placeRanks(input, list);
  const key = `${input.tp}|${input.pp}|${input.dp}|${input.ep}|${input.etp}|${input.gpusPerNode}|${input.rankOrder}|${list}`;
  let hit = memo.placements.get(key);
  if (!hit) memo.placements.set(key, (hit = placeRanks(input, list)));
  return hit;
}

/** routeExperts, memoized on everything it reads (the model's experts, the degrees, the routing settings). */
function routeOnce(s: Scenario, tokens: number, microBatch: number, memo: EvaluateMemo | undefined): RoutingOutcome {
  if (!memo || !s.model.moe) return routeExperts(s, tokens, microBatch);
  // peakMemory and evaluateScenario route the same scenario object one after the other.
  const last = memo.lastRouting;
  if (last && last.scenario === s && last.tokens === tokens && last.microBatch === microBatch) return last.outcome;
  const { tp, ep, etp, capacityFactor, routing: r } = s.parallel;
  // The experts' settings as text, once per model object.
  if (memo.moeText?.moe !== s.model.moe) memo.moeText = { moe: s.model.moe, text: JSON.stringify(s.model.moe) };
  const key = `${memo.moeText.text}|${tokens}|${microBatch}|${tp}|${ep}|${etp}|${capacityFactor}|${r.distribution}|${r.skew}|${r.seed}`;
  let hit = memo.routing.get(key);
  if (!hit) memo.routing.set(key, (hit = routeExperts(s, tokens, microBatch)));
  memo.lastRouting = { scenario: s, tokens, microBatch, outcome: hit };
  return hit;
}

/** The device model (deviceOf), reused from the last evaluation of the search when every input it reads is the same. */
function deviceOnce(s: Scenario, memo: EvaluateMemo | undefined): ReturnType<typeof deviceOf> {
  const { hardware: hw, workload: w } = s;
  const training = w.mode === 'training';
  const storage = training ? undefined : storageFormats(w);
  if (!memo) return deviceOf(hw, w.precision, w, storage);
  const key = `${w.precision}|${w.fp8Attention}|${w.cudaGraphs}|${storage ? `${storage.weightBytes},${storage.expertWeightBytes},${storage.kvBytes}` : '-'}`;
  const last = memo.device;
  if (last && last.hardware === hw && last.key === key) return last.device;
  const device = deviceOf(hw, w.precision, w, storage);
  memo.device = { hardware: hw, key, device };
  return device;
}

/** Parameter counts and the step's FLOPs, from the memo when the search already worked them out. */
function workOnce(s: Scenario, tokensPerStep: number, memo: EvaluateMemo | undefined): { counts: ReturnType<typeof countParams>; flops: StepWork } {
  const { model, workload: w } = s;
  const training = w.mode === 'training';
  const decode = !training && w.phase === 'decode';
  const compute = () => decode ? decodeStepFlops(s) : training ? stepFlops(model, { tokens: tokensPerStep, seqLen: w.seqLen, mode: w.mode, recompute: w.recompute }) : prefillFlops(s, tokensPerStep);
  if (!memo) return { counts: countParams(model), flops: compute() };
  const work = memo.work;
  if (work.model !== model || !work.counts) {
    work.model = model;
    work.counts = countParams(model);
    work.flops.clear();
  }
  // Everything the three FLOP counts read besides the model.
  const key = `${w.mode}|${w.phase}|${tokensPerStep}|${w.seqLen}|${w.globalBatch}|${w.decodeTokens}|${training ? w.recompute : '-'}`;
  let flops = work.flops.get(key);
  if (!flops) work.flops.set(key, (flops = compute()));
  return { counts: work.counts, flops };
}

/** What one pass works on: new tokens per sequence, and the micro-batch size. */
function passShape(s: Scenario) {
  const w = s.workload;
  const decode = w.mode !== 'training' && w.phase === 'decode';
  return { decode, passTokens: decode ? 1 : w.seqLen, microBatchSize: w.globalBatch / (s.parallel.dp * w.microBatches) };
}

/** Memory of every pipeline device, and which one peaks. */
function memoryOfStages(s: Scenario, routing: RoutingOutcome, chunks: Chunk[], memo?: StageMemo) {
  const { workload: w, parallel: par } = s;
  const { decode, passTokens, microBatchSize } = passShape(s);
  // Each device's chunks in virtual-stage order (chunksOfDevice for every device, in one pass).
  const byDevice: Chunk[][] = [];
  for (let d = 0; d < par.pp; d++) byDevice.push([]);
  for (const c of chunks) byDevice[c.device].push(c);
  const stages = stageMemories({
    scenario: s, microBatchSize,
    seqLen: passTokens === 1 ? 1 : w.seqLen, kvLength: decode ? w.seqLen + w.decodeTokens : w.seqLen,
    expertTokensFactor: routing.expertTokensFactor,
  }, byDevice, memo);
  let peakStage = 0;
  stages.forEach((st, d) => { if (st.total > stages[peakStage].total) peakStage = d; });
  return { stages, peakStage, byDevice };
}

/** Each virtual stage's layers; from the memo when the search already split this model the same way (nothing writes to chunks). */
function chunksOf(s: Scenario, memo?: EvaluateMemo): Chunk[] {
  const { schedule, pp, virtualStages } = s.parallel;
  const split = () => splitIntoChunks(s.model, scheduleById(schedule).placement(pp, virtualStages));
  if (!memo) return split();
  if (memo.chunks.model !== s.model) {
    memo.chunks.model = s.model;
    memo.chunks.bySchedule.clear();
  }
  const key = `${schedule}|${pp}|${virtualStages}`;
  let hit = memo.chunks.bySchedule.get(key);
  if (!hit) memo.chunks.bySchedule.set(key, (hit = split()));
  return hit;
}

/**
 * Peak memory per GPU exactly as `evaluateScenario` computes it, without the
 * time model: the strategy search checks it first and times only what fits.
 */
export function peakMemory(s: Scenario, memo?: EvaluateMemo): { peakBytes: number; peakStage: number; capacityBytes: number } {
  const { passTokens, microBatchSize } = passShape(s);
  const memory = memoryOfStages(s, routeOnce(s, passTokens, microBatchSize, memo), chunksOf(s, memo), memo?.stages);
  if (memo) memo.lastMemory = { scenario: s, memory };
  const { stages, peakStage } = memory;
  return { peakBytes: stages[peakStage].total, peakStage, capacityBytes: s.hardware.memoryGB * GPU_MEMORY_GB_BYTES };
}

/**
 * Evaluates a scenario. Throws `ScenarioError` (with every field error) when
 * the input is not a valid scenario; an infeasible strategy is not an error:
 * it is evaluated and reported with violations.
 */
export function evaluate(input: unknown): Evaluation {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new ScenarioError(parsed.errors);
  return evaluateScenario(parsed.scenario, parsed.assumptions);
}

export function evaluateScenario(s: Scenario, parseAssumptions: string[] = [], options: CoreOptions = { sweep: true }): Evaluation {
  // Larger than the core evaluates in bounded time and memory: refused, naming the fields.
  const overBudget = budgetErrors(s);
  if (overBudget.length > 0) throw new ScenarioError(overBudget);
  const violations: Violation[] = [...checkStrategy(s)];
  const lean = options.memo !== undefined;
  const { model, hardware: hw, workload: w, parallel: par } = s;
  const training = w.mode === 'training';
  const decode = !training && w.phase === 'decode';
  const N = par.tp * par.pp * par.dp;
  const m = w.microBatches;
  const microBatchSize = w.globalBatch / (par.dp * m);
  // Serving stores weights and the KV cache in their own formats; training's GEMMs read what the precision says.
  const device = deviceOnce(s, options.memo);
  const links = linksOf(hw);

  // Parameters and FLOPs.
  const tokensPerStep = w.globalBatch * (decode ? w.decodeTokens : w.seqLen);
  const { counts, flops: allTokensFlops } = workOnce(s, tokensPerStep, options.memo);

  // Placement of ranks on nodes.
  const listed = N <= MAX_LISTED_GPUS;
  const list = listed && options.perGpu !== false;
  const placement = placeOnce({ tp: par.tp, pp: listed ? par.pp : Math.min(par.pp, 2), dp: par.dp, ep: par.ep, etp: par.etp, gpusPerNode: hw.gpusPerNode, rankOrder: par.rankOrder }, list, options.memo);
  const ranks: RankCoords[] = list ? placement.ranks : [];
  const spans = placement.spans;

  // Routing, then the time of each block.
  const passTokens = decode ? 1 : w.seqLen;
  const context = decode ? w.seqLen + w.decodeTokens / 2 : w.seqLen;
  const routing = routeOnce(s, passTokens, microBatchSize, options.memo);
  const flops = withoutDroppedTokens(allTokensFlops, s, tokensPerStep, routing.tokenDropPct);
  const experts = expertWork(s, routing, spans.ep.size);
  const chunks = chunksOf(s, options.memo);
  const pass = passTiming({
    layerMemo: options.memo?.layers,
    parts: !lean,
    scenario: s,
    chunks,
    layer: {
      model, tokens: passTokens, context, microBatch: microBatchSize, tp: par.tp, etp: par.etp,
      sequenceParallel: w.sequenceParallel, flashAttention: w.flashAttention, training,
      expertAssignments: experts.assignments, expertsPerGpu: routing.expertsPerGpu,
      activeExpertsPerGpu: experts.activeExperts, epSize: spans.ep.size, dropless: droplessHostSync(s),
      fusedDispatch: par.epNodeDedup && !experts.dense, denseExperts: experts.dense, device,
    },
    comm: {
      tokens: passTokens, microBatch: microBatchSize, hidden: model.hidden, bytesPerElement: device.bytesPerElement,
      tp: par.tp, etp: par.etp, sharedExperts: model.moe?.sharedExperts ?? 0, topK: experts.copiesPerToken, dispatchFactor: experts.dispatchFactor,
      tpSpan: spans.tp, epSpan: spans.ep, links,
      experts: model.moe?.experts, a2aEfficiency: { intra: operationShares(hw.gpu).a2aIntra, inter: operationShares(hw.gpu).a2aInter },
      dispatchBytes: par.epFp8Dispatch ? FP8_DISPATCH_BYTES : device.bytesPerElement, nodeDedup: par.epNodeDedup && !experts.dense,
    },
  });

  // Memory of each pipeline device.
  const last = options.memo?.lastMemory;
  const { stages, peakStage, byDevice } = last && last.scenario === s ? last.memory : memoryOfStages(s, routing, chunks, options.memo?.stages);
  const capacityBytes = hw.memoryGB * GPU_MEMORY_GB_BYTES;

  // The step: pipeline, DP sync, optimizer.
  // Every stage syncs its own gradients over its DP group; the slowest one sets the step.
  const update = weightUpdate(s, stages.map((st) => st.params), spans, links, device);
  const step = simulateStep({
    scenario: s, pass, microBatches: m,
    transferSeconds: par.pp > 1 ? ppTransferSeconds(passTokens, microBatchSize, model.hidden, device.bytesPerElement, par.tp, ringLink(spans.pp, links)) : 0,
    gradientSync: update.sync, optimizerSeconds: update.optimizerSeconds, decodeSteps: decode ? w.decodeTokens : 1,
    simulations: options.memo?.simulations,
    timeline: options.timeline !== false,
  });

  // Headline metrics.
  const stepSeconds = step.time.stepSeconds;
  const latencySeconds = step.latencySeconds;
  const throughput = tokensPerStep / (training ? stepSeconds : latencySeconds);
  // MFU counts the attention core as the time does: a causal FlashAttention kernel executes half the s×s
  // core, so counting the full core would put long sequences above the GPU's peak (issue 10). That count
  // is Megatron-Core's, which also leaves out the router's small GEMM (model/flops.ts).
  const mfuFlops = w.flashAttention ? flops.modelCausal : flops.model;
  const modelTflopsPerGpu = mfuFlops / stepSeconds / N / 1e12;
  const hardwareTflopsPerGpu = flops.hardware / stepSeconds / N / 1e12;
  const exposed = step.time.exposedCommSeconds;
  const exposedTotal = exposed.tp + exposed.ep + exposed.pp + exposed.dp;
  const commOverheadPct = step.time.computeSeconds > 0 ? (exposedTotal / step.time.computeSeconds) * 100 : 0;
  // A GPU computes its stage's work, with its routed experts in proportion to
  // its load (the busiest EP rank sets the block time; the others wait for it).
  const maxLoad = Math.max(...routing.relativeGpuLoad);
  const busyOf = (pp: number, ep: number) =>
    step.busyByDevice[pp] - step.expertBusyByDevice[pp] * (1 - routing.relativeGpuLoad[ep % routing.relativeGpuLoad.length] / maxLoad);
  // Mean over GPUs: the mean relative load is 1, so the mean idle expert share is 1 − 1/max.
  const meanBusy = mean(step.busyByDevice) - mean(step.expertBusyByDevice) * (1 - 1 / maxLoad);
  const gpuUtilizationPct = (meanBusy / stepSeconds) * 100;
  const peak = stages[peakStage];
  if (peak.total > capacityBytes) {
    violations.push({
      code: 'MEMORY',
      severity: 'error',
      message: `The busiest GPU (pipeline stage ${peakStage}) needs ${formatGB(peak.total)} but has ${hw.memoryGB} GB: it would run out of memory. More TP, PP or EP, a higher ZeRO stage, recomputation or smaller micro-batches shrink it.`,
      fields: ['hardware.memoryGB', 'parallel.tp', 'parallel.pp', 'parallel.ep', 'workload.zeroStage', 'workload.recompute', 'workload.microBatches'],
    });
  }
  const statedMismatchPct = model.statedParams !== null ? ((model.statedParams - counts.total) / counts.total) * 100 : null;
  if (statedMismatchPct !== null && Math.abs(statedMismatchPct) > 5) {
    violations.push({
      code: 'STATED_PARAMS',
      severity: 'warning',
      message: `The model is stated as ${(model.statedParams! / 1e9).toFixed(1)}B parameters, but its layer sizes give ${(counts.total / 1e9).toFixed(2)}B (${statedMismatchPct > 0 ? '+' : ''}${statedMismatchPct.toFixed(0)}%). Every number here uses the computed count.`,
      fields: ['model.statedParams', 'model.layers', 'model.hidden', 'model.moe.experts', 'model.moe.expertHidden'],
    });
  }
  const feasible = !violations.some((v) => v.severity === 'error');

  const perGpuMax = Math.max(...stages.map((st) => st.params.dense + st.params.expert));
  const values: HeadlineValues = {
    latencyMs: latencySeconds * 1e3,
    throughputTokensPerSec: throughput,
    commOverheadPct,
    loadBalancePct: routing.loadBalancePct,
    gpuUtilizationPct,
    memoryPct: (peak.total / capacityBytes) * 100,
    memoryPerGpuGB: peak.total / GPU_MEMORY_GB_BYTES,
    bubblePct: step.pipeline.simulatedBubbleFraction * 100,
    totalParams: counts.total,
  };

  const perGpu: GpuEntry[] = ranks.map((r) => ({
    rank: r.rank,
    node: r.node,
    coords: { tp: r.tp, pp: r.pp, dp: r.dp, ep: r.ep, etp: r.etp, edp: r.edp },
    memoryBytes: stages[r.pp].total,
    busySeconds: busyOf(r.pp, r.ep),
    expertLoad: model.moe ? routing.relativeGpuLoad[r.ep % routing.relativeGpuLoad.length] : 0,
    exposedCommSeconds: step.commByDevice[r.pp],
    inCluster: r.rank < hw.count,
  }));

  const result: Evaluation = {
    version: s.version,
    feasible,
    fromInfeasibleStrategy: !feasible,
    violations,
    assumptions: [
      ...parseAssumptions,
      ...(lean ? [] : evaluatorAssumptions(s)),
      ...(listed ? [] : [`${grouped(N)} GPUs are more than the ${grouped(MAX_LISTED_GPUS)} listed one by one: perGpu is empty and groups are placed as on two pipeline stages.`]),
    ],
    params: { ...counts, perGpuMax, statedMismatchPct },
    flops: {
      modelPerStep: flops.model,
      modelPerStepCausal: flops.modelCausal,
      hardwarePerStep: flops.hardware,
      forwardPerToken: flops.model / tokensPerStep / (training ? 3 : 1),
      timeConvention: w.flashAttention
        ? 'time counts the attention work a causal FlashAttention kernel executes (about half of the s×s core); reported FLOPs count the full core'
        : 'time counts the full s×s attention core, as an unfused kernel computes it',
    },
    memory: {
      peakBytes: peak.total,
      capacityBytes,
      peakStage,
      breakdown: peak.breakdown,
      perStage: stages.map((st, d) => ({
        stage: d,
        layers: byDevice[d].reduce((a, c) => a + c.toLayer - c.fromLayer, 0),
        totalBytes: st.total,
        breakdown: st.breakdown,
        inFlightMicroBatches: st.inFlight,
        params: { dense: st.params.dense, expert: st.params.expert },
      })),
    },
    time: { ...step.time, meanBusySeconds: meanBusy, computeParts: lean ? [] : computePartsOfDevice(pass, chunks, step.busyByDevice.indexOf(Math.max(...step.busyByDevice)), step.microBatchesThrough, decode ? w.decodeTokens : 1) },
    blocks: pass.blocks,
    pipeline: step.pipeline,
    routing: routing.summary,
    latencySeconds,
    throughputTokensPerSec: throughput,
    modelTflopsPerGpu,
    hardwareTflopsPerGpu,
    mfu: modelTflopsPerGpu / hw.peakTflops,
    commOverheadPct,
    loadBalancePct: routing.loadBalancePct,
    tokenDropPct: routing.tokenDropPct,
    gpuUtilizationPct,
    perGpu,
    timeline: step.timeline,
    transfers: step.transfers,
    // Filled below from the evaluation's own figures (core/metrics/targets.ts).
    compliance: [],
    claimsAudit: lean ? [] : auditClaims(s.claims, values, !feasible, {
      mode: training ? 'training' : decode ? 'decode' : 'prefill',
      sequences: w.globalBatch, tokensPerStep, stages: par.pp, microBatches: m, time: step.time,
      memory: peak.breakdown, peakStage, routingSkew: par.routing.skew, capacityFactor: par.capacityFactor,
      expertParams: counts.breakdown.routedExperts + counts.breakdown.sharedExperts,
    }),
    sweep: options.sweep && w.seqLenRange ? sweepSeqLen(s, (at) => evaluateScenario(at, [], { sweep: false, serving: false, perGpu: false, timeline: false })) : null,
    serving: null,
    scenario: s,
  };
  result.compliance = compliance(s.targets, result);
  if (!training && options.serving !== false) {
    result.serving = servingSummary(result, (variant) => evaluateScenario(variant, [], { sweep: false, serving: false, perGpu: false, timeline: false }));
    const other = result.serving && servingMemoryWarning(result.serving, w.phase, capacityBytes);
    if (other) result.violations.push(other);
  }
  return result;
}

/** The phase not shown runs out of memory although the shown one fits: a static batch needs both. */
function servingMemoryWarning(sv: ServingSummary, shown: Scenario['workload']['phase'], capacityBytes: number): Violation | null {
  const hidden = shown === 'prefill' ? 'decode' : 'prefill';
  const peak = hidden === 'decode' ? sv.decodePeakBytes : sv.prefillPeakBytes;
  if (peak <= capacityBytes) return null;
  return {
    code: 'SERVING_MEMORY',
    severity: 'warning',
    message: hidden === 'decode'
      ? `This batch's prefill fits, but its KV cache grows to ${formatGB(peak)} per GPU by the last output token, more than the GPU holds: at most ${sv.maxBatchByKv} sequences fit. A smaller batch, fewer decode tokens, an fp8 KV cache or more TP/PP shrink it.`
      : `This batch decodes within memory, but its prefill needs ${formatGB(peak)} per GPU, more than the GPU holds. A smaller batch or shorter prompts shrink it.`,
    fields: ['workload.globalBatch', 'workload.seqLen', 'workload.decodeTokens', 'workload.kvCachePrecision', 'parallel.tp', 'parallel.pp'],
  };
}

/**
 * Tokens an expert drops (over its capacity) skip its GEMMs: their routed
 * expert FLOPs are not model work, nor executed (forward, backward's 2×, and
 * the recomputed forward).
 */
function withoutDroppedTokens(f: { model: number; modelCausal: number; hardware: number }, s: Scenario, tokens: number, dropPct: number) {
  if (!s.model.moe || dropPct <= 0) return f;
  const dropped = (dropPct / 100) * tokens * routedExpertFlopsPerToken(s.model);
  const training = s.workload.mode === 'training';
  const passes = training ? 3 : 1;
  const executed = passes + (training && s.workload.recompute === 'full' ? 1 : 0);
  return { model: f.model - passes * dropped, modelCausal: f.modelCausal - passes * dropped, hardware: f.hardware - executed * dropped };
}

/** Prefill: every token runs the layers; only each sequence's last position runs the output head. */
function prefillFlops(s: Scenario, tokens: number) {
  const f = stepFlops(s.model, { tokens, seqLen: s.workload.seqLen, mode: 'inference', recompute: 'none' });
  const skipped = (tokens - s.workload.globalBatch) * outputHeadFlopsPerToken(s.model);
  return { model: f.model - skipped, modelCausal: f.modelCausal - skipped, hardware: f.hardware - skipped };
}

/** Decode: every generated token runs one forward over a growing KV cache. */
function decodeStepFlops(s: Scenario) {
  const w = s.workload;
  const midContext = w.seqLen + w.decodeTokens / 2;
  const perToken = decodeFlopsPerToken(s.model, midContext);
  const total = perToken * w.globalBatch * w.decodeTokens;
  return { model: total, modelCausal: total, hardware: total };
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

