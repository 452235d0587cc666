/**
 * The evaluation: what the evaluator returns for one scenario
 * (../shared/spec/scenario-format.md, "Evaluation"). Field names are a
 * contract with the worker, UI, CLI and tests; the project may add fields,
 * it renames none.
 */
import type { FieldError, Scenario } from '../scenario/types';
import type { SimBlock, TransferEvent } from '../pipeline/types';

import type { Violation } from '../scenario/violation';
export type { Severity, Violation } from '../scenario/violation';

export interface ParamCounts {
  total: number;
  /** Active per token, counting the input and output embeddings (Mistral, Qwen, OLMoE convention). */
  active: number;
  perGpuMax: number;
  /** (stated − computed) / computed × 100, or null when nothing is stated. */
  statedMismatchPct: number | null;
  /** The active count in each publisher convention, labelled. */
  activeConventions: {
    withInputAndOutputEmbeddings: number;
    withOutputEmbeddingOnly: number;
    withoutEmbeddings: number;
  };
  breakdown: {
    embedding: number;
    outputHead: number;
    attention: number;
    denseFfn: number;
    routedExperts: number;
    sharedExperts: number;
    router: number;
    norms: number;
  };
}

export interface FlopsSummary {
  /** Model FLOPs per step, attention core over full s×s (Narayanan et al. 2021, PaLM). */
  modelPerStep: number;
  /** Megatron-Core's count: causal half of the attention core, no router. */
  modelPerStepCausal: number;
  /** Model FLOPs plus recomputation. */
  hardwarePerStep: number;
  /** Forward FLOPs per token (full-attention convention). */
  forwardPerToken: number;
  /** Which attention-core count the time model uses, in words. */
  timeConvention: string;
}

export interface MemoryBreakdown {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  kvCache: number;
  buffers: number;
}

export interface MemorySummary {
  peakBytes: number;
  capacityBytes: number;
  /** Pipeline stage whose GPUs hold the peak. */
  peakStage: number;
  breakdown: MemoryBreakdown;
  perStage: {
    stage: number;
    layers: number;
    totalBytes: number;
    breakdown: MemoryBreakdown;
    inFlightMicroBatches: number;
    /** Parameters one GPU of the stage holds: dense (replicated over DP) and routed-expert (over expert-DP), before ZeRO sharding. */
    params?: { dense: number; expert: number };
  }[];
}

export type Bound = 'compute' | 'memory' | 'latency';

/**
 * Roofline of one kind of block (per micro-batch, per layer, on one GPU),
 * forward. `host` blocks are what the GPU waits for the CPU (bound 'latency').
 */
export interface BlockTiming {
  name: string;
  flops: number;
  bytes: number;
  /** Efficiency used for this block's compute, from its GEMM shape. */
  efficiency: number;
  bound: Bound;
  seconds: number;
  /** The same part's backward (input and weight gradients, recomputation included); 0 when serving. */
  backwardSeconds?: number;
}

/** Compute time of one kind of work, over the step, on the GPU that sets the step. */
export interface ComputePartTime {
  /** A layer part (compute/layerTime.ts LAYER_PARTS), 'embedding' or 'outputHead'. */
  part: string;
  seconds: number;
}

export interface TimeSummary {
  stepSeconds: number;
  computeSeconds: number;
  bubbleSeconds: number;
  exposedCommSeconds: { tp: number; ep: number; pp: number; dp: number };
  /** Optimizer step and other per-step work outside the pipeline. */
  optimizerSeconds: number;
  /** `computeSeconds` split by the kind of work (largest first); they add up to it. */
  computeParts?: ComputePartTime[];
  /** Compute-busy seconds over the step, averaged over every GPU (GPU utilization = this / stepSeconds). */
  meanBusySeconds?: number;
}

export interface PipelineSummary {
  schedule: string;
  stages: number;
  /** Model chunks per device the schedule runs (interleaved: v; ZB-V and DualPipe: 2; else 1). */
  virtualStages: number;
  microBatches: number;
  /** Durations the simulator used, per pipeline stage (device), seconds per micro-batch. */
  forwardSeconds: number[];
  backwardSeconds: number[];
  weightGradSeconds: number[];
  /** Exposed TP/EP communication inside each device's F and B blocks (already part of their durations). */
  forwardCommSeconds: number[];
  backwardCommSeconds: number[];
  /**
   * The expert-parallel (all-to-all) part of forwardCommSeconds and
   * backwardCommSeconds; the rest is TP. Absent in evaluations made before
   * the split: their comm is drawn as one mark.
   */
  forwardEpCommSeconds?: number[];
  backwardEpCommSeconds?: number[];
  transferSeconds: number;
  makespanSeconds: number;
  /** "Simulated bubble" (pipeline/glossary.ts): idle share of the run with the real block times and free transfers. */
  simulatedBubbleFraction: number;
  /** The run behind it (free transfers): its makespan and its devices' mean busy seconds (fraction = 1 − busy / makespan). */
  simulatedMakespanSeconds?: number;
  simulatedBusySeconds?: number;
  /** "Textbook bubble": the schedule's formula with every stage at the average block times (0 when it does not apply). */
  analyticBubbleFraction: number;
  /** That formula with its numbers, or why there is none. */
  analyticFormula: string;
  /** The textbook formula holds for this shape (it follows the schedule's rules). */
  analyticApplies: boolean;
  /** The paper's own form where the exact formula above differs from it, else null. */
  paperFormula: string | null;
  /** Why the simulated bubble differs from the textbook one (by more than half a point); empty when they agree. */
  bubbleGap: BubbleGapReason[];
}

/** One cause of a difference between the simulated and the textbook bubble (evaluate/bubbleGap.ts). */
export interface BubbleGapReason {
  code: 'UNEQUAL_STAGES' | 'OUTSIDE_SCHEDULE_RULES' | 'PARTLY_EXTRAPOLATED' | 'UNEXPLAINED';
  /** A sentence for the page. */
  message: string;
}

/** One block of the simulated timeline (the simulator's own type, core/pipeline/types.ts). */
export type TimelineBlock = SimBlock;

/** A point-to-point send of one micro-batch between pipeline stages. */
export type TimelineTransfer = TransferEvent;

export interface RoutingSummary {
  tokensPerMicroBatch: number;
  expertsPerGpu: number;
  capacityPerExpert: number | null;
  /** Max / mean tokens per GPU of the EP group (≥ 1): how much longer the slowest GPU's experts run. */
  stragglerFactor: number;
  /** Tokens per expert, in one sampled micro-batch of one EP group. */
  expertLoad: number[];
  /** Tokens processed per EP rank. */
  gpuLoad: number[];
}

export interface GpuEntry {
  rank: number;
  node: number;
  /**
   * The rank's index in each parallel group (comm/layout.ts). tp, pp, dp: the
   * dense grid tp × dp × pp. ep, etp, edp: the expert grid that carves each
   * pipeline stage's tp·dp ranks into expert-tensor × expert × expert-data
   * parallel ranks. A GPU's EP group shares its pp, etp and edp; its
   * expert-data-parallel group (which averages expert gradients) its pp, ep and etp.
   */
  coords: { tp: number; pp: number; dp: number; ep: number; etp: number; edp: number };
  memoryBytes: number;
  busySeconds: number;
  /** Tokens this GPU's experts process per micro-batch relative to the mean (1 = average). */
  expertLoad: number;
  exposedCommSeconds: number;
  /** False for ranks the strategy asks for beyond hardware.count (an infeasible GPU count). */
  inCluster: boolean;
}

export interface ComplianceEntry {
  target: string;
  value: number | null;
  limit: number | null;
  pass: boolean | null;
  /** "max" when the value must stay at or under the limit, "min" at or over. */
  kind: 'max' | 'min';
}

export interface ClaimAudit {
  claim: string;
  stated: number;
  computed: number | null;
  verdict: 'consistent' | 'contradicted' | 'not computable';
  why: string;
  /** What the computed figure counts, in one sentence (also inside `why`). */
  counts?: string;
  /** The cost of this scenario that explains the gap; null when consistent or none does (also inside `why`). */
  cause?: string | null;
}

export interface SweepPoint {
  seqLen: number;
  latencySeconds: number;
  throughputTokensPerSec: number;
  peakMemoryBytes: number;
  commOverheadPct: number;
  gpuUtilizationPct: number;
}

export interface Sweep {
  min: SweepPoint;
  max: SweepPoint;
  points: SweepPoint[];
}

/**
 * Serving as its users measure it (cost-model.md §10), for a static batch:
 * `workload.globalBatch` prompts of `workload.seqLen` tokens are prefilled
 * together, then decoded together for `workload.decodeTokens` output tokens
 * per sequence (the first comes out of the prefill). Both phases are
 * evaluated whatever `workload.phase` shows.
 */
export interface ServingSummary {
  /** Time to first token: the prefill of the whole batch (the first output token leaves with it). */
  ttftSeconds: number;
  /** Time per output token: one decode step of the whole batch, averaged over the output (KV length seqLen … seqLen + decodeTokens). */
  tpotSeconds: number;
  /** The static batch end to end: TTFT + (decodeTokens − 1) × TPOT. */
  endToEndSeconds: number;
  /** Prefill throughput: globalBatch × seqLen / TTFT, prompt tokens per second (whole cluster). */
  prefillTokensPerSec: number;
  /** Steady decode throughput: globalBatch / TPOT, output tokens per second (whole cluster). */
  decodeTokensPerSec: number;
  /** Static-batch throughput: globalBatch × decodeTokens / end-to-end, output tokens per second (whole cluster). */
  outputTokensPerSec: number;
  /** The same per GPU (over TP × PP × DP GPUs). */
  outputTokensPerSecPerGpu: number;
  /** What one user sees while decoding: 1 / TPOT. */
  tokensPerSecPerUser: number;
  /** KV cache of one sequence at its final length (seqLen + decodeTokens) on one GPU of the fullest stage, bytes. */
  kvBytesPerSequence: number;
  /** Largest global batch whose KV cache at the final length fits beside the weights, working memory and reserve (activations at the current batch). */
  maxBatchByKv: number;
  /** Peak memory per GPU during the prefill and at the end of decode. */
  prefillPeakBytes: number;
  decodePeakBytes: number;
  /** Both phases fit in GPU memory. */
  fits: boolean;
}

export interface Evaluation {
  /** The scenario format version (SCENARIO_VERSION) this evaluation was made under; the same number as a document's `version` and a link's `v`. */
  version: number;
  feasible: boolean;
  /** True when the metrics below come from a strategy that violates a constraint. */
  fromInfeasibleStrategy: boolean;
  violations: Violation[];
  assumptions: string[];
  params: ParamCounts;
  flops: FlopsSummary;
  memory: MemorySummary;
  time: TimeSummary;
  blocks: BlockTiming[];
  pipeline: PipelineSummary;
  routing: RoutingSummary | null;
  latencySeconds: number;
  throughputTokensPerSec: number;
  modelTflopsPerGpu: number;
  hardwareTflopsPerGpu: number;
  mfu: number;
  commOverheadPct: number;
  loadBalancePct: number;
  tokenDropPct: number;
  gpuUtilizationPct: number;
  perGpu: GpuEntry[];
  timeline: TimelineBlock[];
  /** Point-to-point sends between stages, as simulated. */
  transfers: TimelineTransfer[];
  compliance: ComplianceEntry[];
  claimsAudit: ClaimAudit[];
  sweep: Sweep | null;
  /** Inference: TTFT, TPOT, end-to-end time and KV-limited batch of the static batch; null in training. */
  serving: ServingSummary | null;
  /** The normalized scenario this evaluation is of. */
  scenario: Scenario;
}

/** What `evaluate` returns when the input is not a valid scenario at all. */
export class ScenarioError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'ScenarioError';
    this.errors = errors;
  }
}
