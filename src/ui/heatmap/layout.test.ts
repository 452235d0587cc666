import { describe, expect, it } from 'vitest';
import { groupKey, layoutRanks } from '../../core';
import type { Evaluation } from '../../core';
import { HEATMAP_METRICS, type HeatmapMetric } from '../../state/view';
import { metricDomain } from './colour';
import { relatedRanks, selectionOutlines } from './highlight';
import { MIN_CELL, groupOf, heatmapLayout, hitTest, innerColumns, neighbour } from './layout';
import { uiFixture } from '../../../test/evaluations';

const layoutOf = (e: Evaluation, metric: HeatmapMetric = 'memory', width = 900) =>
  heatmapLayout({
    perGpu: e.perGpu,
    gpusPerNode: e.scenario.hardware.gpusPerNode,
    width,
    metric,
    capacityBytes: e.memory.capacityBytes,
    stepSeconds: e.time.stepSeconds,
  });

const S = uiFixture('seed');
const BIG = uiFixture('gpus4096');
const T = uiFixture('training1f1b');

describe('heatmapLayout', () => {
  it('draws one cell per GPU and one frame per node', () => {
    for (const e of [S, BIG, T]) {
      const l = layoutOf(e);
      expect(l.cells).toHaveLength(e.perGpu.length);
      expect(new Set(l.cells.map((c) => c.rank)).size).toBe(e.perGpu.length);
      expect(l.frames).toHaveLength(Math.ceil(e.perGpu.length / e.scenario.hardware.gpusPerNode));
      expect(l.frames[0].label).toBe('node 0');
    }
  });

  it('puts every cell inside its node frame and inside the width, with no overlaps', () => {
    for (const width of [358, 900, 1400]) {
      const l = layoutOf(BIG, 'memory', width);
      const seen = new Set<string>();
      // One assertion over all 4096 cells (an expect per cell costs most of a second).
      const misplaced = l.cells.filter((c) => {
        const f = l.frames[c.node];
        const key = `${c.x},${c.y}`;
        const bad = c.x < f.x || c.x + c.w > f.x + f.w || c.y + c.h > f.y + f.h || c.x + c.w > width || seen.has(key);
        seen.add(key);
        return bad;
      });
      expect(l.cells).toHaveLength(4096);
      expect(
        misplaced.map((c) => c.rank),
        `width ${width}`,
      ).toEqual([]);
    }
  });

  it('keeps 4096 GPUs legible: at least 4 px cells, even on a phone', () => {
    for (const width of [358, 1400]) expect(layoutOf(BIG, 'memory', width).cellSize).toBeGreaterThanOrEqual(MIN_CELL);
    expect(layoutOf(S, 'memory', 900).cellSize).toBe(40);
  });

  it('arranges 8-GPU nodes as 4×2', () => {
    expect(innerColumns(8)).toBe(4);
    expect(innerColumns(4)).toBe(2);
    expect(innerColumns(72)).toBe(12);
    expect(innerColumns(1)).toBe(1);
  });

  it('colours memory by memoryBytes / capacityBytes on a 0–100% domain', () => {
    const l = layoutOf(T, 'memory');
    expect(l.domain).toEqual([0, 1]);
    l.cells.forEach((c, i) => expect(c.value).toBeCloseTo(T.perGpu[i].memoryBytes / T.memory.capacityBytes, 12));
    expect(l.ticks.map((t) => t.label)).toEqual(['0', '25', '50', '75', '100']);
  });

  it('colours busy by busySeconds / stepSeconds', () => {
    const l = layoutOf(T, 'busy');
    expect(l.domain).toEqual([0, 1]);
    l.cells.forEach((c, i) => expect(c.value).toBeCloseTo(T.perGpu[i].busySeconds / T.time.stepSeconds, 12));
    expect(l.cells[0].label).toMatch(/%$/);
  });

  it('colours expert load by × mean with a domain of at least 0.9–1.1', () => {
    const l = layoutOf(T, 'expertLoad');
    l.cells.forEach((c, i) => expect(c.value).toBe(T.perGpu[i].expertLoad));
    expect(l.domain[0]).toBeLessThanOrEqual(0.9);
    expect(l.domain[1]).toBeGreaterThanOrEqual(1.1);
    expect(l.applicable).toBe(true);
    expect(metricDomain('expertLoad', [0.5, 2.3])).toEqual([0.5, 2.5]);
  });

  it('colours comm by exposed seconds, domain from 0 to a nice ms value above the max', () => {
    const l = layoutOf(T, 'comm');
    l.cells.forEach((c, i) => expect(c.value).toBe(T.perGpu[i].exposedCommSeconds));
    const max = Math.max(...T.perGpu.map((g) => g.exposedCommSeconds));
    expect(l.domain[0]).toBe(0);
    expect(l.domain[1]).toBeGreaterThanOrEqual(max);
    expect(l.domain[1]).toBeLessThan(max * 1.5);
    expect(l.cells[0].label).toMatch(/ms$/);
  });

  it('legend ticks sit inside the bar', () => {
    for (const m of HEATMAP_METRICS) {
      const l = layoutOf(T, m.id);
      expect(l.ticks.length).toBeGreaterThanOrEqual(2);
      for (const t of l.ticks) {
        expect(t.offset).toBeGreaterThanOrEqual(-1e-9);
        expect(t.offset).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  });

  it('gives the seed 16 missing GPUs, hatched and labelled "no GPU"', () => {
    const l = layoutOf(S);
    expect(l.missing).toBe(16);
    const missing = l.cells.filter((c) => !c.inCluster);
    expect(missing).toHaveLength(16);
    expect(missing.every((c) => c.label === 'no GPU' && c.fill.includes('--panel'))).toBe(true);
  });

  it('marks memory over capacity as an alarm', () => {
    const tight = { ...T, memory: { ...T.memory, capacityBytes: T.memory.peakBytes * 0.9 } };
    const l = layoutOf(tight, 'memory');
    expect(l.alarms).toBeGreaterThan(0);
    expect(l.cells.filter((c) => c.alarm).every((c) => c.value > 1)).toBe(true);
  });

  it('says expert load does not apply to a dense model', () => {
    const l = layoutOf(uiFixture('dense'), 'expertLoad');
    expect(l.applicable).toBe(false);
    expect(l.cells.every((c) => !c.inCluster || c.label.startsWith('not applicable'))).toBe(true);
  });
});

describe('hitTest', () => {
  it('inverts the layout at every cell centre', () => {
    for (const [e, width] of [
      [S, 900],
      [S, 358],
      [BIG, 1400],
      [BIG, 358],
    ] as const) {
      const l = layoutOf(e, 'memory', width);
      for (const c of l.cells) expect(hitTest(l, c.x + c.w / 2, c.y + c.h / 2)).toBe(c.rank);
    }
  });

  it('returns null outside cells', () => {
    const l = layoutOf(S);
    expect(hitTest(l, -1, 5)).toBeNull();
    expect(hitTest(l, l.width + 5, 5)).toBeNull();
    expect(hitTest(l, 1, 1)).toBeNull(); // node label band
    expect(hitTest(l, 5, l.height + 50)).toBeNull();
  });
});

describe('neighbour (keyboard)', () => {
  it('steps through ranks left / right and finds the row above / below', () => {
    const l = layoutOf(S, 'memory', 900);
    expect(neighbour(l, null, 'ArrowRight')).toBe(0);
    expect(neighbour(l, 0, 'ArrowRight')).toBe(1);
    expect(neighbour(l, 0, 'ArrowLeft')).toBe(0);
    expect(neighbour(l, 0, 'ArrowDown')).toBe(4); // 4×2 node: rank 4 is under rank 0
    expect(neighbour(l, 5, 'ArrowUp')).toBe(1);
    expect(neighbour(l, 3, 'End')).toBe(31);
  });
});

describe('groupOf', () => {
  it('gives TP group = tp, stage = tp·dp, DP replicas = dp, EP group = ep', () => {
    for (const e of [T, BIG]) {
      const { tp, dp, ep } = e.scenario.parallel;
      for (const rank of [0, 5, e.perGpu.length - 1]) {
        const g = groupOf(e.perGpu, rank)!;
        expect(g.tp.size).toBe(tp);
        expect(g.stage.size).toBe(tp * dp);
        expect(g.dp.size).toBe(dp);
        expect(g.ep.size).toBe(ep);
        const me = e.perGpu[rank].coords;
        for (const r of g.tp) expect(e.perGpu[r].coords).toMatchObject({ pp: me.pp, dp: me.dp });
        for (const r of g.dp) expect(e.perGpu[r].coords).toMatchObject({ pp: me.pp, tp: me.tp });
        expect(new Set([...g.ep].map((r) => e.perGpu[r].coords.ep)).size).toBe(ep);
      }
    }
  });

  it("matches the core's EP groups for every rank order and etp", () => {
    for (const rankOrder of ['tp-ep-dp-pp', 'tp-dp-ep-pp', 'ep-tp-dp-pp', 'dp-tp-ep-pp', 'pp-tp-ep-dp']) {
      for (const etp of [1, 2]) {
        const ranks = layoutRanks({ tp: 2, pp: 2, dp: 8, ep: 4, etp, gpusPerNode: 8, rankOrder });
        const perGpu = ranks.map((r) => ({
          rank: r.rank,
          node: r.node,
          coords: { tp: r.tp, pp: r.pp, dp: r.dp, ep: r.ep, etp: r.etp, edp: r.edp },
          memoryBytes: 1,
          busySeconds: 1,
          expertLoad: 1,
          exposedCommSeconds: 0,
          inCluster: true,
        }));
        for (const r of ranks) {
          const expected = ranks.filter((o) => groupKey(o, 'ep') === groupKey(r, 'ep')).map((o) => o.rank);
          expect(
            [...groupOf(perGpu, r.rank)!.ep].sort((a, b) => a - b),
            `${rankOrder} etp=${etp} rank ${r.rank}`,
          ).toEqual(expected);
        }
      }
    }
  });

  it('returns null for a rank that does not exist', () => {
    expect(groupOf(S.perGpu, 999)).toBeNull();
  });
});

describe('selection outlines', () => {
  it('outlines the selected GPU and every member of its stage, nested on big cells', () => {
    const l = layoutOf(T);
    const g = groupOf(T.perGpu, 5)!;
    const outlines = selectionOutlines(l, g);
    expect(outlines.filter((o) => o.relation === 'selected').map((o) => o.rank)).toEqual([5]);
    expect(new Set(outlines.map((o) => o.rank))).toEqual(g.stage);
    expect(outlines.filter((o) => o.relation === 'tp')).toHaveLength(g.tp.size - 1);
    expect(relatedRanks(g)).toEqual(g.stage);
  });

  it('keeps one outline per cell on small cells', () => {
    const l = layoutOf(BIG, 'memory', 358);
    const outlines = selectionOutlines(l, groupOf(BIG.perGpu, 0));
    expect(new Set(outlines.map((o) => o.rank)).size).toBe(outlines.length);
  });
});
