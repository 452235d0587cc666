/** `view.walk=<step>` (the guided walk's step, so a teacher can share step 3) and `view.vs=<metric>,<parameter>` (the metric-against-parameter chart). */
import { describe, expect, it } from 'vitest';
import { decodePermalink, encodePermalink } from '.';
import { DEFAULT_VIEW } from '../view';

describe('view.walk', () => {
  it('is written only when the walk is open, and read back', () => {
    expect(encodePermalink({}, DEFAULT_VIEW)).not.toContain('view.walk');
    expect(encodePermalink({}, { ...DEFAULT_VIEW, walk: null })).not.toContain('view.walk');
    const link = encodePermalink({}, { ...DEFAULT_VIEW, walk: 3 });
    expect(link).toContain('view.walk=3');
    expect(decodePermalink(link).view.walk).toBe(3);
  });

  it('an old link without it opens no walk; a bad step is repaired with a message', () => {
    expect(decodePermalink('?v=1&tp=2').view.walk ?? null).toBeNull();
    const bad = decodePermalink('?view.walk=2.6');
    expect(bad.view.walk).toBe(3);
    expect(bad.problems.map((p) => p.path)).toEqual(['view.walk']);
    const junk = decodePermalink('?view.walk=abc');
    expect(junk.view.walk ?? null).toBeNull();
    expect(junk.problems[0].message).toMatch(/not a step of the walk/);
    expect(decodePermalink('?view.walk=0').view.walk).toBe(1);
  });
});

describe('view.vs', () => {
  it('"mfu,tp": MFU against TP, written only when chosen, read back', () => {
    const link = encodePermalink({}, { ...DEFAULT_VIEW, vs: { metric: 'mfu', parameter: 'tp' } });
    expect(link).toContain('view.vs=mfu,tp');
    expect(decodePermalink(link).view.vs).toEqual({ metric: 'mfu', parameter: 'tp' });
    expect(encodePermalink({}, DEFAULT_VIEW)).not.toContain('view.vs');
  });

  it('an unknown metric or parameter is dropped with a message naming both lists', () => {
    for (const bad of ['mfu,dp', 'speed,tp', 'mfu', 'mfu,tp,pp']) {
      const r = decodePermalink(`?view.vs=${bad}`);
      expect(r.view.vs ?? null).toBeNull();
      expect(r.problems.map((p) => p.path)).toEqual(['view.vs']);
      expect(r.problems[0].message).toMatch(/microBatches/);
    }
  });
});
