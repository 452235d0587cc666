/**
 * The evaluator: a scenario in, every number on screen out. Each step is a
 * small pure module; this file only wires them in order:
 * validate → parameters and FLOPs → placement → routing → block times →
 * pipeline simulation → memory → metrics, targets, claims → sweep.
 */
import type { Evaluation, GpuEntry, ServingSummary, Violation } from '../evaluation';
import { ScenarioError } from '../evaluation';
import {
  countParams,
  type ModelParamCounts,
  stepFlops,
  decodeFlopsPerToken,
  outputHeadFlopsPerToken,
  routedExpertFlopsPerToken,
} from '../model';
import { checkStrategy, parseScenario, withFrameworkDefaults } from '../scenario';
import type { Scenario } from '../scenario/types';
import { deviceOf, operationShares, type Device } from '../compute/device';
import { FP8_DISPATCH_BYTES } from '../comm/allToAll';
import { frameworkOf } from '../catalog/frameworks';
import { storageFormats } from '../physics/storage';
import { servingSummary } from '../serving/summary';
import { droplessHostSync } from '../serving/hostSync';
import { expertWork } from '../serving/denseExperts';
import { memoryOpTiming } from '../compute/roofline';
import { placeRanks, type LayoutInput, type Placement, type RankCoords } from '../comm/layout';
import { linksOf, ppTransferSeconds, ringLink } from '../comm/costs';
import { sharesLink } from '../comm/linkQueue';
import { createStageMemo, stageMemories, type StageMemo } from '../memory/perStage';
import { splitIntoChunks, type Chunk } from '../model/stages';
import { scheduleById } from '../pipeline';
import { routeExperts, routeMoe, routingInput, type RoutingOutcome } from '../routing/outcome';
import { memoOn, type Memoized } from './memo';
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

/**
 * Work that evaluations of one search share; create one per search. Each
 * memo computes from exactly the inputs its key is made of (memo.ts), so an
 * evaluation through a memo equals one without it, bit for bit.
 */
export interface EvaluateMemo {
  /** Expert routing of a MoE model, by the experts, degrees, routing settings and pass shape. */
  routing: Memoized<[s: Scenario, tokens: number, microBatch: number], RoutingOutcome>;
  /** Rank placements, by the degrees, node size, rank order and whether ranks are listed. */
  placements: Memoized<[input: LayoutInput, list: boolean], Placement>;
  /** The device model, by the hardware object and the formats it runs and stores in (the layer memo is keyed by its identity). */
  device: Memoized<[s: Scenario], Device>;
  /** Parameter counts, by model object. */
  counts: Memoized<[model: Scenario['model']], ModelParamCounts>;
  /** The step's FLOPs, by model object and the workload fields they read. */
  flops: Memoized<[s: Scenario, tokensPerStep: number], StepWork>;
  /** Layer ranges per virtual stage, by model object, schedule, stages and virtual stages (nothing writes to chunks). */
  chunks: Memoized<[s: Scenario], Chunk[]>;
  /** The memory of the last scenario object: peakMemory() and then evaluateScenario() on the same object compute it once. */
  memory: Memoized<[s: Scenario], ReturnType<typeof memoryOfStages>>;
  /** Pipeline runs (no timeline), keyed by every input the simulation reads. */
  simulations: SimulationMemo;
  /** Per-stage memory before the in-flight count, keyed by every input it reads. */
  stages: StageMemo;
  /** Layer timings, keyed by every input layerTiming reads (for one model and one device object). */
  layers: LayerMemo;
}

type StepWork = { model: number; modelCausal: number; hardware: number };

const pickPlacement = (input: LayoutInput, list: boolean) => ({
  tp: input.tp,
  pp: input.pp,
  dp: input.dp,
  ep: input.ep,
  etp: input.etp,
  gpusPerNode: input.gpusPerNode,
  rankOrder: input.rankOrder,
  list,
});
const placementOf = (i: ReturnType<typeof pickPlacement>) => placeRanks(i, i.list);

const pickRouting = (s: Scenario, tokens: number, microBatch: number) =>
  routingInput(s, s.model.moe!, tokens, microBatch);

/** What deviceOf reads: the hardware, the precision, two workload switches, and serving's storage formats (null in training). */
function pickDevice(s: Scenario) {
  const { hardware, workload: w } = s;
  const storage = w.mode === 'training' ? null : storageFormats(w);
  return {
    hardware,
    precision: w.precision,
    fp8Attention: w.fp8Attention,
    cudaGraphs: w.cudaGraphs,
    // The host's cost per operation depends on the framework's runtime and on autograd (training).
    runtime: frameworkOf(w.framework, w.mode).runtime,
    training: w.mode === 'training',
    weightBytes: storage?.weightBytes ?? null,
    expertWeightBytes: storage?.expertWeightBytes ?? null,
    kvBytes: storage?.kvBytes ?? null,
  };
}
function deviceOfPick(i: ReturnType<typeof pickDevice>): Device {
  // Serving stores weights and the KV cache in their own formats; training's GEMMs read what the precision says.
  const storage =
    i.weightBytes === null
      ? undefined
      : { weightBytes: i.weightBytes, expertWeightBytes: i.expertWeightBytes!, kvBytes: i.kvBytes! };
  return deviceOf(i.hardware, i.precision, i, storage);
}

/** What the step's FLOPs read: the model, the step's tokens and the workload fields of its mode. */
function pickFlops(s: Scenario, tokensPerStep: number) {
  const { model, workload: w } = s;
  const training = w.mode === 'training';
  return {
    model,
    training,
    decode: !training && w.phase === 'decode',
    tokensPerStep,
    seqLen: w.seqLen,
    globalBatch: w.globalBatch,
    decodeTokens: w.decodeTokens,
    recompute: training ? w.recompute : ('none' as const),
    recomputeNormsAndUpProjections: training && w.recomputeNormsAndUpProjections,
  };
}
function flopsOfPick(i: ReturnType<typeof pickFlops>): StepWork {
  if (i.decode) return decodeStepFlops(i.model, i.seqLen, i.decodeTokens, i.globalBatch);
  if (i.training)
    return stepFlops(i.model, {
      tokens: i.tokensPerStep,
      seqLen: i.seqLen,
      mode: 'training',
      recompute: i.recompute,
      recomputeNormsAndUpProjections: i.recomputeNormsAndUpProjections,
    });
  return prefillFlops(i.model, i.tokensPerStep, i.seqLen, i.globalBatch);
}

const pickChunks = (s: Scenario) => ({
  model: s.model,
  schedule: s.parallel.schedule,
  pp: s.parallel.pp,
  virtualStages: s.parallel.virtualStages,
});
const chunksOfPick = (i: ReturnType<typeof pickChunks>) =>
  splitIntoChunks(i.model, scheduleById(i.schedule).placement(i.pp, i.virtualStages));

export function createMemo(): EvaluateMemo {
  const stages = createStageMemo();
  const memo: EvaluateMemo = {
    routing: memoOn(pickRouting, routeMoe),
    placements: memoOn(pickPlacement, placementOf),
    device: memoOn(pickDevice, deviceOfPick),
    counts: memoOn(
      (model: Scenario['model']) => ({ model }),
      (i) => countParams(i.model),
    ),
    flops: memoOn(pickFlops, flopsOfPick),
    chunks: memoOn(pickChunks, chunksOfPick),
    // The whole scenario by identity: one entry, for the memory check and the evaluation of the same strategy.
    memory: memoOn(
      (s: Scenario) => ({ scenario: s }),
      (i) => {
        const { passTokens, microBatchSize } = passShape(i.scenario);
        return memoryOfStages(
          i.scenario,
          routeOnce(i.scenario, passTokens, microBatchSize, memo),
          chunksOf(i.scenario, memo),
          stages,
        );
      },
      1,
    ),
    simulations: new Map(),
    stages,
    layers: createLayerMemo(),
  };
  return memo;
}

function placeOnce(input: LayoutInput, list: boolean, memo: EvaluateMemo | undefined): Placement {
  return memo ? memo.placements.get(input, list) : placeRanks(input, list);
}

/** routeExperts, through the memo when given. */
function routeOnce(s: Scenario, tokens: number, microBatch: number, memo: EvaluateMemo | undefined): RoutingOutcome {
  return memo && s.model.moe ? memo.routing.get(s, tokens, microBatch) : routeExperts(s, tokens, microBatch);
}

/** The device model, through the memo when given (the same computation either way). */
function deviceOnce(s: Scenario, memo: EvaluateMemo | undefined): Device {
  return memo ? memo.device.get(s) : deviceOfPick(pickDevice(s));
}

/** Parameter counts and the step's FLOPs, through the memo when given. */
function workOnce(
  s: Scenario,
  tokensPerStep: number,
  memo: EvaluateMemo | undefined,
): { counts: ModelParamCounts; flops: StepWork } {
  if (!memo) return { counts: countParams(s.model), flops: flopsOfPick(pickFlops(s, tokensPerStep)) };
  return { counts: memo.counts.get(s.model), flops: memo.flops.get(s, tokensPerStep) };
}

/** What one pass works on: new tokens per sequence, and the micro-batch size. */
function passShape(s: Scenario) {
  const w = s.workload;
  const decode = w.mode !== 'training' && w.phase === 'decode';
  return {
    decode,
    passTokens: decode ? 1 : w.seqLen,
    microBatchSize: w.globalBatch / (s.parallel.dp * w.microBatches),
  };
}

/** Memory of every pipeline device, and which one peaks. */
function memoryOfStages(s: Scenario, routing: RoutingOutcome, chunks: Chunk[], memo?: StageMemo) {
  const { workload: w, parallel: par } = s;
  const { decode, passTokens, microBatchSize } = passShape(s);
  // Each device's chunks in virtual-stage order (chunksOfDevice for every device, in one pass).
  const byDevice: Chunk[][] = [];
  for (let d = 0; d < par.pp; d++) byDevice.push([]);
  for (const c of chunks) byDevice[c.device].push(c);
  const stages = stageMemories(
    {
      scenario: s,
      microBatchSize,
      seqLen: passTokens === 1 ? 1 : w.seqLen,
      kvLength: decode ? w.seqLen + w.decodeTokens : w.seqLen,
      expertTokensFactor: routing.expertTokensFactor,
    },
    byDevice,
    memo,
  );
  let peakStage = 0;
  stages.forEach((st, d) => {
    if (st.total > stages[peakStage].total) peakStage = d;
  });
  return { stages, peakStage, byDevice };
}

function memoryWithoutMemo(s: Scenario) {
  const { passTokens, microBatchSize } = passShape(s);
  return memoryOfStages(s, routeExperts(s, passTokens, microBatchSize), chunksOf(s));
}

/** Each virtual stage's layers, through the memo when given. */
function chunksOf(s: Scenario, memo?: EvaluateMemo): Chunk[] {
  return memo ? memo.chunks.get(s) : chunksOfPick(pickChunks(s));
}

/**
 * Peak memory per GPU exactly as `evaluateScenario` computes it, without the
 * time model: the strategy search checks it first and times only what fits.
 */
export function peakMemory(
  s: Scenario,
  memo?: EvaluateMemo,
): { peakBytes: number; peakStage: number; capacityBytes: number } {
  const { stages, peakStage } = memo ? memo.memory.get(s) : memoryWithoutMemo(s);
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

export function evaluateScenario(
  given: Scenario,
  parseAssumptions: string[] = [],
  options: CoreOptions = { sweep: true },
): Evaluation {
  // The engine switches left null take the framework's defaults; the evaluation still reports `given`.
  const s = withFrameworkDefaults(given);
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
  const device = deviceOnce(s, options.memo);
  const links = linksOf(hw);

  // Parameters and FLOPs.
  const tokensPerStep = w.globalBatch * (decode ? w.decodeTokens : w.seqLen);
  const { counts, flops: allTokensFlops } = workOnce(s, tokensPerStep, options.memo);

  // Placement of ranks on nodes.
  const listed = N <= MAX_LISTED_GPUS;
  const list = listed && options.perGpu !== false;
  const placement = placeOnce(
    {
      tp: par.tp,
      pp: listed ? par.pp : Math.min(par.pp, 2),
      dp: par.dp,
      ep: par.ep,
      etp: par.etp,
      gpusPerNode: hw.gpusPerNode,
      rankOrder: par.rankOrder,
    },
    list,
    options.memo,
  );
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
      model,
      tokens: passTokens,
      context,
      microBatch: microBatchSize,
      tp: par.tp,
      etp: par.etp,
      sequenceParallel: w.sequenceParallel,
      flashAttention: w.flashAttention,
      training,
      recomputeNormsAndUpProjections: training && w.recomputeNormsAndUpProjections,
      expertAssignments: experts.assignments,
      expertsPerGpu: routing.expertsPerGpu,
      activeExpertsPerGpu: experts.activeExperts,
      epSize: spans.ep.size,
      dropless: droplessHostSync(s),
      fusedDispatch: par.epNodeDedup && !experts.dense,
      denseExperts: experts.dense,
      device,
    },
    comm: {
      tokens: passTokens,
      microBatch: microBatchSize,
      hidden: model.hidden,
      bytesPerElement: device.bytesPerElement,
      tp: par.tp,
      etp: par.etp,
      sharedExperts: model.moe?.sharedExperts ?? 0,
      topK: experts.copiesPerToken,
      dispatchFactor: experts.dispatchFactor,
      tpSpan: spans.tp,
      epSpan: spans.ep,
      links,
      experts: model.moe?.experts,
      a2aEfficiency: { intra: operationShares(hw.gpu).a2aIntra, inter: operationShares(hw.gpu).a2aInter },
      dispatchBytes: par.epFp8Dispatch ? FP8_DISPATCH_BYTES : device.bytesPerElement,
      nodeDedup: par.epNodeDedup && !experts.dense,
      maxNodesPerToken: model.moe?.maxNodesPerToken ?? null,
      sequenceParallel: w.sequenceParallel,
    },
  });

  // Memory of each pipeline device.
  const { stages, peakStage, byDevice } = options.memo
    ? options.memo.memory.get(given)
    : memoryOfStages(s, routing, chunks);
  const capacityBytes = hw.memoryGB * GPU_MEMORY_GB_BYTES;

  // The step: pipeline, DP sync, optimizer.
  // Every stage syncs its own gradients over its DP group; the slowest one sets the step.
  const update = weightUpdate(
    s,
    stages.map((st) => st.params),
    spans,
    links,
    device,
  );
  const step = simulateStep({
    scenario: s,
    pass,
    microBatches: m,
    transferSeconds:
      par.pp > 1
        ? ppTransferSeconds(
            passTokens,
            microBatchSize,
            model.hidden,
            device.bytesPerElement,
            par.tp,
            ringLink(spans.pp, links),
          )
        : 0,
    gradientSync: update.sync,
    optimizerSeconds: update.optimizerSeconds,
    dpLinkShares: { tp: sharesLink(spans.tp, spans.dp), ep: sharesLink(spans.ep, spans.dp) },
    decodeSteps: decode ? w.decodeTokens : 1,
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
    step.busyByDevice[pp] -
    step.expertBusyByDevice[pp] * (1 - routing.relativeGpuLoad[ep % routing.relativeGpuLoad.length] / maxLoad);
  // Mean over GPUs: the mean relative load is 1, so the mean idle expert share is 1 − 1/max.
  const meanBusy = mean(step.busyByDevice) - mean(step.expertBusyByDevice) * (1 - 1 / maxLoad);
  const gpuUtilizationPct = (meanBusy / stepSeconds) * 100;
  const peak = stages[peakStage];
  if (peak.total > capacityBytes) {
    violations.push({
      code: 'MEMORY',
      severity: 'error',
      message: `The busiest GPU (pipeline stage ${peakStage}) needs ${formatGB(peak.total)} but has ${hw.memoryGB} GB: it would run out of memory. More TP, PP or EP, a higher ZeRO stage, recomputation or smaller micro-batches shrink it.`,
      fields: [
        'hardware.memoryGB',
        'parallel.tp',
        'parallel.pp',
        'parallel.ep',
        'workload.zeroStage',
        'workload.recompute',
        'workload.microBatches',
      ],
    });
  }
  const statedMismatchPct =
    model.statedParams !== null ? ((model.statedParams - counts.total) / counts.total) * 100 : null;
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
      ...(lean ? [] : evaluatorAssumptions(s, given)),
      ...(listed
        ? []
        : [
            `${grouped(N)} GPUs are more than the ${grouped(MAX_LISTED_GPUS)} listed one by one: perGpu is empty and groups are placed as on two pipeline stages.`,
          ]),
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
    time: {
      ...step.time,
      meanBusySeconds: meanBusy,
      computeParts: lean
        ? []
        : computePartsOfDevice(
            pass,
            chunks,
            step.busyByDevice.indexOf(Math.max(...step.busyByDevice)),
            step.microBatchesThrough,
            decode ? w.decodeTokens : 1,
          ),
    },
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
    claimsAudit: lean
      ? []
      : auditClaims(s.claims, values, !feasible, {
          mode: training ? 'training' : decode ? 'decode' : 'prefill',
          sequences: w.globalBatch,
          tokensPerStep,
          stages: par.pp,
          microBatches: m,
          time: step.time,
          memory: peak.breakdown,
          peakStage,
          routingSkew: par.routing.skew,
          capacityFactor: par.capacityFactor,
          expertParams: counts.breakdown.routedExperts + counts.breakdown.sharedExperts,
        }),
    sweep:
      options.sweep && w.seqLenRange
        ? sweepSeqLen(given, (at) =>
            evaluateScenario(at, [], { sweep: false, serving: false, perGpu: false, timeline: false }),
          )
        : null,
    serving: null,
    scenario: given,
  };
  result.compliance = compliance(s.targets, result);
  if (!training && options.serving !== false) {
    result.serving = servingSummary(result, (variant) =>
      evaluateScenario(variant, [], { sweep: false, serving: false, perGpu: false, timeline: false }),
    );
    const other = result.serving && servingMemoryWarning(result.serving, w.phase, capacityBytes);
    if (other) result.violations.push(other);
  }
  return result;
}

/** The phase not shown runs out of memory although the shown one fits: a static batch needs both. */
function servingMemoryWarning(
  sv: ServingSummary,
  shown: Scenario['workload']['phase'],
  capacityBytes: number,
): Violation | null {
  const hidden = shown === 'prefill' ? 'decode' : 'prefill';
  const peak = hidden === 'decode' ? sv.decodePeakBytes : sv.prefillPeakBytes;
  if (peak <= capacityBytes) return null;
  return {
    code: 'SERVING_MEMORY',
    severity: 'warning',
    message:
      hidden === 'decode'
        ? `This batch's prefill fits, but its KV cache grows to ${formatGB(peak)} per GPU by the last output token, more than the GPU holds: at most ${sv.maxBatchByKv} sequences fit. A smaller batch, fewer decode tokens, an fp8 KV cache or more TP/PP shrink it.`
        : `This batch decodes within memory, but its prefill needs ${formatGB(peak)} per GPU, more than the GPU holds. A smaller batch or shorter prompts shrink it.`,
    fields: [
      'workload.globalBatch',
      'workload.seqLen',
      'workload.decodeTokens',
      'workload.kvCachePrecision',
      'parallel.tp',
      'parallel.pp',
    ],
  };
}

/**
 * Tokens an expert drops (over its capacity) skip its GEMMs: their routed
 * expert FLOPs are not model work, nor executed (forward, backward's 2×, and
 * the recomputed forward).
 */
function withoutDroppedTokens(
  f: { model: number; modelCausal: number; hardware: number },
  s: Scenario,
  tokens: number,
  dropPct: number,
) {
  if (!s.model.moe || dropPct <= 0) return f;
  const dropped = (dropPct / 100) * tokens * routedExpertFlopsPerToken(s.model);
  const training = s.workload.mode === 'training';
  const passes = training ? 3 : 1;
  const executed = passes + (training && s.workload.recompute === 'full' ? 1 : 0);
  return {
    model: f.model - passes * dropped,
    modelCausal: f.modelCausal - passes * dropped,
    hardware: f.hardware - executed * dropped,
  };
}

/** Prefill: every token runs the layers; only each sequence's last position runs the output head. */
function prefillFlops(model: Scenario['model'], tokens: number, seqLen: number, sequences: number): StepWork {
  const f = stepFlops(model, { tokens, seqLen, mode: 'inference', recompute: 'none' });
  const skipped = (tokens - sequences) * outputHeadFlopsPerToken(model);
  return { model: f.model - skipped, modelCausal: f.modelCausal - skipped, hardware: f.hardware - skipped };
}

/** Decode: every generated token runs one forward over a growing KV cache. */
function decodeStepFlops(model: Scenario['model'], seqLen: number, decodeTokens: number, sequences: number): StepWork {
  const midContext = seqLen + decodeTokens / 2;
  const perToken = decodeFlopsPerToken(model, midContext);
  const total = perToken * sequences * decodeTokens;
  return { model: total, modelCausal: total, hardware: total };
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
