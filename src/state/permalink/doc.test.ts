import { describe, expect, it } from 'vitest';
import { deleteAtPath, docFromEntries, flattenDoc, getAtPath, LINK_PATHS, setAtPath } from './doc';

describe('document paths', () => {
  it('getAtPath reads nested values and undefined for anything missing', () => {
    const doc = { parallel: { tp: 8, routing: { skew: 0.5 } }, model: { moe: null } };
    expect(getAtPath(doc, 'parallel.tp')).toBe(8);
    expect(getAtPath(doc, 'parallel.routing.skew')).toBe(0.5);
    expect(getAtPath(doc, 'model.moe')).toBeNull();
    expect(getAtPath(doc, 'model.moe.experts')).toBeUndefined();
    expect(getAtPath(doc, 'parallel.pp')).toBeUndefined();
    expect(getAtPath(doc, 'toString')).toBeUndefined();
    expect(getAtPath(doc, 'parallel.constructor')).toBeUndefined();
  });

  it('setAtPath is immutable and creates or replaces parents', () => {
    const doc = { parallel: { tp: 8 }, model: { moe: null } };
    const next = setAtPath(doc, 'parallel.pp', 2);
    expect(next).toEqual({ parallel: { tp: 8, pp: 2 }, model: { moe: null } });
    expect(doc).toEqual({ parallel: { tp: 8 }, model: { moe: null } });
    expect(next.model).toBe(doc.model); // untouched branches are shared
    expect(setAtPath(doc, 'model.moe.experts', 8)).toEqual({ parallel: { tp: 8 }, model: { moe: { experts: 8 } } });
    expect(setAtPath({}, 'workload.seqLenRange.min', 64)).toEqual({ workload: { seqLenRange: { min: 64 } } });
  });

  it('setAtPath keeps "__proto__" an ordinary key', () => {
    const next = setAtPath({}, '__proto__.polluted', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(next)).toEqual(['__proto__']);
  });

  it('deleteAtPath is immutable and removes parents it leaves empty', () => {
    const doc = { model: { moe: { topK: 2 } }, parallel: { tp: 8, pp: 2 } };
    expect(deleteAtPath(doc, 'model.moe.topK')).toEqual({ parallel: { tp: 8, pp: 2 } });
    expect(deleteAtPath(doc, 'parallel.tp')).toEqual({ model: { moe: { topK: 2 } }, parallel: { pp: 2 } });
    expect(doc).toEqual({ model: { moe: { topK: 2 } }, parallel: { tp: 8, pp: 2 } });
    expect(deleteAtPath(doc, 'parallel.dp')).toBe(doc);
    expect(deleteAtPath(doc, 'model.moe.topK.x')).toBe(doc);
  });

  it('flattenDoc lists leaves in FIELDS order, null objects as leaves, unknown paths last', () => {
    const doc = {
      zzz: { a: 1 },
      targets: { latencyMs: null },
      parallel: { pp: 2, tp: 8 },
      model: { moe: null, layers: 4, preset: 'mixtral-8x7b' },
      hardware: { gpu: 'h100-sxm' },
      claims: null,
    };
    expect(flattenDoc(doc)).toEqual([
      ['model.preset', 'mixtral-8x7b'],
      ['model.layers', 4],
      ['model.moe', null],
      ['hardware.gpu', 'h100-sxm'],
      ['parallel.tp', 8],
      ['parallel.pp', 2],
      ['claims', null],
      ['targets.latencyMs', null],
      ['zzz.a', 1],
    ]);
    expect(flattenDoc({ model: { moe: {} } })).toEqual([]);
  });

  it('LINK_PATHS puts each nullable object just before its first field', () => {
    const i = (p: string) => LINK_PATHS.indexOf(p);
    expect(i('model.moe')).toBe(i('model.moe.experts') - 1);
    expect(i('model.mla')).toBe(i('model.mla.qLoraRank') - 1);
    expect(i('workload.seqLenRange')).toBe(i('workload.seqLenRange.min') - 1);
    expect(i('claims')).toBe(i('claims.source') - 1);
  });

  it('docFromEntries builds a document, later entries winning', () => {
    expect(
      docFromEntries([
        ['parallel.tp', 2],
        ['model.moe.experts', 4],
        ['parallel.tp', 8],
        ['model.moe', null],
      ]),
    ).toEqual({ parallel: { tp: 8 }, model: { moe: null } });
  });
});
