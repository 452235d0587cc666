/** Real evaluations shared by the heatmap and Gantt tests (evaluated once per file). */
import { evaluate } from '../../core';

export const seed = () => evaluate({});

export const big4096 = () =>
  evaluate({
    hardware: { gpu: 'h100-sxm', count: 4096 },
    model: { preset: 'deepseek-v3' },
    workload: { mode: 'training', globalBatch: 4096, seqLen: 4096, seqLenRange: null, microBatches: 64, precision: 'bf16', recompute: 'full' },
    parallel: { tp: 2, pp: 16, dp: 128, ep: 64, capacityFactor: null },
  });

export const training1f1b = () => evaluate({ workload: { mode: 'training' }, parallel: { tp: 4, pp: 4, dp: 1, ep: 4 }, hardware: { count: 16 } });

export const interleaved = () =>
  evaluate({
    workload: { mode: 'training' },
    parallel: { tp: 4, pp: 4, dp: 1, ep: 4, schedule: 'interleaved-1f1b', virtualStages: 2 },
    hardware: { count: 16 },
  });

export const zbh1 = () => evaluate({ workload: { mode: 'training' }, parallel: { tp: 4, pp: 4, dp: 1, ep: 4, schedule: 'zb-h1' }, hardware: { count: 16 } });

export const dense = () => evaluate({ model: { preset: 'gpt3-175b' }, hardware: { count: 32 } });

/** 16 stages × 128 micro-batches of training (4096 blocks). */
export const deep128 = () =>
  evaluate({
    hardware: { gpu: 'h100-sxm', count: 2048 },
    model: { preset: 'deepseek-v3' },
    workload: { mode: 'training', globalBatch: 2048, seqLen: 4096, seqLenRange: null, microBatches: 128, precision: 'bf16', recompute: 'full' },
    parallel: { tp: 1, pp: 16, dp: 128, ep: 64, capacityFactor: null },
  });
