import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core';
import { deepEqual, pruneDefaults } from './prune';

describe('pruneDefaults', () => {
  it('drops leaves that repeat a default', () => {
    expect(
      pruneDefaults({
        parallel: { tp: 4, pp: 2 },
        workload: { mode: 'inference' },
        claims: null,
        model: { mla: null },
      }),
    ).toEqual({ parallel: { pp: 2 } });
  });

  it("drops leaves that repeat the preset's value, keeps the ones that differ", () => {
    const doc = { model: { preset: 'mixtral-8x7b', layers: 32, heads: 32, kvHeads: 4, moe: { experts: 8, topK: 1 } } };
    expect(pruneDefaults(doc)).toEqual({ model: { preset: 'mixtral-8x7b', kvHeads: 4, moe: { topK: 1 } } });
  });

  it('keeps model.preset and hardware.gpu unless they name the default', () => {
    expect(pruneDefaults({ model: { preset: 'dbrx' }, hardware: { gpu: 'h100-sxm' } })).toEqual({
      model: { preset: 'dbrx' },
      hardware: { gpu: 'h100-sxm' },
    });
    expect(pruneDefaults({ model: { preset: null }, hardware: { gpu: 'seed-gpu' } })).toEqual({});
  });

  it("keeps a value equal to a GPU preset's default only when another GPU is chosen", () => {
    // 64 GB is the seed GPU's memory, not the H100's 80 GB.
    expect(pruneDefaults({ hardware: { memoryGB: 64 } })).toEqual({});
    expect(pruneDefaults({ hardware: { gpu: 'h100-sxm', memoryGB: 64 } })).toEqual({
      hardware: { gpu: 'h100-sxm', memoryGB: 64 },
    });
  });

  it('never changes the normalized scenario', () => {
    const doc = {
      model: { preset: 'gpt3-175b', moe: null, layers: 96, hidden: 12288 },
      workload: { seqLenRange: null },
      parallel: { capacityFactor: 1.1 },
    };
    const before = parseScenario(doc);
    const after = parseScenario(pruneDefaults(doc));
    expect(before.ok && after.ok && deepEqual(before.scenario, after.scenario)).toBe(true);
    expect(pruneDefaults(doc)).toEqual({ model: { preset: 'gpt3-175b' }, workload: { seqLenRange: null } });
  });

  it('returns a document the parser refuses unchanged', () => {
    const bad = { parallel: { tp: 0 } };
    expect(pruneDefaults(bad)).toBe(bad);
  });
});

describe('deepEqual', () => {
  it('compares JSON-like values structurally', () => {
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual(0, -0)).toBe(true);
  });
});
