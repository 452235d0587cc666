import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core';
import { runSearch, strategyOf } from '../../core';
import { paretoFront, yValue } from './pareto';
import { docWithStrategy, selectedIdOf, strategyLabel } from './strategyDoc';

const p = parseScenario({ hardware: { count: 8 }, workload: { globalBatch: 16, seqLenRange: null } });
if (!p.ok) throw new Error('invalid');
const s = p.scenario;
const { rows } = runSearch(s);

describe('Pareto front', () => {
  for (const axis of ['throughput', 'latency'] as const) {
    it(`${axis}: no strategy that can run beats a front point on both axes, and every other point is beaten by one`, () => {
      const front = paretoFront(rows, axis);
      const better = (a: number, b: number) => (axis === 'throughput' ? a > b : a < b);
      const feasible = rows.filter((r) => r.feasible);
      for (const f of front) {
        const dominates = (r: (typeof rows)[number]) => {
          const [ry, fy] = [yValue(r, axis)!, yValue(f, axis)!];
          return (
            (r.memoryPerGpuGB <= f.memoryPerGpuGB && better(ry, fy)) ||
            (r.memoryPerGpuGB < f.memoryPerGpuGB && ry === fy)
          );
        };
        expect(feasible.some(dominates)).toBe(false);
      }
      const onFront = new Set(front.map((f) => f.id));
      for (const r of feasible.filter((x) => !onFront.has(x.id)).slice(0, 300)) {
        expect(
          front.some((f) => f.memoryPerGpuGB <= r.memoryPerGpuGB && !better(yValue(r, axis)!, yValue(f, axis)!)),
        ).toBe(true);
      }
    });
  }
});

describe('a row into the explorer', () => {
  it('writes every strategy field into the document, and the row is then the selected one', () => {
    const row = rows.find((r) => r.strategy.tp === 2 && r.strategy.ep === 4)!;
    const doc = docWithStrategy({ parallel: { tp: 4 } }, row.strategy);
    const back = parseScenario(doc);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(strategyOf(back.scenario)).toEqual(row.strategy);
    expect(selectedIdOf(rows, back.scenario)).toBe(row.id);
  });
  it('labels name the degrees and the schedule', () => {
    expect(
      strategyLabel(
        {
          tp: 2,
          pp: 4,
          dp: 1,
          ep: 8,
          etp: 1,
          schedule: 'interleaved-1f1b',
          virtualStages: 2,
          microBatches: 8,
          recompute: 'full',
          zeroStage: 1,
          sequenceParallel: true,
        },
        true,
      ),
    ).toBe('TP2 PP4 DP1 EP8 m8 interleaved-1f1b×2 full-rc Z1 SP');
  });
});

describe('equivalent rows', () => {
  it('hides only rows equal to a kept one in every result and in every setting but the schedule', async () => {
    const { withoutEquivalents } = await import('./pareto');
    const kept = withoutEquivalents(rows);
    expect(kept.length).toBeLessThan(rows.length);
    const keptIds = new Set(kept.map((r) => r.id));
    for (const r of rows.filter((x) => !keptIds.has(x.id))) {
      // The same as the table shows them (throughput to the token, memory to 0.1 GB).
      expect(
        kept.some(
          (k) =>
            Math.round(k.throughputTokensPerSec!) === Math.round(r.throughputTokensPerSec!) &&
            k.memoryPerGpuGB.toFixed(1) === r.memoryPerGpuGB.toFixed(1) &&
            k.strategy.tp === r.strategy.tp &&
            k.strategy.pp === r.strategy.pp &&
            k.strategy.microBatches === r.strategy.microBatches &&
            k.strategy.schedule !== r.strategy.schedule,
        ),
      ).toBe(true);
    }
  });
});

describe('equivalent rows, with a preferred one', () => {
  it('keeps the preferred row even when an equivalent ranks before it', async () => {
    const { withoutEquivalents } = await import('./pareto');
    const plain = new Set(withoutEquivalents(rows).map((r) => r.id));
    const hidden = rows.find((r) => !plain.has(r.id))!;
    const kept = withoutEquivalents(rows, hidden.id);
    expect(kept.some((r) => r.id === hidden.id)).toBe(true);
    expect(kept.length).toBe(plain.size);
  });
});
