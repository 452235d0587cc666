/** The first screen (issue 9, item 9) and the formatting fixes of item 10. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { uiFixture } from '../../../test/evaluations';
import { firstScreen, firstSentence, strategyLine } from './firstScreen';
import { FirstScreen } from './FirstScreen';
import { badgeModel } from './compliance';
import { formatSeconds, formatSecondsLike, formatTokensPerSec, plural, sig3 } from '../format';

describe('first screen', () => {
  it('the seed: cannot run, names the strategy, gives the first error as the reason, links to Issues and claims', () => {
    const e = uiFixture('seedClaims');
    const f = firstScreen(e);
    expect(f.tone).toBe('fail');
    expect(f.verdict).toBe('Cannot run as configured');
    expect(f.strategy).toMatch(
      /^TP 4 × PP 4 × DP 2, EP 16 · 1F1B, 8 micro-batches · .* on 16 × Seed document GPU · inference prefill$/,
    );
    const firstError = e.violations.find((v) => v.severity === 'error')!;
    expect(firstError.message.startsWith(f.reason)).toBe(true);
    expect(f.reason.endsWith('.')).toBe(true);
    const html = renderToStaticMarkup(<FirstScreen evaluation={e} description="A preset." />);
    expect(html).toContain('href="#issues"');
    expect(html).toContain('href="#claims"');
    expect(html).toContain('Claims audit (7)');
    expect(html).toContain('A preset.');
  });

  it('a feasible training run that misses no target says so', () => {
    const e = uiFixture('trainingNoViolations');
    const f = firstScreen(e);
    expect(f.errors).toBe(0);
    expect(f.tone === 'pass' || f.tone === 'warn').toBe(true);
    if (f.tone === 'warn') expect(f.verdict).toMatch(/^Runs, but misses \d+ of \d+ targets?$/);
    expect(strategyLine(e)).toContain('training');
    expect(renderToStaticMarkup(<FirstScreen evaluation={e} />)).not.toContain('href="#claims"');
  });

  it('firstSentence stops at the first full stop followed by a space', () => {
    expect(firstSentence('TP × PP × DP = 32 GPUs, but the cluster has 16. Every GPU holds…')).toBe(
      'TP × PP × DP = 32 GPUs, but the cluster has 16.',
    );
    expect(firstSentence('No stop')).toBe('No stop');
  });

  it('a training badge says "Step time", as the headline does', () => {
    const e = uiFixture('training1f1b');
    const latency = e.compliance.find((c) => c.target === 'latencyMs')!;
    expect(badgeModel(latency, e).label).toBe('Step time');
    const seed = uiFixture('seed');
    expect(
      badgeModel(
        seed.compliance.find((c) => c.target === 'latencyMs')!,
        seed,
      ).label,
    ).toBe('Latency');
  });
});

describe('numbers to the model’s accuracy', () => {
  it('three significant figures, one unit per list, and plurals', () => {
    expect(sig3(5_856_659)).toBe('5,860,000');
    expect(sig3(22)).toBe('22.0');
    expect(formatTokensPerSec(5_856_659)).toBe('5.86M tokens/s');
    expect(formatTokensPerSec(38_000)).toBe('38,000 tokens/s');
    expect(formatSeconds(1.65153)).toBe('1.65 s');
    expect(formatSeconds(0.0481)).toBe('48.1 ms');
    expect(formatSeconds(0.9996)).toBe('1.00 s');
    expect(formatSeconds(681e-6)).toBe('681 µs');
    // In a list whose total is in ms, every part is in ms.
    expect(formatSecondsLike(681e-6, 0.0481)).toBe('0.681 ms');
    expect(formatSecondsLike(0, 0.0481)).toBe('0 ms');
    expect(plural(1, 'GPU')).toBe('1 GPU');
    expect(plural(65536, 'GPU')).toBe('65,536 GPUs');
    expect(plural(1, 'micro-batch', 'micro-batches')).toBe('1 micro-batch');
  });
});
