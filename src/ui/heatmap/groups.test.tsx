/** The heatmap's groups read the rank coordinates the core places, and agree with the core's groups. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { evaluate, type GpuEntry } from '../../core';
import { groupsOf, layoutRanks, type LayoutInput } from '../../core';
import { GpuDetails } from './GpuDetails';
import { groupOf } from './groups';

function perGpuOf(input: LayoutInput): GpuEntry[] {
  return layoutRanks(input).map((r) => ({
    rank: r.rank,
    node: r.node,
    coords: { tp: r.tp, pp: r.pp, dp: r.dp, ep: r.ep, etp: r.etp, edp: r.edp },
    memoryBytes: 1,
    busySeconds: 1,
    expertLoad: 1,
    exposedCommSeconds: 0,
    inCluster: true,
  }));
}

const ascending = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('groupOf reads the coordinates', () => {
  it("gives the core's TP, DP and EP groups for every rank order and etp", () => {
    for (const rankOrder of [
      'tp-ep-dp-pp',
      'tp-dp-ep-pp',
      'ep-tp-dp-pp',
      'ep-dp-tp-pp',
      'dp-tp-ep-pp',
      'dp-ep-tp-pp',
      'pp-tp-ep-dp',
      'tp-pp-dp-ep',
    ]) {
      for (const etp of [1, 2, 4]) {
        const input = { tp: 4, pp: 2, dp: 4, ep: 2, etp, gpusPerNode: 8, rankOrder };
        const perGpu = perGpuOf(input);
        const ranks = layoutRanks(input);
        const groupOfRank = (kind: 'tp' | 'dp' | 'ep') => {
          const m = new Map<number, number[]>();
          for (const g of groupsOf(ranks, kind)) for (const r of g) m.set(r, g);
          return m;
        };
        const core = { tp: groupOfRank('tp'), dp: groupOfRank('dp'), ep: groupOfRank('ep') };
        for (const r of ranks) {
          const g = groupOf(perGpu, r.rank)!;
          const what = `${rankOrder} etp ${etp} rank ${r.rank}`;
          expect(ascending(g.tp), what).toEqual(core.tp.get(r.rank));
          expect(ascending(g.dp), what).toEqual(core.dp.get(r.rank));
          expect(ascending(g.ep), what).toEqual(core.ep.get(r.rank));
          expect(g.ep.size, what).toBe(2);
          expect(g.stage.size, what).toBe(16);
        }
      }
    }
  });

  it('tp128 dp2 ep2 etp128: the EP group of rank 0 is ranks 0 and 128, one per expert rank', () => {
    const e = evaluate({
      parallel: { tp: 128, pp: 1, dp: 2, ep: 2, etp: 128 },
      hardware: { count: 256 },
      workload: { globalBatch: 16, microBatches: 8 },
    });
    expect(e.perGpu).toHaveLength(256);
    expect(e.perGpu[200].coords).toEqual({ tp: 72, pp: 0, dp: 1, ep: 1, etp: 72, edp: 0 });
    const g = groupOf(e.perGpu, 0)!;
    expect(ascending(g.ep)).toEqual([0, 128]);
    expect(ascending(groupOf(e.perGpu, 200)!.ep)).toEqual([72, 200]);
  });
});

describe('<GpuDetails>', () => {
  const e = evaluate({
    parallel: { tp: 2, pp: 1, dp: 8, ep: 4, etp: 2 },
    hardware: { count: 16 },
    workload: { globalBatch: 64, microBatches: 8 },
  });

  it('lists the dense and the expert coordinates', () => {
    const g = e.perGpu[11];
    expect(g.coords).toEqual({ tp: 1, pp: 0, dp: 5, ep: 1, etp: 1, edp: 1 });
    const html = renderToStaticMarkup(<GpuDetails g={g} evaluation={e} dense={false} />);
    expect(html).toContain('<dd>tp 1 · pp 0 · dp 5</dd>');
    expect(html).toContain('<dt>Expert coordinates</dt><dd>ep 1 · etp 1 · edp 1</dd>');
  });

  it('leaves the expert coordinates out for a dense model', () => {
    const html = renderToStaticMarkup(<GpuDetails g={e.perGpu[11]} evaluation={e} dense />);
    expect(html).not.toContain('Expert coordinates');
  });
});
