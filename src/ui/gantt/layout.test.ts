import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../core';
import { uiFixture } from '../../../test/evaluations';
import { compareBubble } from './bubbleNote';
import { bubbleAt, clampWindow, ganttLayout, hitTest, type GanttLayout } from './layout';
import { panBy, wheelFactor, zoomAround } from './zoom';

const layoutOf = (e: Evaluation, width = 900, zoom: [number, number] | null = null) =>
  ganttLayout({ pipeline: e.pipeline, timeline: e.timeline, transfers: e.transfers, width, zoom });

const T = uiFixture('training1f1b');
const S = uiFixture('seed');

function rowsOf(l: GanttLayout) {
  return l.rows.map((r) => l.blocks.filter((b) => b.stage === r.stage).sort((a, b) => a.start - b.start));
}

describe('ganttLayout', () => {
  it('has 2·P·m blocks for 1F1B training, one row per stage', () => {
    const l = layoutOf(T);
    const { stages: P, microBatches: m } = T.pipeline;
    expect(l.blocks).toHaveLength(2 * P * m);
    expect(l.rows).toHaveLength(P);
    expect(l.rows[0].label).toBe('stage 0 (GPU pp=0)');
    expect(l.blocks.filter((b) => b.kind === 'F')).toHaveLength(P * m);
    expect(l.blocks.filter((b) => b.kind === 'B')).toHaveLength(P * m);
  });

  it('labels blocks F3 / B3, with the chunk when interleaved', () => {
    const l = layoutOf(T);
    expect(l.blocks.find((b) => b.kind === 'F' && b.microBatch === 3)!.label).toBe('F3');
    expect(l.blocks.find((b) => b.kind === 'B' && b.microBatch === 3)!.label).toBe('B3');
    const il = layoutOf(uiFixture('interleaved'));
    expect(il.blocks.find((b) => b.kind === 'F' && b.microBatch === 3 && b.chunk === 1)!.label).toBe('F3·1');
    const zb = layoutOf(uiFixture('zbh1'));
    expect(zb.blocks.find((b) => b.kind === 'W' && b.microBatch === 3)!.label).toBe('W3');
  });

  it('never overlaps blocks within a row', () => {
    for (const e of [T, S, uiFixture('interleaved'), uiFixture('zbh1')]) {
      for (const row of rowsOf(layoutOf(e))) {
        for (let i = 1; i < row.length; i++) {
          expect(row[i].start).toBeGreaterThanOrEqual(row[i - 1].end - 1e-12);
          expect(row[i].x).toBeGreaterThanOrEqual(row[i - 1].x + row[i - 1].w - 1e-6);
        }
      }
    }
  });

  it('places blocks on the time scale', () => {
    const l = layoutOf(T);
    expect(l.domain).toEqual([0, T.pipeline.makespanSeconds]);
    for (const b of l.blocks) {
      expect(b.x).toBeCloseTo(l.scale(b.start), 6);
      expect(b.x + b.w).toBeCloseTo(l.scale(b.end), 6);
      expect(b.y).toBe(l.rows[b.stage].y);
    }
    expect(l.scale(0)).toBe(l.plot.x0);
    expect(l.scale(T.pipeline.makespanSeconds)).toBe(l.plot.x1);
  });

  it('fills every row with blocks and bubbles', () => {
    for (const e of [T, S, uiFixture('interleaved'), uiFixture('zbh1')]) {
      const l = layoutOf(e);
      for (const r of l.rows) {
        const blocks = l.blocks.filter((b) => b.stage === r.stage).reduce((a, b) => a + b.w, 0);
        const bubbles = l.bubbles.filter((b) => b.stage === r.stage).reduce((a, b) => a + b.w, 0);
        expect(blocks + bubbles).toBeCloseTo(l.plot.x1 - l.plot.x0, 6);
      }
    }
  });

  it('zooms to a window: only visible blocks, the window spans the full plot width', () => {
    const full = layoutOf(T);
    const window: [number, number] = [0.1, 0.15];
    const l = layoutOf(T, 900, window);
    expect(l.zoomed).toBe(true);
    expect(l.domain).toEqual(window);
    expect(l.scale(0.1)).toBeCloseTo(l.plot.x0, 9);
    expect(l.scale(0.15)).toBeCloseTo(l.plot.x1, 9);
    const visible = T.timeline.filter((b) => b.end > 0.1 && b.start < 0.15);
    expect(l.blocks).toHaveLength(visible.length);
    expect(l.blocks.length).toBeLessThan(full.blocks.length);
    for (const b of l.blocks) {
      expect(b.x).toBeGreaterThanOrEqual(l.plot.x0);
      expect(b.x + b.w).toBeLessThanOrEqual(l.plot.x1 + 1e-9);
    }
    for (const r of l.rows) {
      const sum = [...l.blocks, ...l.bubbles].filter((b) => b.stage === r.stage).reduce((a, b) => a + b.w, 0);
      expect(sum).toBeCloseTo(l.plot.x1 - l.plot.x0, 6);
    }
    expect(l.ticks.every((t) => t.x >= l.plot.x0 - 1e-9 && t.x <= l.plot.x1 + 1e-9)).toBe(true);
  });

  it('puts the exposed comm at the tail of each F and B block: TP, then EP at the very end', () => {
    const l = layoutOf(T);
    expect(l.commSplit).toBe(true);
    for (const b of l.blocks) {
      const perPass = b.kind === 'F' ? T.pipeline.forwardCommSeconds[b.stage] : T.pipeline.backwardCommSeconds[b.stage];
      const ep =
        b.kind === 'F' ? T.pipeline.forwardEpCommSeconds![b.stage] : T.pipeline.backwardEpCommSeconds![b.stage];
      expect(b.commSeconds).toBeCloseTo(perPass, 12);
      expect(b.epSeconds).toBeCloseTo(ep, 12);
      expect(b.comm!.x).toBeCloseTo(l.scale(b.end - perPass), 6);
      expect(b.comm!.x + b.comm!.w).toBeCloseTo(l.scale(b.end - ep), 6);
      if (ep > 0) {
        expect(b.epComm!.x).toBeCloseTo(b.comm!.x + b.comm!.w, 6);
        expect(b.epComm!.x + b.epComm!.w).toBeCloseTo(b.x + b.w, 6);
      } else expect(b.epComm).toBeNull();
    }
    // An evaluation made before the split: one tail, as before.
    const { forwardEpCommSeconds: _f, backwardEpCommSeconds: _b, ...old } = T.pipeline;
    const lo = ganttLayout({ pipeline: old, timeline: T.timeline, transfers: T.transfers, width: 900, zoom: null });
    expect(lo.commSplit).toBe(false);
    for (const b of lo.blocks) {
      expect(b.epComm).toBeNull();
      expect(b.comm!.x + b.comm!.w).toBeCloseTo(b.x + b.w, 6);
    }
    const il = uiFixture('interleaved');
    const li = layoutOf(il);
    const f = li.blocks.find((b) => b.kind === 'F')!;
    expect(f.commSeconds).toBeCloseTo(il.pipeline.forwardCommSeconds[f.stage] / 2, 12);
  });

  it('draws transfers between neighbouring rows', () => {
    const l = layoutOf(T);
    expect(l.transfers).toHaveLength(T.transfers.length);
    const fwd = l.transfers.find((t) => t.direction === 'forward')!;
    expect(fwd.y1).toBe(l.rows[fwd.fromStage].y + l.rows[fwd.fromStage].h);
    expect(fwd.y2).toBe(l.rows[fwd.toStage].y);
  });

  it('uses nice ms ticks', () => {
    const l = layoutOf(T);
    expect(l.ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of l.ticks) expect(Number.isInteger(Math.round(t.t * 1e3 * 1e6) / 1e6)).toBe(true);
    expect(l.ticks[0].label).toBe('0');
    expect(l.ticks[l.ticks.length - 1].label).toMatch(/ ms$/);
  });

  it('marks inference as forward-only', () => {
    expect(layoutOf(S).forwardOnly).toBe(true);
    expect(layoutOf(T).forwardOnly).toBe(false);
  });

  it('uses short row labels on a phone and stays inside the width', () => {
    const l = layoutOf(T, 358);
    expect(l.useShortLabels).toBe(true);
    expect(l.plot.x1).toBeLessThanOrEqual(358);
    expect(l.blocks.every((b) => b.x + b.w <= 358)).toBe(true);
  });
});

describe('row-label gutter follows the label font', () => {
  const at = (over: { labelFontPx?: number; labelWidth?: number; width?: number; gutterStages?: number }) =>
    ganttLayout({
      pipeline: T.pipeline,
      timeline: T.timeline,
      transfers: T.transfers,
      width: over.width ?? 1400,
      zoom: null,
      ...over,
    });

  it('fits "stage 3 (GPU pp=3)" at 11 px, and grows with the font (presenter mode draws 15 px)', () => {
    const label = 'stage 3 (GPU pp=3)'; // 18 characters, about 6 px each at 11 px
    expect(at({}).gutter).toBe(Math.ceil(label.length * 6) + 12);
    expect(at({ labelFontPx: 11 }).gutter).toBe(at({}).gutter);
    expect(at({ labelFontPx: 15 }).gutter).toBe(Math.ceil(label.length * 6 * (15 / 11)) + 12);
    expect(at({ labelFontPx: 15 }).plot.x0).toBe(at({ labelFontPx: 15 }).gutter);
    // A smaller font never shrinks the gutter below the 11 px estimate.
    expect(at({ labelFontPx: 9 }).gutter).toBe(at({}).gutter);
  });

  it('is never narrower than the widest label measured on the page, nor than the stages it is sized for', () => {
    expect(at({ labelWidth: 200 }).gutter).toBe(212);
    expect(at({ labelWidth: 50 }).gutter).toBe(at({}).gutter);
    expect(at({ gutterStages: 16, labelFontPx: 15 }).gutter).toBe(
      Math.ceil('stage 15 (GPU pp=15)'.length * 6 * (15 / 11)) + 12,
    );
  });

  it("scales the block labels' fit and tick anchoring with the font", () => {
    const big = at({ labelFontPx: 22, width: 700 });
    const small = at({ width: 700 });
    expect(big.blocks.filter((b) => b.showLabel).length).toBeLessThan(small.blocks.filter((b) => b.showLabel).length);
    for (const b of big.blocks) if (b.showLabel) expect(b.w).toBeGreaterThanOrEqual(b.label.length * 6.4 * 2 + 4);
  });
});

describe('hitTest', () => {
  it('finds every block from its centre', () => {
    const l = layoutOf(T);
    for (const b of l.blocks) expect(hitTest(l, b.x + b.w / 2, b.y + b.h / 2)).toBe(b);
  });
  it('returns null on bubbles, gutter and axis, where bubbleAt finds the gap', () => {
    const l = layoutOf(T);
    const gap = l.bubbles.find((b) => b.w > 2)!;
    expect(hitTest(l, gap.x + gap.w / 2, gap.y + 1)).toBeNull();
    expect(bubbleAt(l, gap.x + gap.w / 2, gap.y + 1)).toBe(gap);
    expect(hitTest(l, 5, l.rows[0].y + 2)).toBeNull();
    expect(hitTest(l, l.plot.x0 + 5, l.axisY + 5)).toBeNull();
  });
});

describe('zoom helpers', () => {
  const M = 1;
  it('zooms around a point, keeping it under the pointer', () => {
    const z = zoomAround(null, M, 0.25, 0.5)!;
    expect(z[0]).toBeCloseTo(0.125, 12);
    expect(z[1]).toBeCloseTo(0.625, 12);
    // 0.25 was a quarter of the way across, and still is.
    expect((0.25 - z[0]) / (z[1] - z[0])).toBeCloseTo(0.25, 12);
  });
  it('returns null once zoomed out to the whole pipeline', () => {
    expect(zoomAround([0.2, 0.4], M, 0.3, 10)).toBeNull();
  });
  it('pans and stops at the ends', () => {
    expect(panBy([0.2, 0.4], M, 0.1)).toEqual([0.30000000000000004, 0.5]);
    expect(panBy([0.2, 0.4], M, -1)).toEqual([0, 0.2]);
    expect(panBy([0.2, 0.4], M, 5)![1]).toBe(1);
    expect(panBy(null, M, 0.1)).toBeNull();
  });
  it('clamps windows from a link', () => {
    expect(clampWindow([-1, 0.5], M)).toEqual([0, 0.5]);
    expect(clampWindow([0.5, 0.2], M)).toEqual([0.2, 0.5]);
    expect(clampWindow([0, 5], M)).toBeNull();
    const tiny = clampWindow([0.5, 0.5], M)!;
    expect(tiny[1] - tiny[0]).toBeCloseTo(M / 2000, 12);
  });
  it('zooms in on a wheel up, out on a wheel down', () => {
    expect(wheelFactor(-100, 0)).toBeLessThan(1);
    expect(wheelFactor(100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(48, 0), 12);
  });
});

describe('bubble comparison', () => {
  it('shows the core’s reasons for a gap: a slow stage, never transfers (both numbers take them as free)', () => {
    const c = compareBubble(T.pipeline);
    expect(c.differs).toBe(true);
    expect(c.reasons).toEqual(T.pipeline.bubbleGap.map((r) => r.message));
    expect(T.pipeline.bubbleGap.map((r) => r.code)).toEqual(['UNEQUAL_STAGES']);
    expect(c.note).toMatch(/^Why the simulated bubble differs from the textbook bubble: stage 3 needs/);
    expect(c.note).not.toMatch(/transfer/);
  });
  it('ZB-H1’s textbook formula uses the real F, B and W, not F = B = W', () => {
    const p = uiFixture('zbh1').pipeline;
    expect(p.analyticFormula).not.toContain('F=B=W');
    expect(p.analyticFormula).toMatch(/F=[\d.]+, B=[\d.]+, W=[\d.]+ ms/);
  });
  it('says nothing when the core finds nothing to explain', () => {
    const p = { ...T.pipeline, simulatedBubbleFraction: T.pipeline.analyticBubbleFraction, bubbleGap: [] };
    expect(compareBubble(p).note).toBeNull();
    expect(compareBubble(S.pipeline).note).toBeNull();
  });
});

describe('two chunks per GPU (ZB-V, DualPipe)', () => {
  const run = (schedule: 'zb-v' | 'dualpipe') => uiFixture(schedule === 'zb-v' ? 'zbv' : 'dualpipe');
  it('every GPU runs both chunks; the second is drawn lighter and labelled with its chunk', () => {
    for (const schedule of ['zb-v', 'dualpipe'] as const) {
      const e = run(schedule);
      const l = layoutOf(e);
      expect(e.pipeline.virtualStages).toBe(2);
      expect(l.interleaved).toBe(true);
      for (const row of rowsOf(l)) expect(new Set(row.map((b) => b.chunk))).toEqual(new Set([0, 1]));
      const second = l.blocks.find((b) => b.chunk === 1 && b.kind === 'F')!;
      expect(second.fill).toContain('--block-f2');
      expect(second.label).toBe(`F${second.microBatch}·1`);
      expect(l.blocks.find((b) => b.chunk === 0 && b.kind === 'F')!.fill).toBe('var(--block-f)');
    }
    // ZB-V: 2 chunks × (F, B, W) × m on every GPU.
    expect(layoutOf(run('zb-v')).blocks).toHaveLength(4 * 2 * 3 * 8);
  });
});

describe('a long pipeline', () => {
  it('lays out every block of 16 stages × 64 micro-batches, each findable from its centre', () => {
    const e = uiFixture('blocks2048');
    expect(e.pipeline.stages).toBe(16);
    expect(e.pipeline.microBatches).toBe(64);
    expect(e.timeline).toHaveLength(16 * 64 * 2);
    const l = layoutOf(e, 1200);
    expect(l.blocks).toHaveLength(2048);
    expect(l.blocks.filter((b) => hitTest(l, b.x + b.w / 2, b.y + b.h / 2) !== b).map((b) => b.index)).toEqual([]);
  });
});
