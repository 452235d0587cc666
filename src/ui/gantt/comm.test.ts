/**
 * The Gantt's comm tails split into TP and EP: on the Mixtral preset the two
 * parts add up to the one tail drawn before the split, EP vanishes without
 * expert parallelism, and each row's tails add up to the step's exposed
 * seconds the legend and the time bar show.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../core';
import { scenarioPreset } from '../../presets/scenarios';
import { setAtPath } from '../../state/permalink';
import { blockComm, blockCommSeconds } from './comm';

const mixtral = scenarioPreset('mixtral-8x7b-h100-16')!.scenario;

/** The tail as drawn before TP and EP were told apart: the device's per-pass comm, capped at the block. */
function tailBeforeSplit(e: Evaluation, b: Evaluation['timeline'][number]): number {
  const p = e.pipeline;
  const perPass = b.kind === 'F' ? p.forwardCommSeconds[b.stage] : b.kind === 'B' ? p.backwardCommSeconds[b.stage] : 0;
  return Math.min(b.end - b.start, perPass); // one chunk per GPU (1F1B): one pass
}

describe('TP and EP parts of each block tail (Mixtral 8x7B preset: TP 2, PP 2, EP 8)', () => {
  const e = evaluate(mixtral);
  const of = blockComm(e.pipeline);

  it('add up to the single tail of before', () => {
    expect(e.pipeline.virtualStages).toBe(1);
    let withEp = 0;
    for (const b of e.timeline) {
      const c = of(b);
      expect(c.split).toBe(true);
      expect(c.tp).toBeGreaterThanOrEqual(0);
      expect(c.ep).toBeGreaterThanOrEqual(0);
      expect(c.tp + c.ep).toBeCloseTo(tailBeforeSplit(e, b), 15);
      expect(blockCommSeconds(e.pipeline)(b)).toBeCloseTo(tailBeforeSplit(e, b), 15);
      if (c.ep > 0) withEp++;
    }
    // Every F and B block of an EP-8 MoE model waits on some all-to-all.
    expect(withEp).toBe(e.timeline.filter((b) => b.kind !== 'W').length);
  });

  it('sum, over the GPU that sets the step, to the exposed TP and EP seconds of the step', () => {
    const m = e.pipeline.microBatches;
    const rows = Array.from({ length: e.pipeline.stages }, (_, d) => {
      const blocks = e.timeline.filter((b) => b.stage === d);
      return { tp: blocks.reduce((a, b) => a + of(b).tp, 0), ep: blocks.reduce((a, b) => a + of(b).ep, 0) };
    });
    rows.forEach((r, d) => {
      const p = e.pipeline;
      expect(r.ep).toBeCloseTo((p.forwardEpCommSeconds![d] + p.backwardEpCommSeconds![d]) * m, 12);
      expect(r.tp + r.ep).toBeCloseTo((p.forwardCommSeconds[d] + p.backwardCommSeconds[d]) * m, 12);
    });
    const { tp, ep } = e.time.exposedCommSeconds;
    expect(ep).toBeGreaterThan(0);
    expect(rows.some((r) => Math.abs(r.ep - ep) < 1e-12 && Math.abs(r.tp - tp) < 1e-12)).toBe(true);
  });

  it('has no EP part when EP = 1, and the TP part is then the whole tail', () => {
    const one = evaluate(setAtPath(mixtral, 'parallel.ep', 1));
    expect(one.scenario.parallel.ep).toBe(1);
    expect(one.pipeline.forwardEpCommSeconds!.every((s) => s === 0)).toBe(true);
    expect(one.pipeline.backwardEpCommSeconds!.every((s) => s === 0)).toBe(true);
    const c = blockComm(one.pipeline);
    for (const b of one.timeline) {
      expect(c(b).ep).toBe(0);
      expect(c(b).tp).toBeCloseTo(tailBeforeSplit(one, b), 15);
    }
    expect(one.time.exposedCommSeconds.ep).toBe(0);
  });

  it('draws all of an older evaluation (no EP fields) as one TP/EP tail', () => {
    const { forwardEpCommSeconds: _f, backwardEpCommSeconds: _b, ...old } = e.pipeline;
    const c = blockComm(old);
    for (const b of e.timeline) {
      expect(c(b)).toEqual({ tp: tailBeforeSplit(e, b), ep: 0, split: false });
    }
  });
});
