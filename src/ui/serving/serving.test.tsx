import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { uiFixture } from '../../../test/evaluations';
import { formatSeconds } from '../format';
import { servingLines, servingLinesWithBands } from './servingLines';
import { errorBandOf } from '../../core';
import { ServingPanel } from './ServingPanel';

describe('serving panel', () => {
  it('shows TTFT, TPOT, end to end, the throughputs and the KV-limited batch of the seed, each with its definition', () => {
    const e = uiFixture('seed');
    const lines = servingLines(e)!;
    expect(lines.map((l) => l.key)).toEqual(['ttft', 'tpot', 'e2e', 'prefill', 'decode', 'output', 'maxBatch']);
    const sv = e.serving!;
    expect(lines[0].value).toBe(formatSeconds(sv.ttftSeconds));
    expect(lines[2].value).toBe(formatSeconds(sv.endToEndSeconds));
    expect(lines[2].definition).toContain('TTFT + (128 − 1) × TPOT');
    expect(lines[3].definition).toContain('128 × 2048 prompt tokens / TTFT');
    expect(lines[5].definition).toContain('prefill time included');
    expect(lines[6].value).toBe(`${sv.maxBatchByKv.toLocaleString('en-US')} sequences`);
    for (const l of lines) expect(l.definition.length).toBeGreaterThan(20);
    const html = renderToStaticMarkup(<ServingPanel evaluation={e} />);
    expect(html).toContain('Time to first token');
    expect(html).toContain('data-metric="maxBatch"');
  });

  it('each predicted line carries the band of the phase it measures; the KV-cache limit, an exact sum, none', () => {
    const e = uiFixture('seed');
    const band = Object.fromEntries(servingLinesWithBands(e)!.map((l) => [l.key, l.band?.key ?? null]));
    const of = (f: 'prefill' | 'decode' | 'static') => errorBandOf(e, f)!.key;
    expect(band).toEqual({
      ttft: of('prefill'),
      prefill: of('prefill'),
      tpot: of('decode'),
      decode: of('decode'),
      e2e: of('static'),
      output: of('static'),
      maxBatch: null,
    });
    expect(renderToStaticMarkup(<ServingPanel evaluation={e} />)).toContain('data-testid="serving-band-e2e"');
  });

  it('renders nothing in training', () => {
    const e = uiFixture('training1f1b');
    expect(servingLines(e)).toBeNull();
    expect(renderToStaticMarkup(<ServingPanel evaluation={e} />)).toBe('');
  });
});
