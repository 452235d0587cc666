/** Links and the engine switches: null (the framework's default) and an explicit false both survive a round trip. */
import { describe, expect, it } from 'vitest';
import { frameworkSwitches, parseScenario } from '../../core';
import { DEFAULT_VIEW } from '../view';
import { decodePermalink, encodePermalink } from './codec';
import { pruneDefaults } from './prune';

describe('permalinks of the framework switches', () => {
  it('a null switch and an explicit false come back as they were', () => {
    const doc = {
      workload: { mode: 'inference', phase: 'decode', framework: 'sglang', cudaGraphs: null },
      parallel: { epNodeDedup: false, overlap: { epComm: null } },
    };
    const link = encodePermalink(doc, DEFAULT_VIEW);
    expect(link).toContain('workload.cudaGraphs=null');
    expect(link).toContain('parallel.epNodeDedup=false');
    const back = decodePermalink(link);
    expect(back.problems).toEqual([]);
    expect(back.doc).toEqual(doc);
    const parsed = parseScenario(back.doc);
    if (!parsed.ok) throw new Error('does not parse');
    expect(parsed.scenario.workload.cudaGraphs).toBeNull();
    expect(parsed.scenario.parallel.epNodeDedup).toBe(false);
    expect(frameworkSwitches(parsed.scenario).values.cudaGraphs).toBe(true);
  });

  it('the shortest link leaves a default null out, and keeps an explicit false', () => {
    const link = encodePermalink(pruneDefaults({ workload: { cudaGraphs: null }, parallel: { epFp8Dispatch: false } }));
    expect(link).not.toContain('cudaGraphs');
    expect(link).toContain('parallel.epFp8Dispatch=false');
  });

  it('an old link with cudaGraphs=false still means off', () => {
    const r = decodePermalink('?v=1&workload.phase=decode&workload.cudaGraphs=false');
    expect(r.doc).toEqual({ workload: { phase: 'decode', cudaGraphs: false } });
    const parsed = parseScenario(r.doc);
    if (!parsed.ok) throw new Error('does not parse');
    expect(frameworkSwitches(parsed.scenario).values.cudaGraphs).toBe(false);
  });
});
