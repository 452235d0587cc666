import { evaluate } from '../src/core';
for (const d of [
  { model: { preset: 'mixtral-8x7b' }, hardware: { gpu: 'h100-sxm', count: 16 }, workload: { mode: 'training', globalBatch: 64, seqLen: 4096, microBatches: 8 }, parallel: { tp: 2, pp: 2, dp: 4, ep: 8, capacityFactor: 0.01 } },
  { hardware: { gpu: 'a100-80gb' }, workload: { precision: 'fp8' } },
  { parallel: { capacityFactor: 0.01 } },
]) { const e = evaluate(d); console.log(e.mfu, e.tokenDropPct, e.scenario.hardware.peakTflops, e.feasible, e.violations.map(v=>v.code)); }
