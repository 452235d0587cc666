/**
 * Memory and traffic read the same byte counts: what the optimizer step and
 * the data-parallel sync move is what memory says the GPU holds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '..';
import { gradientSync, linksOf } from '../comm/costs';
import { allReduceSeconds } from '../comm/collectives';
import { deviceOf } from '../compute/device';
import { memoryOpTiming } from '../compute/roofline';
import { OPTIMIZER_KERNELS } from '../evaluate/weightUpdate';
import type { HardwareSpec, Optimizer } from '../scenario/types';
import type { ReplicaGroups } from './groupSizes';
import { modelStateBytes, type ParamsOnGpu } from './modelState';
import { optimizerStepBytes } from './optimizerStep';
import { bytesPerParam } from './paramBytes';
import type { ZeroStage } from './zero';

const zeroStages: ZeroStage[] = [0, 1, 2, 3];
const optimizers: Optimizer[] = ['adam', 'sgd'];

describe('optimizer step traffic = the state, gradient and weight bytes memory holds', () => {
  const arbitrary = fc.record({
    dense: fc.integer({ min: 0, max: 1e9 }),
    expert: fc.integer({ min: 0, max: 1e9 }),
    dp: fc.integer({ min: 1, max: 64 }),
    edp: fc.integer({ min: 1, max: 64 }),
    zero: fc.constantFrom(...zeroStages),
    optimizer: fc.constantFrom(...optimizers),
    fp32MainGrads: fc.boolean(),
    precision: fc.constantFrom('bf16', 'fp16', 'fp8' as const),
  });

  it('reads and writes the optimizer state and reads the gradients and writes the weights of the shard it updates', () => {
    fc.assert(
      fc.property(arbitrary, (a) => {
        const params: ParamsOnGpu = { dense: a.dense, expert: a.expert };
        const groups: ReplicaGroups = { dataParallel: a.dp, expertDataParallel: a.edp };
        const bytes = bytesPerParam({
          mode: 'training',
          precision: a.precision,
          fp32MainGrads: a.fp32MainGrads,
          optimizer: a.optimizer,
        });
        const held = modelStateBytes(params, groups, bytes, a.zero);
        const traffic = optimizerStepBytes(params, groups, bytes, a.zero);
        // The parameters updated are those whose optimizer state this GPU holds.
        const updated = held.optimizer / bytes.optimizer;
        expect(traffic).toBeCloseTo(2 * held.optimizer + updated * (bytes.gradients + bytes.weights), 0);
        // Without ZeRO and with ZeRO-3 every state is held for the same parameters.
        if (a.zero === 0 || a.zero === 3)
          expect(traffic).toBeCloseTo(2 * held.optimizer + held.gradients + held.weights, 0);
      }),
      { numRuns: 300 },
    );
  });

  it('through the evaluator: the optimizer time is the HBM time of those bytes', () => {
    for (const optimizer of optimizers) {
      for (const fp32MainGrads of [true, false]) {
        for (const zeroStage of [0, 3] as const) {
          const e = evaluate({
            model: { preset: 'mixtral-8x7b' },
            hardware: { gpu: 'h100-sxm', count: 8 },
            workload: {
              mode: 'training',
              precision: 'bf16',
              globalBatch: 8,
              seqLen: 1024,
              seqLenRange: null,
              microBatches: 1,
              optimizer,
              fp32MainGrads,
              zeroStage,
            },
            parallel: { tp: 1, pp: 1, dp: 8, ep: 4, capacityFactor: null },
          });
          const b = e.memory.breakdown;
          const expected = memoryOpTiming(
            2 * b.optimizer + b.gradients + b.weights,
            deviceOf(e.scenario.hardware, 'bf16'),
            OPTIMIZER_KERNELS,
          ).seconds;
          expect(e.time.optimizerSeconds, `${optimizer} fp32 grads ${fp32MainGrads} ZeRO-${zeroStage}`).toBeCloseTo(
            expected,
            12,
          );
        }
      }
    }
  });
});

describe('the DP sync reduces the gradient bytes memory holds before sharding', () => {
  const span = (size: number) => ({ size, maxPerNode: Math.min(size, 8), nodes: Math.ceil(size / 8) });
  const links = linksOf({ intraNodeGBps: 400, interNodeGBps: 50, linkLatencyUs: 5 } as HardwareSpec);

  it('for every ZeRO stage, dense parameters over DP and experts over expert DP', () => {
    const params: ParamsOnGpu = { dense: 3e8, expert: 7e8 };
    const groups: ReplicaGroups = { dataParallel: 8, expertDataParallel: 2 };
    for (const fp32MainGrads of [true, false]) {
      const bytes = bytesPerParam({ mode: 'training', precision: 'bf16', fp32MainGrads, optimizer: 'adam' });
      const unsharded = modelStateBytes(params, groups, bytes, 0).gradients;
      for (const zeroStage of zeroStages) {
        const sync = gradientSync({
          params,
          bytes,
          zeroStage,
          microBatches: 4,
          dpSpan: span(8),
          edpSpan: span(2),
          links,
        });
        expect(sync.reducedBytes).toBe(unsharded);
        // ZeRO-0/1 keep all gradients; ZeRO-2/3 keep only the reduced shard afterwards.
        if (zeroStage < 2) expect(sync.reducedBytes).toBe(modelStateBytes(params, groups, bytes, zeroStage).gradients);
        else expect(sync.reducedBytes).toBeGreaterThan(modelStateBytes(params, groups, bytes, zeroStage).gradients);
      }
    }
  });

  it('through the evaluator: without overlap, the exposed DP time is one all-reduce of the gradients in memory', () => {
    for (const fp32MainGrads of [true, false]) {
      const e = evaluate({
        model: {
          name: 'dense',
          layers: 8,
          hidden: 2048,
          heads: 16,
          kvHeads: 16,
          ffnHidden: 8192,
          vocab: 32000,
          moe: null,
          statedParams: null,
        },
        hardware: { gpu: 'h100-sxm', count: 8 },
        workload: {
          mode: 'training',
          precision: 'bf16',
          globalBatch: 8,
          seqLen: 1024,
          seqLenRange: null,
          microBatches: 1,
          zeroStage: 0,
          fp32MainGrads,
        },
        parallel: { tp: 1, pp: 1, dp: 8, ep: 1, overlap: { dpGrad: false, tpComm: false, epComm: false } },
      });
      const expected = allReduceSeconds(e.memory.breakdown.gradients, 8, linksOf(e.scenario.hardware).intra);
      expect(e.time.exposedCommSeconds.dp).toBeCloseTo(expected, 12);
    }
  });
});
