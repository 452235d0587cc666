import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { SCENARIO_PRESETS } from '../../presets/scenarios';
import type { ErrorBandRow } from './errorBandData';
import { errorBandClasses, errorBandOf, formatErrorBand, MIN_BAND_ROWS, withinError } from './errorBand';

function scenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
}

const row = (label: string, pct: number, rows: number): ErrorBandRow => ({
  label,
  inSampleMaePct: pct / 2,
  outOfSampleMaePct: pct,
  rows,
});

/** Every class, each with its own error, so a lookup shows which it read. */
const FULL: Record<string, ErrorBandRow> = {
  all: row('all', 20, 50),
  training: row('training', 10, 30),
  'training-dense': row('dense training', 8, 14),
  'training-moe': row('MoE training', 15, 10),
  'training-dense-ampere': row('dense training on Ampere', 3, 10),
  'training-dense-hopper': row('dense training on Hopper', 5, 4),
  'training-moe-hopper': row('MoE training on Hopper', 12, 5),
  'training-moe-blackwell': row('MoE training on Blackwell', 27, 3),
  serving: row('serving', 16, 16),
  prefill: row('prefill', 14, 4),
  decode: row('decode', 13, 5),
  static: row('static batch', 17, 7),
};

const dense = { model: { preset: 'gpt3-175b' } };
const moe = { model: { preset: 'mixtral-8x7b' } };
const training = { workload: { mode: 'training' } };

describe('errorBandOf: the class of a scenario', () => {
  it.each([
    [{ ...dense, ...training, hardware: { gpu: 'a100-80gb', count: 16 } }, 'training-dense-ampere', 3],
    [{ ...dense, ...training, hardware: { gpu: 'h100-sxm', count: 16 } }, 'training-dense-hopper', 5],
    [{ ...moe, ...training, hardware: { gpu: 'h800-sxm', count: 16 } }, 'training-moe-hopper', 12],
    [{ ...moe, ...training, hardware: { gpu: 'b200', count: 16 } }, 'training-moe-blackwell', 27],
  ])('training on a named generation reads its own class', (doc, key, pct) => {
    const b = errorBandOf(scenario(doc), undefined, FULL);
    expect(b).toMatchObject({ key, pct, wanted: key });
  });

  it('inference reads its phase; a serving figure can ask for another (static = end to end)', () => {
    const prefill = scenario({ ...moe, workload: { mode: 'inference', phase: 'prefill' } });
    const decode = scenario({ ...moe, workload: { mode: 'inference', phase: 'decode' } });
    expect(errorBandOf(prefill, undefined, FULL)?.key).toBe('prefill');
    expect(errorBandOf(decode, undefined, FULL)?.key).toBe('decode');
    expect(errorBandOf(decode, 'static', FULL)).toMatchObject({ key: 'static', pct: 17 });
    expect(errorBandClasses(prefill)).toEqual(['prefill', 'serving', 'all']);
  });

  it('an evaluation reads the same band as its scenario', () => {
    const s = scenario({ ...dense, ...training, hardware: { gpu: 'a100-80gb', count: 16 } });
    const e = { scenario: s, latencySeconds: 1 } as unknown as Parameters<typeof errorBandOf>[0];
    expect(errorBandOf(e, undefined, FULL)?.key).toBe('training-dense-ampere');
  });
});

describe('errorBandOf: falls back to a wider class', () => {
  it('when the class has fewer than MIN_BAND_ROWS rows', () => {
    // Dense Hopper has 4 rows: used. With 2 it falls back to dense training.
    expect(MIN_BAND_ROWS).toBe(3);
    const thin = { ...FULL, 'training-dense-hopper': row('dense training on Hopper', 5, MIN_BAND_ROWS - 1) };
    const s = scenario({ ...dense, ...training, hardware: { gpu: 'h100-sxm', count: 16 } });
    expect(errorBandOf(s, undefined, thin)).toMatchObject({
      key: 'training-dense',
      pct: 8,
      wanted: 'training-dense-hopper',
    });
  });

  it('when the class is absent: MoE on Ampere → MoE training → training → all', () => {
    const s = scenario({ ...moe, ...training, hardware: { gpu: 'a100-80gb', count: 16 } });
    expect(errorBandOf(s, undefined, FULL)?.key).toBe('training-moe');
    const { 'training-moe': _moe, ...noMoe } = FULL;
    expect(errorBandOf(s, undefined, noMoe)?.key).toBe('training');
    const { training: _t, ...noTraining } = noMoe;
    expect(errorBandOf(s, undefined, noTraining)?.key).toBe('all');
    expect(errorBandOf(s, undefined, {})).toBeNull();
  });

  it('a generation the calibration does not class (the seed GPU, MI300X) starts at dense/MoE training', () => {
    const seed = scenario({ ...training });
    expect(errorBandClasses(seed)).toEqual(['training-moe', 'training', 'all']);
    const mi300 = scenario({ ...dense, ...training, hardware: { gpu: 'mi300x', count: 16 } });
    expect(errorBandOf(mi300, undefined, FULL)?.key).toBe('training-dense');
  });

  it('serving: a thin phase falls back to serving, then all', () => {
    const s = scenario({ workload: { mode: 'inference', phase: 'prefill' } });
    const thin = { ...FULL, prefill: row('prefill', 14, 2) };
    expect(errorBandOf(s, undefined, thin)?.key).toBe('serving');
    const { serving: _s, prefill: _p, ...none } = FULL;
    expect(errorBandOf(s, undefined, none)?.key).toBe('all');
  });
});

describe('the committed table', () => {
  it('gives every preset scenario a band, from a class of at least MIN_BAND_ROWS rows', () => {
    for (const p of SCENARIO_PRESETS) {
      const b = errorBandOf(scenario(p.scenario));
      expect(b, p.id).not.toBeNull();
      expect(b!.rows, p.id).toBeGreaterThanOrEqual(MIN_BAND_ROWS);
      expect(b!.pct, p.id).toBeGreaterThan(0);
    }
  });
});

describe('withinError: the tie rule', () => {
  it('a figure within the band of the best is tied; one beyond is not', () => {
    expect(withinError(105, 100, 10)).toBe(true);
    expect(withinError(95, 100, 10)).toBe(true);
    expect(withinError(111, 100, 10)).toBe(false);
    expect(withinError(89, 100, 10)).toBe(false);
  });

  it('the band edge counts as tied, a hair beyond does not', () => {
    // 100 × 1.1 is 110.00000000000001 in floating point: still at the edge.
    expect(withinError(100 * 1.1, 100, 10)).toBe(true);
    expect(withinError(90, 100, 10)).toBe(true);
    expect(withinError(110.001, 100, 10)).toBe(false);
  });

  it('is relative to the best, and never ties a figure that is not a number', () => {
    expect(withinError(-105, -100, 10)).toBe(true);
    expect(withinError(1, 0, 10)).toBe(false);
    expect(withinError(0, 0, 10)).toBe(true);
    expect(withinError(NaN, 100, 10)).toBe(false);
    expect(withinError(Infinity, 100, 10)).toBe(false);
  });

  it('formats the band as ± N%', () => {
    expect(formatErrorBand(10.9)).toBe('± 11%');
    expect(formatErrorBand(7.94)).toBe('± 7.9%');
  });
});
