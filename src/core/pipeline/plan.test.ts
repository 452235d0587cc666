/**
 * The compiled plan (plan.ts) and the one-walk pair of runs: the sequence
 * puts every op after its input, and running with and without transfers at
 * once gives what two separate runs give.
 */
import { describe, expect, it } from 'vitest';
import { planOf } from './plan';
import { SCHEDULE_IDS, scheduleById } from './registry';
import { simulatePipeline, simulateWithAndWithoutTransfers } from './simulate';
import type { ChunkDurations } from './types';
import type { PipelineInput } from './simulate';

/** Unequal, deterministic chunk times: no two stages alike, so a wrong dependency shows in the makespan. */
function chunks(V: number): ChunkDurations[] {
  return Array.from({ length: V }, (_, j) => ({
    forward: 1 + ((j * 7) % 5) / 4,
    backwardInput: 1.5 + ((j * 3) % 4) / 3,
    backwardWeight: 0.5 + (j % 3) / 5,
  }));
}

function shapes() {
  const out: { input: PipelineInput; label: string }[] = [];
  for (const schedule of SCHEDULE_IDS) {
    for (const [P, m] of [
      [2, 4],
      [4, 8],
      [4, 12],
      [8, 16],
    ]) {
      const s = scheduleById(schedule);
      const virtualStages = schedule === 'interleaved-1f1b' ? 2 : 1;
      const V = s.placement(P, virtualStages).virtualStages;
      const { min, step } = s.microBatchGrid(P);
      const mm = Math.max(min, Math.ceil(m / step) * step);
      for (const forwardOnly of [false, true]) {
        out.push({
          label: `${schedule} P=${P} m=${mm}${forwardOnly ? ' forward' : ''}`,
          input: {
            schedule,
            stages: P,
            microBatches: mm,
            virtualStages,
            chunks: chunks(V),
            transferSeconds: 0.3,
            forwardOnly,
          },
        });
      }
    }
  }
  return out;
}

describe('the plan of a pipeline shape', () => {
  it('puts every op after the op that produces its input, each op once', () => {
    for (const { input, label } of shapes()) {
      const plan = planOf({
        schedule: input.schedule,
        stages: input.stages,
        microBatches: input.microBatches,
        virtualStages: input.virtualStages,
        forwardOnly: input.forwardOnly,
      });
      expect(plan.deadlocked, label).toBe(-1);
      const { device, index, dep, out } = plan.sequence;
      expect(device.length, label).toBe(plan.orders.reduce((n, o) => n + o.length, 0));
      const written = new Uint8Array(plan.slots);
      const seen = new Set<string>();
      const next = new Int32Array(plan.orders.length);
      for (let i = 0; i < device.length; i++) {
        if (dep[i] >= 0) expect(written[dep[i]], `${label}: op ${i} reads a slot not yet written`).toBe(1);
        if (out[i] >= 0) written[out[i]] = 1;
        // Each device's ops come in its own list's order.
        expect(index[i], label).toBe(next[device[i]]++);
        seen.add(`${device[i]}:${index[i]}`);
      }
      expect(seen.size, label).toBe(device.length);
    }
  });
});

describe('one walk for the runs with and without transfers', () => {
  it('gives exactly what two separate runs give, for every schedule', () => {
    for (const { input, label } of shapes()) {
      const pair = simulateWithAndWithoutTransfers(input);
      const withTransfers = simulatePipeline(input, { timeline: false });
      const free = simulatePipeline({ ...input, transferSeconds: 0 }, { timeline: false });
      expect(pair.withTransfers, label).toEqual(withTransfers);
      expect(pair.freeTransfers, label).toEqual(free);
      // Transfers on the path can only delay the step.
      expect(withTransfers.makespan, label).toBeGreaterThanOrEqual(free.makespan);
    }
  });
});
