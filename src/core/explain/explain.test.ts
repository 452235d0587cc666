/**
 * Show the math: every derivation reproduces the evaluation's own figure,
 * and its formula evaluated on its terms gives its result.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '..';
import { SCENARIO_PRESETS } from '../../presets/scenarios';
import { evaluateExpr, explainMetric, METRIC_IDS, type MetricId } from '.';
import { explainTarget } from '../metrics';
import { substitute, tokenize } from './expr';

/** The figure each derivation explains, as the evaluation holds it. */
const FIGURE: Record<MetricId, (e: Evaluation) => number> = {
  latency: (e) => e.latencySeconds,
  throughput: (e) => e.throughputTokensPerSec,
  mfu: (e) => e.mfu * 100,
  memory: (e) => e.memory.peakBytes,
  params: (e) => e.params.total,
  bubble: (e) => e.pipeline.simulatedBubbleFraction * 100,
  commOverhead: (e) => e.commOverheadPct,
  gpuUtilization: (e) => e.gpuUtilizationPct,
  loadBalance: (e) => e.loadBalancePct,
  memoryPct: (e) => (e.memory.peakBytes / e.memory.capacityBytes) * 100,
};

const PRESETS = [
  'seed-after',
  'seed-before',
  'seed-training',
  'seed-fixed-16gpu',
  'mixtral-8x7b-h100-16',
  'deepseek-v3-256',
];
const evaluations = new Map(PRESETS.map((id) => [id, evaluate(SCENARIO_PRESETS.find((p) => p.id === id)!.scenario)]));

describe('explainMetric on the presets', () => {
  for (const [preset, e] of evaluations) {
    it(`${preset}: each result equals the evaluation's figure, and the formula on the terms gives it`, () => {
      for (const id of METRIC_IDS) {
        const d = explainMetric(e, id);
        const figure = FIGURE[id](e);
        // Same arithmetic in the same order as the evaluator, up to float rounding.
        expect(Math.abs(d.result - figure), `${preset} ${id}: ${d.result} vs ${figure}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(figure)),
        );
        const values = Object.fromEntries(d.terms.map((t) => [t.symbol, t.value]));
        expect(evaluateExpr(d.expr, values)).toBe(d.result);
        // The formula and the substituted line are the same expression.
        expect(d.formula).toBe(`${d.symbol} = ${substitute(d.expr, (s) => s)}`);
        for (const t of d.terms) {
          expect(d.formula).toContain(t.symbol);
          expect(Number.isFinite(t.value)).toBe(true);
          expect(t.meaning.length).toBeGreaterThan(10);
        }
        expect(d.source.length).toBeGreaterThan(0);
      }
    });
  }

  it('every schedule, decode, ZeRO-3 and a dense model: each result equals the figure', () => {
    const shapes: unknown[] = [
      {
        workload: { mode: 'training', microBatches: 8, seqLenRange: null },
        parallel: { tp: 1, pp: 4, dp: 4, ep: 4, schedule: 'interleaved-1f1b', virtualStages: 2 },
      },
      {
        workload: { mode: 'training', microBatches: 8, seqLenRange: null },
        parallel: { tp: 1, pp: 4, dp: 4, ep: 4, schedule: 'dualpipe' },
      },
      {
        workload: { mode: 'training', microBatches: 8, seqLenRange: null },
        parallel: { tp: 1, pp: 4, dp: 4, ep: 4, schedule: 'zb-v' },
      },
      {
        workload: { mode: 'training', microBatches: 8, seqLenRange: null, zeroStage: 3 },
        parallel: { tp: 1, pp: 2, dp: 8, ep: 8, schedule: 'gpipe' },
      },
      {
        workload: { mode: 'inference', phase: 'decode', decodeTokens: 64, seqLenRange: null },
        parallel: { tp: 4, pp: 2, dp: 2, ep: 8 },
      },
      {
        model: { preset: 'gpt3-175b' },
        hardware: { gpu: 'h100-sxm', count: 64 },
        parallel: { tp: 8, pp: 8, dp: 1, ep: 1 },
        workload: { mode: 'training', globalBatch: 8, microBatches: 8, seqLenRange: null },
      },
    ];
    for (const input of shapes) {
      const e = evaluate(input);
      for (const id of METRIC_IDS) {
        const d = explainMetric(e, id);
        const figure = FIGURE[id](e);
        expect(Math.abs(d.result - figure), `${JSON.stringify(input)} ${id}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(figure)),
        );
      }
    }
  });

  it("step time is the time bar's parts end to end (Mixtral: compute, TP, EP, PP, wait, DP, optimizer)", () => {
    const e = evaluations.get('mixtral-8x7b-h100-16')!;
    const d = explainMetric(e, 'latency');
    // The overlapped DP sync hides fully but still takes its SM share: T_DP > 0.
    expect(d.formula).toBe('T_step = T_compute + T_TP + T_EP + T_PP + T_wait + T_DP + T_opt');
    expect(d.terms.find((t) => t.symbol === 'T_compute')!.value).toBe(e.time.computeSeconds);
    // A training run has no KV cache; serving has no gradients or optimizer state.
    expect(explainMetric(e, 'memory').formula).toBe(
      'M_peak = M_weights + M_grads + M_optimizer + M_activations + M_reserve',
    );
    expect(explainMetric(evaluations.get('seed-before')!, 'memory').formula).toBe(
      'M_peak = M_weights + M_activations + M_KV + M_reserve',
    );
  });

  it('throughput is B·s over the step: 64 × 4,096 tokens for Mixtral', () => {
    const e = evaluations.get('mixtral-8x7b-h100-16')!;
    const d = explainMetric(e, 'throughput');
    expect(d.terms.map((t) => [t.symbol, t.value])).toEqual([
      ['B', 64],
      ['s', 4096],
      ['T_step', e.latencySeconds],
    ]);
  });

  it('MFU divides model FLOPs by step time × GPUs × peak (DeepSeek-V3: 256 H800s at 989 TFLOP/s)', () => {
    const e = evaluations.get('deepseek-v3-256')!;
    const d = explainMetric(e, 'mfu');
    const v = Object.fromEntries(d.terms.map((t) => [t.symbol, t.value]));
    expect(v.N).toBe(256);
    expect(v.R_peak).toBe(e.scenario.hardware.peakTflops * 1e12);
    // FlashAttention: the causal count, as the evaluator's MFU uses it.
    expect(v.F).toBe(e.scenario.workload.flashAttention ? e.flops.modelPerStepCausal : e.flops.modelPerStep);
    // 6·N·D sits below F (the attention core is extra).
    expect(d.notes[0]).toMatch(/^Rule of thumb: 6·N_active·D = 6 × /);
  });

  it("the bubble shows the schedule's textbook formula beside the simulated share (1F1B: (P−1)/(m+P−1))", () => {
    const e = evaluate({
      workload: { mode: 'training', microBatches: 8, seqLenRange: null },
      parallel: { tp: 1, pp: 4, dp: 4, ep: 4, schedule: '1f1b' },
    });
    const d = explainMetric(e, 'bubble');
    expect(e.pipeline.analyticFormula).toMatch(/3\/11/);
    expect(d.notes[0]).toContain(e.pipeline.analyticFormula);
    expect(d.source[0].paper).toMatch(/Narayanan et al\. 2021/);
    expect(d.source[0].section).toMatch(/§2\.2/);
  });

  it("a dense model's load balance is 100% with no terms", () => {
    const e = evaluate({
      model: { preset: 'gpt3-175b' },
      hardware: { gpu: 'h100-sxm', count: 64 },
      parallel: { tp: 8, pp: 8, dp: 1, ep: 1 },
      workload: { mode: 'training', globalBatch: 8, microBatches: 8, seqLenRange: null },
    });
    const d = explainMetric(e, 'loadBalance');
    expect(d.terms).toEqual([]);
    expect(d.result).toBe(100);
  });
});

describe('explainTarget', () => {
  it("carries the check: the value against the limit in the result's unit (latency target in ms, result in s)", () => {
    const e = evaluations.get('seed-training')!;
    for (const c of e.compliance) {
      const d = explainTarget(e, c)!;
      expect(d.check!.pass).toBe(c.pass);
      if (c.target === 'latencyMs') expect(d.check!.limit).toBeCloseTo(c.limit! / 1e3, 12);
      else expect(d.check!.limit).toBe(c.limit);
      // The result decides the check the same way the evaluator did.
      if (c.limit !== null)
        expect(
          c.kind === 'max' ? d.result <= d.check!.limit! * (1 + 1e-12) : d.result >= d.check!.limit! * (1 - 1e-12),
        ).toBe(c.pass);
    }
  });
});

describe('expressions', () => {
  it('evaluate with precedence, parentheses, unary minus and max', () => {
    expect(evaluateExpr('1 + 2 · 3', {})).toBe(7);
    expect(evaluateExpr('100 · (1 − a / b)', { a: 3, b: 4 })).toBe(25);
    expect(evaluateExpr('-x + max(1, y, 3)', { x: 2, y: 5 })).toBe(3);
    expect(evaluateExpr('2.5e3 / 5', {})).toBe(500);
    expect(() => evaluateExpr('a + b', { a: 1 })).toThrow(/Unknown symbol b/);
    expect(() => evaluateExpr('(1 + 2', {})).toThrow();
  });

  it('read Greek and subscripted symbols', () => {
    expect(tokenize('Ψ_head + β_sim').map((t) => t.text)).toEqual(['Ψ_head', '+', 'β_sim']);
  });
});
