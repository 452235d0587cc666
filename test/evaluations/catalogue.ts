/**
 * The evaluations the UI tests render, as fixed fixtures (test/evaluations/
 * NAME.json, or NAME.json.gz for the two scale fixtures): UI tests check the
 * charts and panels against data that a physics change does not move, so a
 * change to the cost model never breaks a UI snapshot. Each entry is the
 * scenario input the fixture was evaluated from and the lists left empty to
 * keep the file small (only where no test of that fixture reads them).
 *
 * Written by scripts/make-ui-fixtures.ts; evaluations.test.ts checks that
 * each still has the fields a live evaluation of its input has.
 */
import { SEED_CLAIMS } from '../../src/presets/seed';

/** Lists of an Evaluation that a fixture may leave empty. */
export type TrimmableList = 'perGpu' | 'timeline' | 'transfers';

export interface UiFixtureSpec {
  /** What the tests use it for. */
  about: string;
  /** The scenario input given to evaluate(). */
  input: unknown;
  trim: TrimmableList[];
  /** Stored gzipped: thousands of GPUs or blocks that no one reads line by line. */
  gzip: boolean;
}

const TRAINING = { workload: { mode: 'training' }, parallel: { tp: 4, pp: 4, dp: 1, ep: 4 }, hardware: { count: 16 } };
/** Lists the summary, sweep, breakdown and claims panels never read. */
const PANELS_ONLY: TrimmableList[] = ['perGpu', 'timeline', 'transfers'];

export const UI_FIXTURES = {
  seed: {
    about:
      'The seed scenario, {}: inference on 16 GPUs with 32 ranks (infeasible), a sequence-length sweep and failing targets.',
    input: {},
    trim: [],
    gzip: false,
  },
  seedClaims: {
    about: "The seed with the seed document's claims (under the source name 'seed doc'), for the claims audit.",
    input: { claims: { ...SEED_CLAIMS, source: 'seed doc' } },
    trim: PANELS_ONLY,
    gzip: false,
  },
  seedNoLatencyTarget: {
    about: 'The seed with the latency target switched off.',
    input: { targets: { latencyMs: null } },
    trim: PANELS_ONLY,
    gzip: false,
  },
  seedOneLength: {
    about: 'The seed with a sweep over one sequence length.',
    input: { workload: { seqLenRange: { min: 1024, max: 1024 } } },
    trim: PANELS_ONLY,
    gzip: false,
  },
  seedNoSweep: {
    about: 'The seed without a sequence-length range: no sweep.',
    input: { workload: { seqLenRange: null } },
    trim: PANELS_ONLY,
    gzip: false,
  },
  training1f1b: {
    about: 'A feasible 1F1B training run on 16 GPUs: TP 4, PP 4, EP 4.',
    input: TRAINING,
    trim: [],
    gzip: false,
  },
  trainingOverCapacity: {
    about: 'The 1F1B training run on 8 GB GPUs: memory over capacity.',
    input: { ...TRAINING, hardware: { count: 16, memoryGB: 8 } },
    trim: PANELS_ONLY,
    gzip: false,
  },
  trainingNoViolations: {
    about: 'The 1F1B training run without a stated parameter count: no violation at all.',
    input: { ...TRAINING, model: { statedParams: null } },
    trim: PANELS_ONLY,
    gzip: false,
  },
  interleaved: {
    about: 'The training run under interleaved 1F1B with two chunks per device.',
    input: { ...TRAINING, parallel: { ...TRAINING.parallel, schedule: 'interleaved-1f1b', virtualStages: 2 } },
    trim: [],
    gzip: false,
  },
  zbh1: {
    about: 'The training run under ZB-H1 (split backward: B and W blocks).',
    input: { ...TRAINING, parallel: { ...TRAINING.parallel, schedule: 'zb-h1' } },
    trim: [],
    gzip: false,
  },
  zbv: {
    about: 'The training run under ZB-V (two chunks per GPU in a V; B and W blocks), 8 micro-batches.',
    input: {
      ...TRAINING,
      workload: { ...TRAINING.workload, microBatches: 8 },
      parallel: { ...TRAINING.parallel, schedule: 'zb-v' },
    },
    trim: [],
    gzip: false,
  },
  dualpipe: {
    about: 'The training run under DualPipe (micro-batches from both ends, two chunks per GPU), 8 micro-batches.',
    input: {
      ...TRAINING,
      workload: { ...TRAINING.workload, microBatches: 8 },
      parallel: { ...TRAINING.parallel, schedule: 'dualpipe' },
    },
    trim: [],
    gzip: false,
  },
  dense: {
    about: 'GPT-3 175B, a dense model, on 32 GPUs: no experts.',
    input: { model: { preset: 'gpt3-175b' }, hardware: { count: 32 } },
    trim: [],
    gzip: false,
  },
  gpus4096: {
    about: 'DeepSeek-V3 training on 4096 GPUs: the heatmap at its largest, drawn on a canvas.',
    input: {
      hardware: { gpu: 'h100-sxm', count: 4096 },
      model: { preset: 'deepseek-v3' },
      workload: {
        mode: 'training',
        globalBatch: 4096,
        seqLen: 4096,
        seqLenRange: null,
        microBatches: 64,
        precision: 'bf16',
        recompute: 'full',
      },
      parallel: { tp: 2, pp: 16, dp: 128, ep: 64, capacityFactor: null },
    },
    trim: ['timeline', 'transfers'],
    gzip: true,
  },
  blocks2048: {
    about: 'DeepSeek-V3 training, 16 stages × 64 micro-batches: 2048 Gantt blocks, drawn on a canvas.',
    input: {
      hardware: { gpu: 'h100-sxm', count: 1024 },
      model: { preset: 'deepseek-v3' },
      workload: {
        mode: 'training',
        globalBatch: 4096,
        seqLen: 4096,
        seqLenRange: null,
        microBatches: 64,
        precision: 'bf16',
        recompute: 'full',
      },
      parallel: { tp: 1, pp: 16, dp: 64, ep: 64, capacityFactor: null },
    },
    trim: ['perGpu'],
    gzip: true,
  },
} satisfies Record<string, UiFixtureSpec>;

export type UiFixtureName = keyof typeof UI_FIXTURES;

/** The file a fixture is stored in, beside this module. */
export function fixtureFile(name: UiFixtureName): string {
  return `${name}.json${UI_FIXTURES[name].gzip ? '.gz' : ''}`;
}
