import { formatSeconds } from '../format';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { uiFixture } from '../../../test/evaluations';
import { testIds } from '../../../test/markup';
import { ClaimsAudit } from './ClaimsAudit';
import { compareVerdicts } from './verdict';

describe('ClaimsAudit', () => {
  it('has one row per audited claim, in document order, with its verdict', () => {
    const e = uiFixture('seedClaims');
    expect(e.claimsAudit).toHaveLength(7);
    const html = renderToStaticMarkup(<ClaimsAudit evaluation={e} />);
    expect(html).toContain('data-testid="claims-audit"');
    const rows = testIds(html, 'claim-');
    expect(rows.map((r) => r.id)).toEqual(e.claimsAudit.map((c) => `claim-${c.claim}`));
    expect(rows.map((r) => r.attrs['data-verdict'])).toEqual(e.claimsAudit.map((c) => c.verdict));
    expect(html.match(/<tr data-testid="claim-/g)).toHaveLength(e.claimsAudit.length);
  });

  it('shows stated and computed values in their units, the why, and the source as caption', () => {
    const e = uiFixture('seedClaims');
    const html = renderToStaticMarkup(<ClaimsAudit evaluation={e} />);
    expect(html).toMatch(/<caption[^>]*>Claims from <cite>seed doc<\/cite><\/caption>/);
    expect(html).toContain('27.0 ms'); // stated latency
    expect(html).toContain(formatSeconds(e.latencySeconds)); // computed latency
    expect(html).toContain('38,000 tokens/s');
    expect(html).toContain('Memory per GPU');
    expect(html).toContain(e.claimsAudit[0].why.replace(/'/g, '&#x27;'));
    // Load balance is the one consistent claim of the seed document.
    expect(e.claimsAudit.filter((c) => c.verdict === 'consistent').map((c) => c.claim)).toEqual(['loadBalancePct']);
    expect(html).toContain('✓</span> consistent');
    expect(html).toContain('✗</span> contradicted');
  });

  it('sorts by verdict: contradicted first ascending, consistent first descending', () => {
    const e = uiFixture('seedClaims');
    const asc = testIds(renderToStaticMarkup(<ClaimsAudit evaluation={e} initialVerdictSort="asc" />), 'claim-');
    expect(asc.at(-1)!.attrs['data-verdict']).toBe('consistent');
    expect(asc[0].attrs['data-verdict']).toBe('contradicted');
    const desc = testIds(renderToStaticMarkup(<ClaimsAudit evaluation={e} initialVerdictSort="desc" />), 'claim-');
    expect(desc[0].attrs['data-verdict']).toBe('consistent');
    const html = renderToStaticMarkup(<ClaimsAudit evaluation={e} initialVerdictSort="asc" />);
    expect(html).toContain('aria-sort="ascending"');
    expect(compareVerdicts('contradicted', 'not computable')).toBeLessThan(0);
    expect(compareVerdicts('consistent', 'not computable')).toBeGreaterThan(0);
  });

  it('renders nothing without claims', () => {
    expect(uiFixture('seed').claimsAudit).toHaveLength(0);
    expect(renderToStaticMarkup(<ClaimsAudit evaluation={uiFixture('seed')} />)).toBe('');
  });
});
