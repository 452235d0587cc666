import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core';
import { DEFAULT_VIEW } from '../view';
import type { Migration } from '../../core';
import { decodePermalink, encodePermalink, type LinkProblem } from './codec';

/** Decode, and check the promise every link keeps: the document parses. */
function decode(search: string) {
  const r = decodePermalink(search);
  const parsed = parseScenario(r.doc);
  if (!parsed.ok) throw new Error(`decoded document does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return { ...r, scenario: parsed.scenario };
}

function only(problems: LinkProblem[]): LinkProblem {
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('encodePermalink', () => {
  it('writes v=1, then fields in schema order, then view fields that differ from the default', () => {
    const doc = { parallel: { pp: 2, tp: 8 }, hardware: { count: 64, gpu: 'h100-sxm' } };
    expect(encodePermalink(doc, DEFAULT_VIEW)).toBe(
      '?v=1&hardware.gpu=h100-sxm&hardware.count=64&parallel.tp=8&parallel.pp=2',
    );
    expect(encodePermalink({}, { metric: 'busy', gpu: 5, zoom: [0.0123, 0.0456] })).toBe(
      '?v=1&view.metric=busy&view.gpu=5&view.zoom=0.0123,0.0456',
    );
  });

  it('writes null objects, null fields, booleans and plain numbers', () => {
    const doc = {
      model: { preset: 'deepseek-v3', moe: null, mla: null, statedParams: 1.5e21 },
      workload: { seqLenRange: null, flashAttention: false },
      parallel: { capacityFactor: null, routing: { skew: 0.25 } },
      claims: null,
    };
    expect(encodePermalink(doc, DEFAULT_VIEW)).toBe(
      '?v=1&model.preset=deepseek-v3&model.moe=null&model.mla=null&model.statedParams=1.5e21' +
        '&workload.seqLenRange=null&workload.flashAttention=false&parallel.capacityFactor=null&parallel.routing.skew=0.25&claims=null',
    );
  });

  it('URL-encodes text, and the text reads back', () => {
    const doc = { model: { name: 'Mixtral 8x7B & co = 50%?' }, claims: { source: 'Paper #3, §2' } };
    const link = encodePermalink(doc, DEFAULT_VIEW);
    expect(link).toBe('?v=1&model.name=Mixtral+8x7B+%26+co+%3D+50%25%3F&claims.source=Paper+%233%2C+%C2%A72');
    expect(decode(link).doc).toEqual(doc);
  });

  it('leaves out what a link cannot carry', () => {
    expect(encodePermalink({ nope: 1, parallel: { tp: { x: 1 } } } as Record<string, unknown>, DEFAULT_VIEW)).toBe(
      '?v=1',
    );
  });
});

describe('decodePermalink: the spec examples', () => {
  it('reads the field-path form', () => {
    const r = decode('?v=1&parallel.tp=8&parallel.pp=2&hardware.gpu=h100-sxm&hardware.count=64');
    expect(r.problems).toEqual([]);
    expect(r.doc).toEqual({ parallel: { tp: 8, pp: 2 }, hardware: { gpu: 'h100-sxm', count: 64 } });
    expect(r.view).toEqual(DEFAULT_VIEW);
    expect(r.scenario.hardware.memoryGB).toBe(80);
  });

  it('reads the short names, and model= selects a preset', () => {
    const r = decode('?tp=8&gpus=64&gpu=h100-sxm&model=mixtral-8x7b');
    expect(r.problems).toEqual([]);
    expect(r.doc).toEqual({
      parallel: { tp: 8 },
      hardware: { count: 64, gpu: 'h100-sxm' },
      model: { preset: 'mixtral-8x7b' },
    });
    expect(r.scenario.model.name).toBe('Mixtral 8x7B');
    expect(decode('?ep=4&pp=2&dp=8&mb=16').doc).toEqual({
      parallel: { ep: 4, pp: 2, dp: 8 },
      workload: { microBatches: 16 },
    });
  });

  it('reads view parameters', () => {
    expect(decode('?view.metric=busy&view.gpu=5&view.zoom=0.0123,0.0456').view).toEqual({
      metric: 'busy',
      gpu: 5,
      zoom: [0.0123, 0.0456],
    });
    expect(decode('view.gpu=null&view.zoom=null').view).toEqual(DEFAULT_VIEW);
  });

  it('takes an empty link, or one without its "?", as is', () => {
    expect(decode('')).toMatchObject({ doc: {}, view: DEFAULT_VIEW, problems: [] });
    expect(decode('?')).toMatchObject({ doc: {}, problems: [] });
    expect(decode('tp=2').doc).toEqual({ parallel: { tp: 2 } });
  });
});

describe('decodePermalink: malformed links fall back to the nearest valid scenario', () => {
  it('a non-number is dropped, naming field, value and what is allowed', () => {
    const r = decode('?parallel.tp=abc');
    expect(r.doc).toEqual({});
    const p = only(r.problems);
    expect(p).toMatchObject({ param: 'parallel.tp', path: 'parallel.tp', value: 'abc' });
    expect(p.message).toBe(
      'parallel.tp: "abc" is not a number (allowed: an integer from 1 to 65536); ignored, so the default applies',
    );
  });

  it('an out-of-range number is clamped', () => {
    const r = decode('?parallel.tp=0');
    expect(r.doc).toEqual({ parallel: { tp: 1 } });
    expect(only(r.problems).message).toBe(
      'parallel.tp: 0 is out of range (allowed: an integer from 1 to 65536); using 1',
    );
    expect(decode('?hardware.gpusPerNode=99999999').doc).toEqual({ hardware: { gpusPerNode: 4096 } });
    expect(decode('?hardware.gpusPerNode=1e400').doc).toEqual({ hardware: { gpusPerNode: 4096 } });
    // TP 65,536 × PP 4 × DP 2 is over the core's 262,144 GPUs: clamped, then left out, and both said.
    const big = decode('?tp=1e400');
    expect(big.doc).toEqual({});
    expect(big.problems.map((p) => p.path)).toEqual(['parallel.tp', 'parallel.tp']);
    expect(big.problems[1].message).toMatch(/more than the 262,144 the explorer evaluates/);
  });

  it('an integer field rounds a fraction', () => {
    const r = decode('?mb=2.6');
    expect(r.doc).toEqual({ workload: { microBatches: 3 } });
    expect(only(r.problems)).toMatchObject({ param: 'mb', path: 'workload.microBatches', value: '2.6' });
    expect(r.problems[0].message).toContain('2.6 is not an integer');
  });

  it('a value below the least one is clamped to it (issue 10: no denormal rates)', () => {
    const r = decode('?hardware.computeEfficiency=0&parallel.capacityFactor=-2');
    const eff = r.doc.hardware as Record<string, number>;
    expect(eff.computeEfficiency).toBe(0.001);
    expect(r.problems.map((p) => p.path)).toEqual(['hardware.computeEfficiency', 'parallel.capacityFactor']);
  });

  it('an unknown parameter is ignored, named in the problem', () => {
    const r = decode('?foo=1');
    expect(r.doc).toEqual({});
    const p = only(r.problems);
    expect(p).toMatchObject({ param: 'foo', path: '', value: '1' });
    expect(p.message).toMatch(/^foo: unknown parameter, ignored/);
    expect(only(decode('?microbatches=4').problems).message).toContain('did you mean workload.microBatches?');
    expect(only(decode('?parallel=4').problems).message).toContain('group of fields');
    expect(only(decode('?view.nope=4').problems).message).toMatch(/^view\.nope: unknown parameter/);
  });

  it('an unknown preset id is dropped', () => {
    const r = decode('?model=nope');
    expect(r.doc).toEqual({});
    const p = only(r.problems);
    expect(p).toMatchObject({ param: 'model', path: 'model.preset', value: 'nope' });
    expect(p.message).toMatch(
      /^model\.preset: "nope" is not one of the allowed values \(allowed: null or one of seed-moe, mixtral-8x7b, .*\); ignored/,
    );
    expect(decode('?gpu=H100-SXM').doc).toEqual({ hardware: { gpu: 'h100-sxm' } }); // unambiguous case slip
  });

  it('another link version is read as version 1, with a problem', () => {
    const r = decode('?v=7&tp=2');
    expect(r.doc).toEqual({ parallel: { tp: 2 } });
    expect(only(r.problems)).toMatchObject({
      param: 'v',
      value: '7',
      message: 'v: unsupported link version "7", read as version 1',
    });
    expect(decode('?v=1').problems).toEqual([]);
  });

  it('a broken escape is an unknown parameter, not a crash', () => {
    const r = decode('?%zz');
    expect(r.doc).toEqual({});
    expect(only(r.problems)).toMatchObject({ param: '%zz', path: '' });
    expect(decode('?tp=%zz').problems[0].message).toContain('"%zz" is not a number');
  });

  it('bad booleans, enums, null where not allowed', () => {
    const r = decode('?workload.flashAttention=maybe&workload.mode=sleep&parallel.tp=null');
    expect(r.doc).toEqual({});
    expect(r.problems.map((p) => p.path)).toEqual(['workload.flashAttention', 'workload.mode', 'parallel.tp']);
    expect(r.problems[2].message).toContain('null is not allowed');
    expect(decode('?workload.flashAttention=FALSE&workload.dropout=1').doc).toEqual({
      workload: { flashAttention: false, dropout: true },
    });
    expect(only(decode('?model.moe=yes').problems).message).toContain('allowed: null');
  });

  it('a repeated field: the last one counts', () => {
    const r = decode('?tp=2&parallel.tp=4');
    expect(r.doc).toEqual({ parallel: { tp: 4 } });
    expect(only(r.problems).message).toBe('parallel.tp: given more than once (tp=2 before); the last one counts');
    expect(decode('?tp=2&tp=abc').doc).toEqual({});
  });

  it('a field set after its object was nulled brings the object back, and says so', () => {
    const r = decode('?model.moe=null&model.moe.topK=2');
    expect(r.doc).toEqual({ model: { moe: { topK: 2 } } });
    expect(only(r.problems).message).toContain('replaces model.moe=null');
    const back = decode('?model.moe.topK=2&model.moe=null');
    expect(back.doc).toEqual({ model: { moe: null } });
    expect(only(back.problems).message).toContain('null replaces the model.moe fields');
  });

  it('bad view values fall back', () => {
    const r = decode('?view.metric=heat&view.gpu=-3&view.zoom=2,1');
    expect(r.view).toEqual({ metric: 'memory', gpu: 0, zoom: null });
    expect(r.problems.map((p) => p.path)).toEqual(['view.metric', 'view.gpu', 'view.zoom']);
  });
});

describe('decodePermalink: rules between fields', () => {
  it('top-k above the expert count: the offending field goes', () => {
    const r = decode('?model.moe.experts=4&model.moe.topK=8');
    expect(r.doc).toEqual({ model: { moe: { experts: 4 } } });
    const p = only(r.problems);
    expect(p).toMatchObject({ param: 'model.moe.topK', path: 'model.moe.topK', value: '8' });
    expect(p.message).toBe(
      'model.moe.topK: 8 left out to keep the scenario valid, because top-8 routing needs at least 8 experts, but the model has 4',
    );
  });

  it("a field the link did not give (the preset's dense layers) makes the given one go", () => {
    const r = decode('?model=deepseek-v3&model.layers=2');
    expect(r.doc).toEqual({ model: { preset: 'deepseek-v3' } });
    expect(only(r.problems)).toMatchObject({ path: 'model.layers', value: '2' });
  });

  it('fields that only fail together go one by one until the rest parses', () => {
    const r = decode('?model.hidden=1000&model.heads=3&tp=2');
    expect(r.doc).toEqual({ parallel: { tp: 2 } });
    expect(r.problems.map((p) => p.path).sort()).toEqual(['model.heads', 'model.hidden']);
    const mla = decode('?model.mla.kvLoraRank=5');
    expect(mla.doc).toEqual({});
    expect(only(mla.problems).message).toContain('give all five MLA fields');
  });

  it('a backwards range', () => {
    const r = decode('?workload.seqLenRange.min=5000&workload.seqLenRange.max=100');
    expect(r.doc).toEqual({ workload: { seqLenRange: { max: 100 } } });
    expect(only(r.problems).path).toBe('workload.seqLenRange.min');
  });
});

describe('view.search (the strategy search in a link)', () => {
  it('writes the objective and narrowing readably, and reads them back', () => {
    const view = {
      ...DEFAULT_VIEW,
      search: { objective: 'latency' as const, tpMax: 8, schedule: '1f1b', microBatchesMax: null },
    };
    const link = encodePermalink({}, view);
    expect(link).toBe('?v=1&view.search=latency,tp:8,schedule:1f1b');
    expect(decodePermalink(link)).toEqual({ doc: {}, view, problems: [] });
  });
  it('a link without it (every older link) opens no search', () => {
    expect(decodePermalink('?v=1&tp=2').view.search).toBeUndefined();
  });
  it('a bad value is a problem, and no search opens', () => {
    const r = decodePermalink('?v=1&view.search=fastest,tp:8');
    expect(r.view.search).toBeUndefined();
    expect(r.problems[0].message).toMatch(/view\.search.*objective/);
  });
});

describe('view.search training narrowing', () => {
  it('round-trips recompute, ZeRO stage and sequence parallelism', () => {
    const view = {
      ...DEFAULT_VIEW,
      search: {
        objective: 'cost' as const,
        tpMax: null,
        schedule: null,
        microBatchesMax: 64,
        recompute: 'full' as const,
        zeroStage: 1 as const,
        sequenceParallel: true,
      },
    };
    const link = encodePermalink({}, view);
    expect(link).toBe('?v=1&view.search=cost,mb:64,rc:full,zero:1,sp:1');
    expect(decodePermalink(link).view).toEqual(view);
  });
});

describe('link versions and migrations', () => {
  /** A test-only history: version 0 called tensor parallelism `parallel.tensorParallel`. */
  const RENAME_TP: Migration = {
    from: 0,
    to: 1,
    describe: 'parallel.tensorParallel is now parallel.tp',
    up(doc) {
      const { tensorParallel, ...parallel } = (doc.parallel ?? {}) as Record<string, unknown>;
      return { ...doc, parallel: tensorParallel === undefined ? parallel : { ...parallel, tp: tensorParallel } };
    },
  };

  it("migrates an older link, its comparison too, and reads the values as today's fields", () => {
    const r = decodePermalink('?v=0&parallel.tensorParallel=8&dp=1&view.gpu=5&compare=parallel.tensorParallel%3D2', [
      RENAME_TP,
    ]);
    expect(r.problems).toEqual([]);
    expect(r.doc).toEqual({ parallel: { tp: 8, dp: 1 } });
    expect(r.compare).toEqual({ parallel: { tp: 2 } });
    expect(r.view.gpu).toBe(5);
  });

  it("a link of today's version is not migrated, and one without v is today's", () => {
    expect(decodePermalink('?v=1&parallel.tensorParallel=8', [RENAME_TP]).problems[0]).toMatchObject({
      param: 'parallel.tensorParallel',
    });
    expect(decodePermalink('?tp=8', [RENAME_TP])).toEqual(decodePermalink('?v=1&tp=8', [RENAME_TP]));
  });

  it("a version no migration reaches is named, and the link is read as today's", () => {
    const r = decode('?v=0&tp=8');
    expect(r.doc).toEqual({ parallel: { tp: 8 } });
    expect(only(r.problems)).toMatchObject({
      param: 'v',
      value: '0',
      message: 'v: 0 is older than any migration reaches (no migration from version 0); allowed: 1; read as version 1',
    });
  });
});
