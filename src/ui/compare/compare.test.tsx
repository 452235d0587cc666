/** The compare panel as rendered markup: A and B from the store, every metric row, both Gantts on one axis. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { evaluate } from '../../core';
import { scenarioPreset } from '../../presets/scenarios';
import { setAtPath } from '../../state/permalink';
import { createExplorerStore } from '../../state/store';
import { StoreContext } from '../../state/react';
import { actionOf, SHORTCUTS } from '../presenter/shortcuts';
import { testIds } from '../../../test/markup';
import { ComparePanel, CompareView, PinButton, stepEnd } from './ComparePanel';
import { compareEvaluations } from './deltas';

const mixtral = scenarioPreset('mixtral-8x7b-h100-16')!.scenario;
const docA = setAtPath(mixtral, 'workload.microBatches', 1);
const docB = setAtPath(mixtral, 'workload.microBatches', 16);

const a = evaluate(docA);
const b = evaluate(docB);
const none = () => {};
const view = (over: Partial<Parameters<typeof CompareView>[0]> = {}) =>
  renderToStaticMarkup(<CompareView a={a} aError={null} b={b} onSwap={none} onShowA={none} onUnpin={none} {...over} />);

const render = (store: ReturnType<typeof createExplorerStore>, node: React.ReactNode) =>
  renderToStaticMarkup(<StoreContext.Provider value={store}>{node}</StoreContext.Provider>);

describe('ComparePanel', () => {
  it('nothing pinned: nothing drawn, and the button says "Pin as A"; pinned (from a link): the panel, still evaluating', () => {
    const store = createExplorerStore({ doc: docB });
    expect(render(store, <ComparePanel />)).toBe('');
    expect(render(store, <PinButton />)).toContain('>Pin as A<');
    const pinned = createExplorerStore({ doc: docB, compare: docA });
    expect(render(pinned, <ComparePanel />)).toContain('data-state="evaluating"');
    expect(render(pinned, <PinButton />)).toContain('>Pin again as A<');
  });

  it('one row per metric with the texts of the pure comparison; the bubble row says B is better', () => {
    const html = view();
    const rows = compareEvaluations(a, b);
    const drawn = testIds(html, 'compare-row-');
    expect(drawn.map((r) => r.id)).toEqual(rows.map((r) => `compare-row-${r.id}`));
    expect(drawn.find((r) => r.id === 'compare-row-bubble')!.attrs['data-verdict']).toBe('better');
    const bubble = rows.find((r) => r.id === 'bubble')!;
    expect(html).toContain(`>${bubble.aText}</td>`);
    expect(html).toContain(`>${bubble.deltaText} · ${bubble.pctText}</span>`);
    expect(html).toContain('lower is better');
    expect(testIds(html, 'compare')[0].attrs['data-state']).toBe('ready');
  });

  it('both Gantt charts on one axis: the longer step (A, one micro-batch) sets it', () => {
    const html = view();
    const [ga, gb] = testIds(html, 'compare-gantt-');
    expect(ga.id).toBe('compare-gantt-a');
    expect(Number(ga.attrs['data-time-span'])).toBe(stepEnd(a));
    expect(Number(gb.attrs['data-time-span'])).toBe(stepEnd(a));
    expect(Number(gb.attrs['data-step-end'])).toBe(stepEnd(b));
    expect(stepEnd(b)).toBeLessThan(stepEnd(a));
    // Two charts, compact: no duration tables beside them.
    expect(testIds(html, 'gantt').filter((g) => g.id === 'gantt')).toHaveLength(2);
    expect(html).not.toContain('Durations');
  });

  it('A still evaluating, or failed: the side says so and no table is drawn', () => {
    const html = view({ a: null });
    expect(html).toContain('Evaluating…');
    expect(testIds(html, 'compare-row-')).toEqual([]);
    const failed = view({ a: null, aError: 'The evaluator failed on scenario A' });
    expect(failed).toContain('data-state="failed"');
    expect(failed).toContain('The evaluator failed on scenario A');
  });

  it('each side names its strategy', () => {
    const html = view();
    expect(html).toMatch(/data-testid="compare-strategy-a">TP 2 × PP 2 × DP 4, EP 8 · 1F1B, 1 micro-batch ·/);
    expect(html).toMatch(/data-testid="compare-strategy-b">TP 2 × PP 2 × DP 4, EP 8 · 1F1B, 16 micro-batches ·/);
  });
});

describe('the pin shortcut', () => {
  it('"a" pins, and the help lists it', () => {
    expect(actionOf({ key: 'a' })).toBe('pin');
    expect(actionOf({ key: 'A' })).toBe('pin');
    expect(SHORTCUTS.find((s) => s.action === 'pin')!.what).toMatch(/^Pin the scenario on screen as A/);
  });
});
