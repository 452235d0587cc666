/**
 * Scenario presets: whole scenarios a user (or a teacher) opens in one click,
 * and the CLI evaluates with `--preset NAME`. Each is a partial scenario in
 * the scenario format; the parser fills the rest with defaults. Each states
 * its targets: the seed presets the seed document's, the others none.
 */
import { SEED_BEFORE, SEED_CLAIMS } from './seed';
import { NO_TARGETS, SEED_TARGETS } from './targets';

export interface ScenarioPreset {
  id: string;
  title: string;
  /** What the preset shows, in a sentence. */
  description: string;
  scenario: Record<string, unknown>;
}

export const SCENARIO_PRESETS: ScenarioPreset[] = [
  {
    id: 'seed-after',
    title: 'Seed document: "optimized" strategy (inference)',
    description:
      'The seed plan as written: TP 4 × PP 4 × DP 2 on 16 GPUs with EP 16. It needs 32 GPUs, and EP 16 does not fit in a stage of 8.',
    scenario: { claims: SEED_CLAIMS, targets: { ...SEED_TARGETS } },
  },
  {
    id: 'seed-before',
    title: 'Seed document: "before" strategy',
    description:
      'The strategy the seed document started from: TP 8, EP 8, PP 2, DP 1, 32 micro-batches, capacity factor 1.2, top-2.',
    scenario: { ...structuredClone(SEED_BEFORE), claims: null, targets: { ...SEED_TARGETS } },
  },
  {
    id: 'seed-training',
    title: 'Seed document: strategy as a training run',
    description: 'The same "optimized" strategy run as training with gradient accumulation over 8 micro-batches.',
    scenario: { workload: { mode: 'training' }, claims: SEED_CLAIMS, targets: { ...SEED_TARGETS } },
  },
  {
    id: 'seed-fixed-16gpu',
    title: 'Seed model: a strategy that fits 16 GPUs',
    description:
      'The seed model has 4.4B parameters (8.9 GB in FP16), so every GPU can hold all of it: 16-way data parallelism with no TP, PP or EP needs no communication and no pipeline bubble, and meets every seed target. (Found by searching every strategy that divides 16 GPUs.)',
    scenario: {
      parallel: { tp: 1, pp: 1, dp: 16, ep: 1 },
      workload: { microBatches: 1 },
      claims: SEED_CLAIMS,
      targets: { ...SEED_TARGETS },
    },
  },
  {
    id: 'mixtral-8x7b-h100-16',
    title: 'Mixtral 8x7B training on 16 H100s',
    description: 'A common fine-tuning setup: TP 2, PP 2, DP 4, EP 8, BF16, selective recompute.',
    scenario: {
      model: { preset: 'mixtral-8x7b' },
      hardware: { gpu: 'h100-sxm', count: 16 },
      workload: {
        mode: 'training',
        precision: 'bf16',
        globalBatch: 64,
        seqLen: 4096,
        seqLenRange: null,
        microBatches: 8,
        recompute: 'selective',
      },
      parallel: { tp: 2, pp: 2, dp: 4, ep: 8, capacityFactor: null },
      targets: { ...NO_TARGETS },
    },
  },
  {
    id: 'deepseek-v3-2048',
    title: 'DeepSeek-V3 training as published: 2,048 H800s',
    description:
      "DeepSeek-V3's own layout (report, arXiv 2412.19437, 3.2 and 4.2): PP 16 with DualPipe, EP 64, DP 128 with ZeRO-1, FP8, 15,360 sequences of 4,096 tokens, and the report's memory savings: norms and MLA up-projections recomputed, FP8 activation caching, BF16 optimizer moments, dispatch in FP8 once per node.",
    scenario: {
      model: { preset: 'deepseek-v3' },
      hardware: { gpu: 'h800-sxm', count: 2048, gpusPerNode: 8 },
      workload: {
        mode: 'training',
        precision: 'fp8',
        globalBatch: 15360,
        seqLen: 4096,
        seqLenRange: null,
        // Micro-batch size 1 (not published): 15,360 / (128 × 1).
        microBatches: 120,
        zeroStage: 1,
        recompute: 'selective',
        dropout: false,
        fp8ActivationCache: true,
        recomputeNormsAndUpProjections: true,
        routingWeightInExpert: true,
        bf16OptimizerMoments: true,
      },
      parallel: {
        tp: 1,
        pp: 16,
        dp: 128,
        ep: 64,
        etp: 1,
        schedule: 'dualpipe',
        capacityFactor: null,
        epNodeDedup: true,
        epFp8Dispatch: true,
        overlap: { dpGrad: true, tpComm: false, epComm: true },
      },
      targets: { ...NO_TARGETS },
    },
  },
  {
    id: 'deepseek-v3-256',
    title: 'DeepSeek-V3 training on 256 H800s',
    description:
      'DeepSeek-V3 with PP 16, EP 16 across nodes and 8-way DP, in the spirit of its technical report (which used 2048 H800s, PP 16, EP 64).',
    scenario: {
      model: { preset: 'deepseek-v3' },
      hardware: { gpu: 'h800-sxm', count: 256 },
      workload: {
        mode: 'training',
        precision: 'bf16',
        globalBatch: 256,
        seqLen: 4096,
        seqLenRange: null,
        microBatches: 32,
        zeroStage: 1,
        recompute: 'full',
      },
      parallel: { tp: 2, pp: 16, dp: 8, ep: 16, schedule: 'zb-h1', capacityFactor: null },
      targets: { ...NO_TARGETS },
    },
  },
];

export function scenarioPreset(id: string): ScenarioPreset | undefined {
  return SCENARIO_PRESETS.find((p) => p.id === id);
}
