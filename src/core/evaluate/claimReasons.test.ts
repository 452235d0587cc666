/** The claims audit's words: what a figure counts, the gap in the right measure, the cost behind it. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';
import { SEED_CLAIMS } from '../../presets/seed';
import { describeGap, overheads } from './claimReasons';
import { sig3 } from '../format/number';

describe('describeGap', () => {
  it('gives percentages in percentage points, never as a percentage of a percentage', () => {
    expect(describeGap('commOverheadPct', 1.5, 60.8)).toBe('59.3 percentage points lower');
    expect(describeGap('gpuUtilizationPct', 94, 44.8)).toBe('49.2 percentage points higher');
  });
  it('gives large gaps as a ratio and small ones as a relative difference', () => {
    expect(describeGap('throughputTokensPerSec', 38_000, 38_000 * 143)).toBe('143× lower');
    expect(describeGap('latencyMs', 27, 48.1)).toBe(`${sig3(((48.1 - 27) / 48.1) * 100)}% lower`);
  });
});

describe('extreme claims (probe: claims.memoryPerGpuGB = 1e-320 read "Infinity× lower")', () => {
  it('say the gap in finite words', () => {
    expect(describeGap('memoryPerGpuGB', 1e-320, 26)).toBe('more than 1,000,000× lower');
    expect(describeGap('memoryPerGpuGB', 5e-324, 26)).toBe('more than 1,000,000× lower');
    expect(describeGap('totalParams', 1e16, 0)).toBe('more than 1,000,000× higher');
    expect(describeGap('totalParams', 999_999, 1)).toBe('1,000,000× higher');
  });

  it('never print Infinity or NaN in any claim, at the edges of every claim field', () => {
    const fields = [
      'latencyMs',
      'throughputTokensPerSec',
      'commOverheadPct',
      'loadBalancePct',
      'gpuUtilizationPct',
      'memoryPerGpuGB',
      'bubblePct',
      'totalParams',
    ];
    const maxOf: Record<string, number> = {
      latencyMs: 1e9,
      throughputTokensPerSec: 1e15,
      commOverheadPct: 100_000,
      memoryPerGpuGB: 100_000,
      totalParams: 1e16,
    };
    for (const stated of [0, 5e-324, 1e-320, 1e-9, 'max']) {
      const claims = Object.fromEntries(fields.map((f) => [f, stated === 'max' ? (maxOf[f] ?? 100) : stated]));
      for (const c of evaluate({ claims }).claimsAudit)
        expect(c.why, `${c.claim} = ${c.stated}`).not.toMatch(/Infinity|NaN/);
    }
  });
});

describe('the seed claims audit', () => {
  const e = evaluate({ claims: SEED_CLAIMS });
  const byClaim = Object.fromEntries(e.claimsAudit.map((c) => [c.claim, c]));

  it('says what each computed figure counts', () => {
    expect(byClaim.latencyMs.counts).toMatch(
      /prefill pass of the whole batch of 128 sequences through all 4 pipeline stages/,
    );
    expect(byClaim.throughputTokensPerSec.counts).toContain('262,144'); // 128 sequences × 2048 tokens
    expect(byClaim.memoryPerGpuGB.counts).toContain(`stage ${e.memory.peakStage}`);
    for (const c of e.claimsAudit) expect(c.why).toContain(c.counts!);
  });

  it('names the largest cost besides compute behind the latency and utilization gaps', () => {
    const top = overheads(e.time)[0];
    // The seed's 4 stages × 8 micro-batches: the bubble is the largest overhead.
    expect(top.name).toMatch(/bubble/);
    expect(top.seconds).toBe(e.time.bubbleSeconds);
    expect(byClaim.latencyMs.cause).toContain('bubble');
    expect(byClaim.gpuUtilizationPct.cause).toContain('bubble');
    expect(byClaim.commOverheadPct.cause).toMatch(/exposed (tensor|expert)-parallel/);
  });

  it('gives no cause for the consistent claim', () => {
    expect(byClaim.loadBalancePct.verdict).toBe('consistent');
    expect(byClaim.loadBalancePct.cause).toBeNull();
  });

  it('overheads are the non-compute parts of the step, largest first', () => {
    const o = overheads(e.time);
    for (let i = 1; i < o.length; i++) expect(o[i - 1].seconds).toBeGreaterThanOrEqual(o[i].seconds);
    const t = e.time;
    const sum =
      t.bubbleSeconds +
      t.exposedCommSeconds.tp +
      t.exposedCommSeconds.ep +
      t.exposedCommSeconds.pp +
      t.exposedCommSeconds.dp +
      t.optimizerSeconds;
    expect(o.reduce((a, p) => a + p.seconds, 0)).toBeCloseTo(sum, 12);
  });
});
