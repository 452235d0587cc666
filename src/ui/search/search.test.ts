import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core';
import { runSearch, strategyOf } from '../../core/search';
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
          return (r.memoryPerGpuGB <= f.memoryPerGpuGB && better(ry, fy)) || (r.memoryPerGpuGB < f.memoryPerGpuGB && ry === fy);
        };
        expect(feasible.some(dominates)).toBe(false);
      }
      const onFront = new Set(front.map((f) => f.id));
      for (const r of feasible.filter((x) => !onFront.has(x.id)).slice(0, 300)) {
        expect(front.some((f) => f.memoryPerGpuGB <= r.memoryPerGpuGB && !better(yValue(r, axis)!, yValue(f, axis)!))).toBe(true);
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
    expect(strategyLabel({ tp: 2, pp: 4, dp: 1, ep: 8, etp: 1, schedule: 'interleaved-1f1b', virtualStages: 2, microBatches: 8, recompute: 'full', zeroStage: 1, sequenceParallel: true }, true))
      .toBe('TP2 PP4 DP1 EP8 m8 interleaved-1f1b×2 full-rc Z1 SP');
  });
});
