import { describe, expect, it } from 'vitest';
import { nearerScenarios } from './nearest';
import { parseScenario } from '../core';

describe('the nearest scenario offered after a failure', () => {
  it('puts back the strategy first, then the workload, then the cluster, and ends on the default', () => {
    const doc = {
      model: { preset: 'mixtral-8x7b' },
      hardware: { count: 64 },
      workload: { seqLen: 8192 },
      parallel: { tp: 65536 },
    };
    const offers = nearerScenarios(doc as never);
    expect(offers.map((o) => o.doc)).toEqual([
      { model: { preset: 'mixtral-8x7b' }, hardware: { count: 64 }, workload: { seqLen: 8192 } },
      { model: { preset: 'mixtral-8x7b' }, hardware: { count: 64 } },
      { model: { preset: 'mixtral-8x7b' } },
      {},
    ]);
    expect(offers[0].reset).toBe('the parallel strategy');
    // Every offer is a valid document.
    for (const o of offers) expect(parseScenario(o.doc).ok).toBe(true);
  });

  it('skips offers that change nothing: a failing strategy-only link goes straight to the default', () => {
    expect(nearerScenarios({ parallel: { tp: 2 } } as never)).toEqual([
      { doc: {}, reset: 'everything (the default scenario)' },
    ]);
    expect(nearerScenarios({ workload: { seqLen: 4 }, parallel: { tp: 2 } } as never).map((o) => o.doc)).toEqual([
      { workload: { seqLen: 4 } },
      {},
    ]);
    // The default scenario itself failing has nothing nearer to offer.
    expect(nearerScenarios({})).toEqual([]);
  });
});
