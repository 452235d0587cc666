/**
 * Show the math on the page: the value at the end of each derivation is the
 * one its headline number or badge shows (same formatter, same precision),
 * and the panel shows the formula, the values, every term and the source.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { evaluate } from '../../core';
import { explainMetric, explainTarget, type Derivation } from '../../core';
import { SCENARIO_PRESETS } from '../../presets/scenarios';
import { headlineItems } from '../summary/headline';
import { badgeModel } from '../summary/compliance';
import { Badges } from '../summary/Badges';
import { checkText, resultText } from './display';
import { MathPanel } from './MathPanel';
import { testIds } from '../../../test/markup';

const PRESETS = [
  'seed-after',
  'seed-before',
  'seed-training',
  'seed-fixed-16gpu',
  'mixtral-8x7b-h100-16',
  'deepseek-v3-256',
];
const evaluations = PRESETS.map((id) => [id, evaluate(SCENARIO_PRESETS.find((p) => p.id === id)!.scenario)] as const);

describe('the math ends on the number the page shows', () => {
  for (const [preset, e] of evaluations) {
    it(`${preset}: every headline number and every badge`, () => {
      for (const h of headlineItems(e)) {
        const shown = resultText(explainMetric(e, h.id));
        // Memory reads "peak / capacity", parameters "… total": the math gives the first number.
        if (h.id === 'memory') expect(h.value.split(' / ')[0], preset).toBe(shown);
        else if (h.id === 'params') expect(h.value).toBe(`${shown} total`);
        else expect(h.value, `${preset} ${h.id}`).toBe(shown);
      }
      for (const c of e.compliance) {
        const badge = badgeModel(c, e);
        const d = explainTarget(e, c)!;
        expect(resultText(d), `${preset} ${c.target}`).toBe(badge.value);
        expect(checkText(d)!.status).toBe(badge.status);
        if (badge.limit) expect(checkText(d)!.text).toContain(badge.limit);
      }
    });
  }

  it('a pipeline adds its bubble to the headline; one stage does not', () => {
    const withPipeline = evaluations.find(([id]) => id === 'mixtral-8x7b-h100-16')![1];
    const single = evaluations.find(([id]) => id === 'seed-fixed-16gpu')![1];
    expect(headlineItems(withPipeline).map((h) => h.id)).toContain('bubble');
    expect(headlineItems(single).map((h) => h.id)).not.toContain('bubble');
  });
});

describe('MathPanel', () => {
  it('shows the formula, the substituted line ending on the result, a row per term and the source', () => {
    const e = evaluations.find(([id]) => id === 'mixtral-8x7b-h100-16')![1];
    const d = explainMetric(e, 'latency');
    const html = renderToStaticMarkup(<MathPanel derivation={d} />);
    expect(html).toContain('T<sub>step</sub> = T<sub>compute</sub> + T<sub>TP</sub>');
    // The substituted line's text (subscripts flattened) ends on the result.
    const line = /<p[^>]*data-testid="math-substituted"[^>]*>(.*?)<\/p>/.exec(html)![1];
    const flat = (t: string) =>
      t.replace(/([\p{L}][\p{L}\p{N}]*)_([\p{L}\p{N}_]+)/gu, (_m, a: string, b: string) => a + b.replace(/_/g, ' '));
    expect(line.replace(/<[^>]+>/g, '')).toBe(`${flat(d.substituted)} = ${resultText(d)}`);
    expect(line).toContain(`<strong data-testid="math-result">${resultText(d)}</strong>`);
    expect(testIds(html, 'math-terms')).toHaveLength(1);
    expect(html.match(/<tr data-symbol=/g)).toHaveLength(d.terms.length);
    expect(html).toContain('Narayanan et al. 2021');
    expect(html).not.toContain('data-testid="math-check"');
  });

  it("a target's math ends on the check: value, operator, limit and verdict", () => {
    const e = evaluations.find(([id]) => id === 'seed-training')![1];
    const entry = e.compliance.find((c) => c.target === 'latencyMs')!;
    const html = renderToStaticMarkup(<MathPanel derivation={explainTarget(e, entry)!} />);
    const check = testIds(html, 'math-check')[0];
    expect(check.attrs['data-status']).toBe(entry.pass ? 'pass' : 'fail');
    expect(html).toContain(`${resultText(explainTarget(e, entry)!)} ≤ 50.0 ms`);
  });
});

describe('Badges with the math', () => {
  it('has a math button (aria-expanded, closed) per headline number and per badge', () => {
    const e = evaluations.find(([id]) => id === 'seed-training')![1];
    const html = renderToStaticMarkup(<Badges evaluation={e} />);
    const buttons = testIds(html, 'math-open-');
    expect(buttons.map((b) => b.id)).toEqual([
      ...headlineItems(e).map((h) => `math-open-headline-${h.id}`),
      ...e.compliance.map((c) => `math-open-badge-${c.target}`),
    ]);
    for (const b of buttons) {
      expect(b.attrs['aria-expanded']).toBe('false');
      expect(b.attrs['aria-label']).toMatch(/^Show the math: /);
    }
  });
});

describe('a check whose value and limit round alike', () => {
  it('shows both to more digits, so "50.0 ms ≤ 50.0 ms" never reads as failing without a reason', () => {
    const d = {
      id: 'latency',
      symbol: 'T',
      result: 0.05004,
      unit: 's',
      check: { kind: 'max', limit: 0.05, pass: false },
    } as unknown as Derivation;
    expect(checkText(d)!.text).toBe('50.0 ms ≤ 50.0 ms does not hold (to more digits: 0.05004 against 0.05 s): ✗ fail');
    const apart = { ...d, result: 0.06 } as Derivation;
    expect(checkText(apart)!.text).toBe('60.0 ms ≤ 50.0 ms does not hold: ✗ fail');
  });
});
