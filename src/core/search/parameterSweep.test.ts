/** The metric-vs-parameter sweep: one entry per allowed value, the current one equal to the page, physics invariants. */
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario, type Scenario } from '..';
import { enumerateStrategies, strategyOf, type Strategy } from './space';
import { SWEEP_PARAMETERS, parameterSweep, pointMetrics, type SweepParameterId } from './parameterSweep';

function scenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
}

/** The seed model on 16 GPUs as plain data parallelism (the seed-fixed-16gpu preset's strategy). */
const FIXED = { parallel: { tp: 1, pp: 1, dp: 16, ep: 1 }, workload: { microBatches: 1 } };
/** The seed model trained on 16 GPUs with a 4-stage 1F1B pipeline. */
const PIPE = {
  workload: { mode: 'training', microBatches: 8 },
  parallel: { tp: 2, pp: 4, dp: 2, ep: 4, schedule: '1f1b' },
};

/**
 * The allowed values counted another way: the strategy search's space (which
 * applies the rules while enumerating) restricted to strategies equal to the
 * scenario's own in every field but the one swept (and DP, which TP and PP move).
 */
function allowedBySearchSpace(s: Scenario, id: Exclude<SweepParameterId, 'seqLen'>): number[] {
  const own = strategyOf(s);
  const free = new Set<keyof Strategy>([id, ...(id === 'tp' || id === 'pp' ? (['dp'] as const) : [])]);
  // The search leaves sequence parallelism off at TP 1, where it splits nothing.
  const same = (st: Strategy) =>
    (Object.keys(own) as (keyof Strategy)[]).every(
      (k) => free.has(k) || st[k] === own[k] || (k === 'sequenceParallel' && st.tp === 1),
    );
  return [
    ...new Set(
      enumerateStrategies(s)
        .filter(same)
        .map((st) => st[id]),
    ),
  ].sort((a, b) => a - b);
}

describe('parameterSweep', () => {
  for (const [name, doc] of [
    ['DP 16', FIXED],
    ['1F1B pipeline, training', PIPE],
  ] as const) {
    const s = scenario(doc);
    for (const id of ['tp', 'pp', 'ep', 'microBatches'] as const) {
      it(`${name}: one allowed entry per value the strategy rules allow (${id})`, () => {
        const sweep = parameterSweep(s, id);
        expect(sweep.points.filter((p) => p.allowed).map((p) => p.value)).toEqual(allowedBySearchSpace(s, id));
        // Values the rules reject are still listed, each with its reason.
        for (const p of sweep.points.filter((q) => !q.allowed)) expect(p.reason).toMatch(/\w/);
      });
    }
  }

  it('TP on 16 GPUs with PP 1: TP 1, 2, 4, 8, 16 (16 heads) with DP 16 / TP, and the current value marked', () => {
    const sweep = parameterSweep(scenario(FIXED), 'tp');
    expect(sweep.points.map((p) => [p.value, p.dp])).toEqual([
      [1, 16],
      [2, 8],
      [4, 4],
      [8, 2],
      [16, 1],
    ]);
    expect(sweep.points.every((p) => p.allowed)).toBe(true);
    expect(sweep.points.filter((p) => p.current).map((p) => p.value)).toEqual([1]);
    expect(sweep.gpus).toBe(16);
  });

  it('EP with TP 1 × DP 16: 32 and 64 experts-per-group do not fit a stage of 16 GPUs and are gaps naming the rule', () => {
    const sweep = parameterSweep(scenario(FIXED), 'ep');
    expect(sweep.points.map((p) => p.value)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    const gaps = sweep.points.filter((p) => !p.allowed);
    expect(gaps.map((p) => p.value)).toEqual([32, 64]);
    for (const g of gaps) expect(g.reason).toMatch(/EP .* must divide TP × DP/);
  });

  it('the point at the current value equals the page’s evaluation, for every parameter', () => {
    for (const doc of [FIXED, PIPE]) {
      const page = evaluate(doc);
      const s = page.scenario;
      for (const { id } of SWEEP_PARAMETERS) {
        const cur = parameterSweep(s, id).points.filter((p) => p.current);
        expect(cur).toHaveLength(1);
        expect(cur[0].runs).toBe(page.feasible);
        expect(cur[0].metrics).toEqual(pointMetrics(page));
      }
    }
  });

  it('every point equals a full evaluation of its scenario (the shared memo changes no figure)', () => {
    const base = scenario(PIPE);
    for (const id of ['tp', 'pp', 'microBatches', 'seqLen'] as const) {
      for (const p of parameterSweep(base, id).points.filter((q) => q.metrics)) {
        const at =
          id === 'tp'
            ? { parallel: { ...PIPE.parallel, tp: p.value, dp: p.dp } }
            : id === 'pp'
              ? { parallel: { ...PIPE.parallel, pp: p.value, dp: p.dp } }
              : { workload: { ...PIPE.workload, [id]: p.value } };
        const full = evaluate({ ...PIPE, ...at });
        expect(p.metrics, `${id} = ${p.value}`).toEqual(pointMetrics(full));
      }
    }
  });

  it('1F1B: more micro-batches never grow the bubble (textbook (p−1)/(m+p−1) falls with m)', () => {
    const points = parameterSweep(scenario(PIPE), 'microBatches').points.filter((p) => p.metrics);
    expect(points.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < points.length; i++) {
      expect(points[i].metrics!.bubbleFraction).toBeLessThanOrEqual(points[i - 1].metrics!.bubbleFraction + 1e-12);
    }
    // And it really falls: from the fewest to the most micro-batches.
    expect(points.at(-1)!.metrics!.bubbleFraction).toBeLessThan(points[0].metrics!.bubbleFraction);
  });

  it('longer sequences never lower the peak memory per GPU (activations grow with s)', () => {
    const points = parameterSweep(scenario(PIPE), 'seqLen').points.filter((p) => p.metrics);
    expect(points.map((p) => p.value)).toContain(2048);
    for (let i = 1; i < points.length; i++)
      expect(points[i].metrics!.peakMemoryBytes).toBeGreaterThanOrEqual(points[i - 1].metrics!.peakMemoryBytes);
  });

  it("the seed plan as written (32 ranks on 16 GPUs) is swept on the cluster's 16 GPUs: PP 1 runs, and its EP 16 fits no stage at PP 4", () => {
    const s = scenario({});
    for (const id of ['tp', 'pp'] as const) {
      const sweep = parameterSweep(s, id);
      expect(sweep.gpus).toBe(16);
      for (const p of sweep.points)
        expect((id === 'tp' ? p.value * s.parallel.pp : s.parallel.tp * p.value) * p.dp).toBe(16);
      // The plan's own point (TP 4, PP 4 at DP 2) is not on a 16-GPU sweep.
      expect(sweep.points.some((p) => p.current)).toBe(false);
    }
    // At PP 4 a stage has TP × DP = 4 GPUs: EP 16 cannot form, at every TP.
    for (const p of parameterSweep(s, 'tp').points) expect(p.reason).toMatch(/EP/);
    // At PP 1 a stage has all 16: TP 4 × DP 4 holds EP 16.
    const pp1 = parameterSweep(s, 'pp').points.find((p) => p.value === 1)!;
    expect(pp1.allowed).toBe(true);
    expect(pp1.dp).toBe(4);
  });

  it('a dense model has one EP value and says why', () => {
    const sweep = parameterSweep(scenario({ model: { moe: null }, ...FIXED }), 'ep');
    expect(sweep.points.map((p) => p.value)).toEqual([1]);
    expect(sweep.note).toMatch(/dense/);
  });
});
