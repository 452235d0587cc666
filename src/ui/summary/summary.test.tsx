import { formatGB, formatSeconds } from '../format';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Badges } from './Badges';
import { Issues } from './Issues';
import { badgeModel, badgeStatus } from './compliance';
import { headlineItems } from './headline';
import { ASSUMPTIONS_OPEN_MAX, fieldLabel, sortViolations } from './issues';
import { uiFixture } from '../../../test/evaluations';
import { testIds } from '../../../test/markup';
import { errorBandOf, formatErrorBand } from '../../core';

const expectedStatus = (pass: boolean | null) => (pass === null ? 'na' : pass ? 'pass' : 'fail');

describe('Badges', () => {
  it('has one badge per target whose status is compliance.pass (seed and training)', () => {
    for (const e of [uiFixture('seed'), uiFixture('training1f1b')]) {
      const html = renderToStaticMarkup(<Badges evaluation={e} />);
      const badges = testIds(html, 'badge-');
      expect(badges.map((b) => b.id)).toEqual(e.compliance.map((c) => `badge-${c.target}`));
      for (const c of e.compliance) {
        const b = badges.find((x) => x.id === `badge-${c.target}`)!;
        expect(b.attrs['data-status']).toBe(expectedStatus(c.pass));
      }
    }
  });

  it('seed: comm overhead and GPU utilization fail; load balance passes', () => {
    const e = uiFixture('seed');
    const status = Object.fromEntries(e.compliance.map((c) => [c.target, badgeStatus(c)]));
    expect(status).toMatchObject({ commOverheadPct: 'fail', gpuUtilizationPct: 'fail', loadBalancePct: 'pass' });
  });

  it('words each badge as value, direction and limit, with an icon and a word', () => {
    const e = uiFixture('seed');
    const lat = badgeModel(
      e.compliance.find((c) => c.target === 'latencyMs')!,
      e,
    );
    const latPass = e.latencySeconds * 1e3 <= 50;
    expect(lat).toMatchObject({
      label: 'Latency',
      value: formatSeconds(e.latencySeconds),
      limit: '≤ 50.0 ms',
      icon: latPass ? '✓' : '✗',
      word: latPass ? 'pass' : 'fail',
    });
    const cm = badgeModel(
      e.compliance.find((c) => c.target === 'commOverheadPct')!,
      e,
    );
    expect(cm).toMatchObject({
      label: 'Comm. overhead (of compute)',
      value: `${e.commOverheadPct.toFixed(1)}%`,
      limit: '≤ 20.0%',
      icon: '✗',
      word: 'fail',
    });
    const lb = badgeModel(
      e.compliance.find((c) => c.target === 'loadBalancePct')!,
      e,
    );
    expect(lb).toMatchObject({
      label: 'Load balance',
      value: `${e.loadBalancePct.toFixed(1)}%`,
      limit: '≥ 90.0%',
      icon: '✓',
      word: 'pass',
    });
    const mem = badgeModel(
      e.compliance.find((c) => c.target === 'memoryPct')!,
      e,
    );
    expect(mem.detail).toBe(`${formatGB(e.memory.peakBytes)} of 64.0 GB`);
  });

  it('shows a switched-off target as not applicable', () => {
    const e = uiFixture('seedNoLatencyTarget');
    const html = renderToStaticMarkup(<Badges evaluation={e} />);
    const b = testIds(html, 'badge-latencyMs')[0];
    expect(b.attrs['data-status']).toBe('na');
    expect(badgeModel(e.compliance[0], e).limit).toBeNull();
    expect(html).toContain('no target');
  });

  it('makes badges buttons only when onFocusTarget is given', () => {
    const e = uiFixture('seed');
    // Besides the "Show the math" buttons (one per headline number and per badge).
    const badgeButtons = (html: string) => html.match(/<button[^>]*data-testid="badge-/g) ?? [];
    const plain = renderToStaticMarkup(<Badges evaluation={e} />);
    expect(badgeButtons(plain)).toHaveLength(0);
    expect(plain.match(/<button/g)).toHaveLength(headlineItems(e).length + e.compliance.length);
    const html = renderToStaticMarkup(<Badges evaluation={e} onFocusTarget={() => {}} />);
    expect(badgeButtons(html)).toHaveLength(e.compliance.length);
    // A button never holds another: the math button sits beside the badge.
    expect(html).not.toMatch(/<button[^>]*data-testid="badge-[^"]*"[^>]*>(?:(?!<\/button>).)*<button/);
  });

  it('warns when the numbers come from an infeasible strategy, and only then', () => {
    const seed = uiFixture('seed');
    const training = uiFixture('training1f1b');
    expect(seed.fromInfeasibleStrategy).toBe(true);
    expect(renderToStaticMarkup(<Badges evaluation={seed} />)).toContain(
      'Computed for a strategy that cannot run as configured',
    );
    expect(training.fromInfeasibleStrategy).toBe(false);
    expect(renderToStaticMarkup(<Badges evaluation={training} />)).not.toContain('infeasible-notice');
  });

  it('headline strip: latency, throughput, MFU, memory vs capacity, params, and the bubble with a pipeline', () => {
    const items = headlineItems(uiFixture('seed'));
    expect(items.map((i) => i.id)).toEqual(['latency', 'throughput', 'mfu', 'memory', 'params', 'bubble']);
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    const e = uiFixture('seed');
    expect(byId.latency.value).toBe(formatSeconds(e.latencySeconds));
    expect(byId.mfu.value).toBe(`${(e.mfu * 100).toFixed(1)}%`);
    expect(byId.memory.value).toBe(`${formatGB(e.memory.peakBytes)} / 64.0 GB`);
    expect(byId.memory.bad).toBe(false);
    expect(byId.params.value).toBe('4.43B total');
    expect(byId.params.sub).toBe('201M active per token'); // three significant figures, the model's accuracy
    expect(headlineItems(uiFixture('training1f1b'))[0].label).toBe('Step time');
    // Seed: 4 stages; the bubble's value is the simulated one, its textbook formula's beside it.
    expect(byId.bubble.value).toBe(`${(e.pipeline.simulatedBubbleFraction * 100).toFixed(1)}%`);
    expect(byId.bubble.sub).toBe(`textbook ${(e.pipeline.analyticBubbleFraction * 100).toFixed(1)}%`);
  });

  it('flags peak memory over capacity', () => {
    const e = uiFixture('trainingOverCapacity');
    expect(e.memory.peakBytes).toBeGreaterThan(e.memory.capacityBytes);
    const mem = headlineItems(e).find((i) => i.id === 'memory')!;
    expect(mem.bad).toBe(true);
    expect(mem.sub).toMatch(/^✗ over capacity by/);
  });
});

describe('Issues', () => {
  it('lists errors before warnings, each with its code and field buttons', () => {
    const e = uiFixture('seed');
    const html = renderToStaticMarkup(<Issues evaluation={e} onFieldFocus={() => {}} />);
    const items = testIds(html, 'violation-');
    expect(items.map((i) => i.id)).toEqual(['violation-GPU_COUNT', 'violation-EP_GROUP', 'violation-STATED_PARAMS']);
    expect(items.map((i) => i.attrs['data-severity'])).toEqual(['error', 'error', 'warning']);
    const fields = e.violations.reduce((n, v) => n + v.fields.length, 0);
    expect(html.match(/<button/g)).toHaveLength(fields);
    expect(html).toContain('aria-label="Show TP (parallel.tp)"');
    expect(html).toContain('GPU_COUNT');
  });

  it('sorts errors first and keeps the order within a severity', () => {
    const v = (code: string, severity: 'error' | 'warning') => ({ code, severity, message: '', fields: [] });
    expect(
      sortViolations([v('A', 'warning'), v('B', 'error'), v('C', 'warning'), v('D', 'error')]).map((x) => x.code),
    ).toEqual(['B', 'D', 'A', 'C']);
  });

  it('labels fields by their control, falling back to the path', () => {
    expect(fieldLabel('parallel.tp')).toBe('TP');
    expect(fieldLabel('hardware.count')).toBe('GPUs');
    expect(fieldLabel('no.such.field')).toBe('no.such.field');
  });

  it('says so when there are no violations', () => {
    const e = uiFixture('trainingNoViolations');
    expect(e.violations).toHaveLength(0);
    const html = renderToStaticMarkup(<Issues evaluation={e} />);
    expect(html).toContain('data-testid="no-violations"');
  });

  it('folds a long assumptions list and opens a short one', () => {
    const e = uiFixture('seed');
    expect(e.assumptions.length).toBeGreaterThan(ASSUMPTIONS_OPEN_MAX);
    const long = renderToStaticMarkup(<Issues evaluation={e} />);
    expect(long).toMatch(/<details[^>]*data-testid="assumptions"/);
    expect(long).not.toMatch(/<details[^>]*open=""[^>]*data-testid="assumptions"/);
    const short = renderToStaticMarkup(<Issues evaluation={{ ...e, assumptions: e.assumptions.slice(0, 2) }} />);
    expect(short).toMatch(/<details[^>]*open=""/);
  });
});

describe('headline error bands (issue 14)', () => {
  it('step time, throughput and MFU carry the band of their class; memory and parameters, exact sums, do not', () => {
    const e = uiFixture('training1f1b');
    const band = errorBandOf(e)!;
    const items = headlineItems(e);
    for (const h of items)
      expect(h.band, h.id).toEqual(['latency', 'throughput', 'mfu'].includes(h.id) ? band : undefined);
    const html = renderToStaticMarkup(<Badges evaluation={e} />);
    const link = testIds(html, 'band-').find((x) => x.id === 'band-latency')!;
    expect(link.attrs['data-band-class']).toBe(band.key);
    expect(link.attrs.href).toBe('#accuracy');
    expect(html).toContain(`${formatErrorBand(band.pct)}</span> <span`);
    expect(link.attrs.title).toContain(band.label);
  });
});
