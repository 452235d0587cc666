/** Scenarios the benchmark measures. */

/** The seed scenario, exactly as a first visit shows it. */
export const SEED = {};

/** A 1024-GPU DeepSeek-V3-like training run: PP 16, EP 64 across nodes, 32-way DP. */
export const DEEPSEEK_1024 = {
  model: { preset: 'deepseek-v3' },
  hardware: { gpu: 'h800-sxm', count: 1024 },
  workload: {
    mode: 'training',
    precision: 'bf16',
    globalBatch: 1024,
    seqLen: 4096,
    seqLenRange: null,
    microBatches: 32,
    recompute: 'full',
  },
  parallel: { tp: 2, pp: 16, dp: 32, ep: 64, schedule: 'zb-h1', capacityFactor: null },
};

/** A 4096-GPU DeepSeek-V3 training run: the heatmap and Gantt at their largest. */
export const DEEPSEEK_4096 = {
  model: { preset: 'deepseek-v3' },
  hardware: { gpu: 'h100-sxm', count: 4096 },
  workload: {
    mode: 'training',
    precision: 'bf16',
    globalBatch: 4096,
    seqLen: 4096,
    seqLenRange: null,
    microBatches: 64,
    recompute: 'full',
  },
  parallel: { tp: 2, pp: 16, dp: 128, ep: 64, capacityFactor: null },
};

/**
 * Strategy-search cases of issue 8, each a scenario and the narrowing the
 * bench searches, at least the spaces (its counts, 19,158 and
 * 40,152, were taken on an older enumeration; ZB-V and DualPipe have joined
 * the schedules since). DeepSeek-V3 on 1024 H800: every EP, expert TP,
 * schedule, virtual stages, micro-batch count and sequence parallelism, TP
 * within a node, the report's full recompute and ZeRO-1: 24,876 strategies.
 */
export const SEARCH_DEEPSEEK_1024 = {
  scenario: DEEPSEEK_1024,
  narrowing: { tp: { max: 8 }, recompute: ['full'], zeroStages: [1] },
} as const;

/** GPT-3 175B on 1024 A100 80GB, nothing narrowed: every TP, PP, schedule, micro-batch count, recompute, ZeRO stage and SP (56,952 strategies). */
export const SEARCH_GPT3_1024 = {
  scenario: {
    model: { preset: 'gpt3-175b' },
    hardware: { gpu: 'a100-80gb', count: 1024 },
    workload: {
      mode: 'training',
      precision: 'bf16',
      globalBatch: 1536,
      seqLen: 2048,
      seqLenRange: null,
      microBatches: 32,
      recompute: 'full',
    },
    parallel: { tp: 8, pp: 16, dp: 8, ep: 1 },
  },
  narrowing: {},
} as const;

/** 16 stages × 128 micro-batches of training: a 4096-block Gantt chart. */
export const GANTT_4096_BLOCKS = {
  model: { preset: 'deepseek-v3' },
  hardware: { gpu: 'h100-sxm', count: 2048 },
  workload: {
    mode: 'training',
    precision: 'bf16',
    globalBatch: 2048,
    seqLen: 4096,
    seqLenRange: null,
    microBatches: 128,
    recompute: 'full',
  },
  parallel: { tp: 1, pp: 16, dp: 128, ep: 64, capacityFactor: null },
};

/** Issue 8's two searches, named as the bench prints them. */
export const SEARCH_CASES = [
  { name: 'DeepSeek-V3 on 1024 H800, every EP', ...SEARCH_DEEPSEEK_1024 },
  { name: 'GPT-3 175B on 1024 A100, whole space', ...SEARCH_GPT3_1024 },
] as const;
