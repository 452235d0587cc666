import { describe, expect, it } from 'vitest';
import type { PipelineSummary } from '../../core';
import { simulatePipeline } from '../../core';
import { uiFixture } from '../../../test/evaluations';
import { ganttLayout } from '../gantt/layout';
import { nextEvent, playbackIndex, previousEvent, stageStatesAt, statesKey } from './timeline';

/**
 * GPipe, 2 stages, 2 micro-batches, F = 1 s, B = 2 s, a 0.5 s transfer
 * between the stages. Worked by hand:
 *   stage 0: F0 [0,1)  F1 [1,2)                          B0 [6,8)  B1 [8,10)
 *   stage 1:      F0 [1.5,2.5)  F1 [2.5,3.5)  B0 [3.5,5.5)  B1 [5.5,7.5)
 *   transfers 0→1: [1,1.5) [2,2.5); 1→0: [5.5,6) [7.5,8). Makespan 10.
 */
function gpipe(forwardComm = [0, 0]) {
  const one = { forward: 1, backwardInput: 1, backwardWeight: 1 };
  const r = simulatePipeline({
    schedule: 'gpipe',
    stages: 2,
    microBatches: 2,
    virtualStages: 1,
    chunks: [one, one],
    transferSeconds: 0.5,
    forwardOnly: false,
  });
  const pipeline = {
    schedule: 'gpipe',
    stages: 2,
    virtualStages: 1,
    microBatches: 2,
    forwardCommSeconds: forwardComm,
    backwardCommSeconds: [0, 0],
    makespanSeconds: r.makespan,
  } as Partial<PipelineSummary> as PipelineSummary;
  return { r, ix: playbackIndex(pipeline, r.timeline, r.transfers) };
}

const at = (ix: ReturnType<typeof gpipe>['ix'], t: number) => stageStatesAt(ix, t).map((s) => s.state);

describe('stageStatesAt: GPipe, 2 stages × 2 micro-batches', () => {
  const { r, ix } = gpipe();

  it('the simulated timeline is the hand-worked one', () => {
    expect(r.makespan).toBe(10);
    expect(r.timeline.filter((b) => b.stage === 1).map((b) => [b.kind, b.start, b.end])).toEqual([
      ['F', 1.5, 2.5],
      ['F', 2.5, 3.5],
      ['B', 3.5, 5.5],
      ['B', 5.5, 7.5],
    ]);
  });

  it('in the first forward only stage 0 computes; stage 1 waits', () => {
    expect(at(ix, 0.5)).toEqual(['forward', 'idle']);
    expect(stageStatesAt(ix, 0.5)).toEqual([
      { state: 'forward', block: 'F0' },
      { state: 'idle', block: null },
    ]);
  });

  it('a stage waiting while its input is on the wire is communicating', () => {
    // Stage 0 runs F1 while F0's activations travel to stage 1.
    expect(at(ix, 1.2)).toEqual(['forward', 'comm']);
    // Stage 0 has finished its forwards and sends F1; stage 1 runs F0.
    expect(at(ix, 2.2)).toEqual(['comm', 'forward']);
    // B0's gradient travels back to stage 0 while stage 1 runs B1.
    expect(at(ix, 5.7)).toEqual(['comm', 'backward']);
  });

  it('the bubble: stage 0 idles through stage 1’s forwards and backwards, stage 1 idles at the end', () => {
    expect(at(ix, 3)).toEqual(['idle', 'forward']);
    expect(at(ix, 4)).toEqual(['idle', 'backward']);
    expect(at(ix, 9)).toEqual(['backward', 'idle']);
    expect(at(ix, 10)).toEqual(['idle', 'idle']);
  });

  it('intervals are half-open: at a shared boundary the next block counts', () => {
    expect(stageStatesAt(ix, 1)[0].block).toBe('F1');
    expect(stageStatesAt(ix, 3.5)[1]).toEqual({ state: 'backward', block: 'B0' });
  });

  it('events are every block start and end and every transfer start and end, once each', () => {
    expect(ix.events).toEqual([0, 1, 1.5, 2, 2.5, 3.5, 5.5, 6, 7.5, 8, 10]);
    expect(nextEvent(ix, 0)).toBe(1);
    expect(nextEvent(ix, 1)).toBe(1.5);
    expect(nextEvent(ix, 1.2)).toBe(1.5);
    expect(nextEvent(ix, 10)).toBe(10);
    expect(previousEvent(ix, 1.5)).toBe(1);
    expect(previousEvent(ix, 1.2)).toBe(1);
    expect(previousEvent(ix, 0)).toBe(0);
  });

  it('states are constant between two events (so stepping never skips a change)', () => {
    for (let k = 0; k + 1 < ix.events.length; k++) {
      const [a, b] = [ix.events[k], ix.events[k + 1]];
      expect(statesKey(stageStatesAt(ix, a + (b - a) * 0.01))).toBe(statesKey(stageStatesAt(ix, a + (b - a) * 0.99)));
    }
  });
});

describe('exposed TP/EP communication at the end of a block', () => {
  // 0.25 s of stage 0's forward is exposed communication: the last quarter of each F block.
  const { ix } = gpipe([0.25, 0]);

  it('is "comm" inside the tail and the compute kind before it', () => {
    expect(stageStatesAt(ix, 0.7)).toEqual([
      { state: 'forward', block: 'F0' },
      { state: 'idle', block: null },
    ]);
    expect(stageStatesAt(ix, 0.8)[0]).toEqual({ state: 'comm', block: 'F0' });
    // The backward carries no comm here.
    expect(at(ix, 7)[0]).toBe('backward');
  });

  it('the tail starts are events', () => {
    expect(ix.events.slice(0, 5)).toEqual([0, 0.75, 1, 1.5, 1.75]);
  });
});

describe('on the evaluator’s own timelines', () => {
  for (const name of ['training1f1b', 'zbh1', 'dualpipe', 'seed'] as const) {
    it(`${name}: the comm tails agree with the Gantt's hatching, and each block's middle shows its own kind`, () => {
      const e = uiFixture(name);
      const ix = playbackIndex(e.pipeline, e.timeline, e.transfers);
      const layout = ganttLayout({
        pipeline: e.pipeline,
        timeline: e.timeline,
        transfers: e.transfers,
        width: 1000,
        zoom: null,
      });
      for (const b of layout.blocks) expect(ix.comm[b.index]).toBeCloseTo(b.commSeconds, 15);
      const kinds = { F: 'forward', B: 'backward', W: 'weights' } as const;
      for (const [i, b] of e.timeline.entries()) {
        const mid = b.start + (b.end - ix.comm[i] - b.start) / 2;
        if (b.end - ix.comm[i] <= b.start) continue;
        expect(stageStatesAt(ix, mid)[b.stage].state).toBe(kinds[b.kind]);
      }
      expect(ix.events[0]).toBe(0);
      expect(ix.events[ix.events.length - 1]).toBe(ix.makespan);
    });
  }
});
