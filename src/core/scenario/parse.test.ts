import { describe, expect, it } from 'vitest';
import { SEED_BEFORE } from '../../presets/seed';
import { DEFAULT_SCENARIO } from './defaults';
import { parseScenario, type ParseResult } from './parse';
import type { FieldError, Scenario } from './types';

function ok(r: ParseResult): { scenario: Scenario; assumptions: string[] } {
  if (!r.ok) throw new Error(`expected ok, got:\n${r.errors.map((e) => e.message).join('\n')}`);
  return r;
}
function errors(r: ParseResult): FieldError[] {
  if (r.ok) throw new Error('expected errors, got ok');
  return r.errors;
}

describe('parseScenario: the seed', () => {
  it('{} is the seed scenario', () => {
    expect(ok(parseScenario({})).scenario).toEqual(DEFAULT_SCENARIO);
  });

  it('{} lists what the seed document is silent about', () => {
    const { assumptions } = ok(parseScenario({}));
    expect(assumptions).toContain('vocab not given by the source: 32000 assumed');
    const text = assumptions.join('\n');
    expect(text).toMatch(/intra-node bandwidth not given by the source: 200 GB\/s/);
    expect(text).toMatch(/inter-node bandwidth not given by the source: 25 GB\/s/);
    expect(text).toMatch(/link latency not given by the source: 5 µs/);
    expect(text).toMatch(/sequence length not given by the source: 2048 tokens assumed/);
    expect(text).toMatch(/runtime reserve not given by the source: 2 GB/);
    expect(assumptions).toHaveLength(6);
  });

  it('version 1 is accepted, any other is an error', () => {
    expect(parseScenario({ version: 1 }).ok).toBe(true);
    const [e] = errors(parseScenario({ version: 2 }));
    expect(e.path).toBe('version');
    expect(e.message).toContain('version: 2');
  });

  it('a normalized scenario parses to itself', () => {
    expect(ok(parseScenario(DEFAULT_SCENARIO)).scenario).toEqual(DEFAULT_SCENARIO);
  });

  it('returns fresh objects, never the frozen defaults', () => {
    const s = ok(parseScenario({})).scenario;
    s.parallel.tp = 8;
    s.model.moe!.topK = 2;
    expect(DEFAULT_SCENARIO.parallel.tp).toBe(4);
    expect(DEFAULT_SCENARIO.model.moe!.topK).toBe(1);
  });
});

describe('parseScenario: errors', () => {
  it('out of range names the path, the value and the allowed range', () => {
    const [e] = errors(parseScenario({ parallel: { tp: 0 } }));
    expect(e).toMatchObject({ path: 'parallel.tp', value: 0, allowed: 'an integer from 1 to 65536' });
    expect(e.message).toBe('parallel.tp: 0 is out of range; allowed: an integer from 1 to 65536');
  });

  it('an unknown field is an error naming its path and the allowed fields', () => {
    const [e] = errors(parseScenario({ parallel: { tpp: 4 } }));
    expect(e.path).toBe('parallel.tpp');
    expect(e.message).toMatch(/^parallel\.tpp: unknown field; allowed fields of parallel: tp, pp, dp, ep/);
    expect(errors(parseScenario({ foo: 1 }))[0].path).toBe('foo');
  });

  it('a 1 MB unknown key is cut in its path and message, with its length (probe: it was echoed whole)', () => {
    const key = 'k'.repeat(1_000_000);
    const [e] = errors(parseScenario({ parallel: { [key]: 1 } }));
    expect(e.path).toBe(`parallel.${JSON.stringify('k'.repeat(80))}… (1000000 characters)`);
    expect(e.message.startsWith(e.path)).toBe(true);
    expect(e.message.length).toBeLessThan(400);
    // 80 characters are quoted whole
    expect(errors(parseScenario({ ['x'.repeat(80)]: 1 }))[0].path).toBe('x'.repeat(80));
  });

  it('a bad model.mla value is named once, not also as missing (probe)', () => {
    const r = errors(parseScenario({ model: { mla: { kvLoraRank: -1 } } }));
    expect(r.filter((x) => x.path === 'model.mla.kvLoraRank').map((x) => x.message)).toEqual([
      'model.mla.kvLoraRank: -1 is out of range; allowed: an integer from 1 to 1000000',
    ]);
    // the fields not given are still reported missing
    expect(r.some((x) => x.path === 'model.mla.vHeadDim' && x.message.includes('missing'))).toBe(true);
  });

  it('a wrong type is an error; numeric strings are not converted', () => {
    const [e] = errors(parseScenario({ parallel: { tp: '4' } }));
    expect(e.path).toBe('parallel.tp');
    expect(e.message).toBe('parallel.tp: "4" is a string, not a number; allowed: an integer from 1 to 65536');
    expect(errors(parseScenario({ workload: { flashAttention: 1 } }))[0].allowed).toBe('true or false');
    expect(errors(parseScenario({ model: { moe: 5 } }))[0]).toMatchObject({ path: 'model.moe' });
    expect(errors(parseScenario({ parallel: null }))[0]).toMatchObject({ path: 'parallel' });
  });

  it('a non-integer where an integer is needed is an error', () => {
    expect(errors(parseScenario({ parallel: { dp: 2.5 } }))[0].message).toBe(
      'parallel.dp: 2.5 is not an integer; allowed: an integer from 1 to 65536',
    );
  });

  it('a bad enum value lists the allowed values', () => {
    const [e] = errors(parseScenario({ workload: { precision: 'fp4' } }));
    expect(e.path).toBe('workload.precision');
    expect(e.message).toBe(
      'workload.precision: "fp4" is not one of the allowed values; allowed: one of fp16, bf16, fp8',
    );
  });

  it('an unknown GPU id lists the preset ids', () => {
    const [e] = errors(parseScenario({ hardware: { gpu: 'h100' } }));
    expect(e.path).toBe('hardware.gpu');
    expect(e.allowed).toBe('one of seed-gpu, a100-40gb, a100-80gb, h100-sxm, h200-sxm, h800-sxm, b200, mi300x');
  });

  it('exclusive bounds are worded as such', () => {
    expect(errors(parseScenario({ targets: { latencyMs: 0 } }))[0].allowed).toBe(
      'null or a number greater than 0 and at most 1000000000',
    );
    // Rates have a computable least value instead (issue 10: no denormals).
    expect(errors(parseScenario({ hardware: { computeEfficiency: 5e-324 } }))[0].allowed).toBe(
      'a number from 0.001 to 1',
    );
    expect(errors(parseScenario({ parallel: { capacityFactor: 65 } }))[0].allowed).toBe(
      'null or a number from 0.001 to 64',
    );
    expect(parseScenario({ parallel: { capacityFactor: null } }).ok).toBe(true);
  });

  it('collects every error instead of stopping at the first', () => {
    const errs = errors(
      parseScenario({
        parallel: { tp: 0, pp: 'x', bogus: true },
        workload: { precision: 'fp4', zeroStage: 4 },
        hardware: { gpu: 'nope' },
        extra: {},
      }),
    );
    expect(errs.map((e) => e.path).sort()).toEqual([
      'extra',
      'hardware.gpu',
      'parallel.bogus',
      'parallel.pp',
      'parallel.tp',
      'workload.precision',
      'workload.zeroStage',
    ]);
  });

  it('a document that is not an object is one error with a path', () => {
    for (const bad of [null, 5, 'x', [], true]) {
      const errs = errors(parseScenario(bad));
      expect(errs).toHaveLength(1);
      expect(errs[0].path.length).toBeGreaterThan(0);
    }
  });

  it('model consistency: kv heads, top-k, dense layers', () => {
    expect(errors(parseScenario({ model: { kvHeads: 5 } }))[0].path).toBe('model.kvHeads');
    expect(errors(parseScenario({ model: { moe: { experts: 4, topK: 8 } } }))[0].path).toBe('model.moe.topK');
    expect(errors(parseScenario({ model: { moe: { denseLayers: 16 } } }))[0].path).toBe('model.moe.denseLayers');
  });
});

describe('parseScenario: GPU presets', () => {
  it('h100-sxm with bf16 takes 989 TFLOP/s and the preset datasheet', () => {
    const h = ok(parseScenario({ hardware: { gpu: 'h100-sxm' }, workload: { precision: 'bf16' } })).scenario.hardware;
    expect(h).toMatchObject({
      gpu: 'h100-sxm',
      peakTflops: 989,
      memoryGB: 80,
      memoryBandwidthTBps: 3.35,
      intraNodeGBps: 450,
      interNodeGBps: 50,
    });
    expect(h.count).toBe(16);
  });

  it('h100-sxm with fp8 takes 1979 TFLOP/s', () => {
    expect(
      ok(parseScenario({ hardware: { gpu: 'h100-sxm' }, workload: { precision: 'fp8' } })).scenario.hardware.peakTflops,
    ).toBe(1979);
  });

  it('a100 with fp8 falls back to its fp16 peak and says so', () => {
    const r = ok(parseScenario({ hardware: { gpu: 'a100-80gb' }, workload: { precision: 'fp8' } }));
    expect(r.scenario.hardware.peakTflops).toBe(312);
    expect(r.assumptions.some((a) => /no fp8 tensor throughput.*312 TFLOP\/s/.test(a))).toBe(true);
  });

  it('fields given override the preset, and silence the assumption they replace', () => {
    const r = ok(
      parseScenario({ hardware: { gpu: 'a100-80gb', peakTflops: 500, memoryGB: 40 }, workload: { precision: 'fp8' } }),
    );
    expect(r.scenario.hardware).toMatchObject({ peakTflops: 500, memoryGB: 40, memoryBandwidthTBps: 2.039 });
    expect(r.assumptions.join('\n')).not.toMatch(/fp8/);
  });

  it('a null interconnect in the preset becomes a documented assumption (mi300x intra-node)', () => {
    const r = ok(parseScenario({ hardware: { gpu: 'mi300x' } }));
    expect(r.scenario.hardware.intraNodeGBps).toBe(448);
    expect(r.scenario.hardware.interNodeGBps).toBe(50);
    expect(r.assumptions.some((a) => a.startsWith('intra-node bandwidth not given by the source: 448 GB/s'))).toBe(
      true,
    );
    expect(r.assumptions.some((a) => a.startsWith('inter-node'))).toBe(false);
  });
});

describe('parseScenario: model presets', () => {
  it('a preset fills the model and fields given override it', () => {
    const m = ok(parseScenario({ model: { preset: 'mixtral-8x7b', layers: 8 } })).scenario.model;
    expect(m).toMatchObject({
      preset: 'mixtral-8x7b',
      name: 'Mixtral 8x7B',
      layers: 8,
      hidden: 4096,
      kvHeads: 8,
      vocab: 32000,
    });
    expect(m.moe).toMatchObject({ experts: 8, topK: 2, expertHidden: 14336 });
  });

  it('with a preset, the vocabulary is not an assumption', () => {
    const r = ok(parseScenario({ model: { preset: 'qwen3-30b-a3b' } }));
    expect(r.assumptions.join('\n')).not.toMatch(/vocab/);
  });

  it('a partial moe is completed from the preset', () => {
    const m = ok(parseScenario({ model: { preset: 'deepseek-v3', moe: { topK: 4 } } })).scenario.model;
    expect(m.moe).toEqual({
      experts: 256,
      topK: 4,
      expertHidden: 2048,
      sharedExperts: 1,
      sharedExpertHidden: 2048,
      denseLayers: 3,
      layerFrequency: 1,
      maxNodesPerToken: 4,
    });
    expect(m.mla).toMatchObject({ kvLoraRank: 512 });
  });

  it('a partial moe without a preset is completed from the seed, shared width following the expert width', () => {
    const m = ok(parseScenario({ model: { moe: { topK: 2, expertHidden: 1408, sharedExperts: 2 } } })).scenario.model;
    expect(m.moe).toEqual({
      experts: 64,
      topK: 2,
      expertHidden: 1408,
      sharedExperts: 2,
      sharedExpertHidden: 1408,
      denseLayers: 0,
      layerFrequency: 1,
    });
  });

  it('moe: null makes the model dense', () => {
    expect(ok(parseScenario({ model: { moe: null } })).scenario.model.moe).toBeNull();
  });

  it('moe on a dense preset is completed from the seed experts, with an assumption', () => {
    const r = ok(parseScenario({ model: { preset: 'gpt3-175b', moe: { experts: 8 } } }));
    expect(r.scenario.model.moe).toMatchObject({ experts: 8, topK: 1, expertHidden: 2048 });
    expect(r.assumptions.some((a) => a.includes('dense preset'))).toBe(true);
  });

  it('mla without a preset to complete from needs all five fields', () => {
    const errs = errors(parseScenario({ model: { mla: { kvLoraRank: 512 } } }));
    expect(errs.map((e) => e.path).sort()).toEqual([
      'model.mla.qLoraRank',
      'model.mla.qkNopeHeadDim',
      'model.mla.qkRopeHeadDim',
      'model.mla.vHeadDim',
    ]);
  });

  it('headDim follows hidden / heads when the preset follows that rule', () => {
    expect(ok(parseScenario({ model: { hidden: 2048 } })).scenario.model.headDim).toBe(128);
    expect(ok(parseScenario({ model: { heads: 8 } })).scenario.model.headDim).toBe(128);
    expect(ok(parseScenario({ model: { hidden: 2048, headDim: 64 } })).scenario.model.headDim).toBe(64);
  });

  it("headDim keeps the preset's own width when it does not follow hidden / heads", () => {
    const r = ok(parseScenario({ model: { preset: 'qwen3-30b-a3b', heads: 16, kvHeads: 4 } }));
    expect(r.scenario.model.headDim).toBe(128);
  });

  it('headDim that would not be whole is an error asking for it', () => {
    const [e] = errors(parseScenario({ model: { hidden: 1000 } }));
    expect(e.path).toBe('model.headDim');
  });
});

describe('parseScenario: other groups', () => {
  it('claims given partially keep only what is stated', () => {
    const c = ok(parseScenario({ claims: { source: 'doc', latencyMs: 27 } })).scenario.claims;
    expect(c).toEqual({ source: 'doc', latencyMs: 27 });
    expect(ok(parseScenario({})).scenario.claims).toBeNull();
  });

  it('targets can be switched off with null', () => {
    const t = ok(parseScenario({ targets: { latencyMs: null } })).scenario.targets;
    expect(t.latencyMs).toBeNull();
    expect(t.memoryPct).toBe(100);
  });

  it('seqLenRange: null switches it off; one end given keeps a consistent range; min > max is an error', () => {
    expect(ok(parseScenario({ workload: { seqLenRange: null } })).scenario.workload.seqLenRange).toBeNull();
    expect(ok(parseScenario({ workload: { seqLenRange: { max: 100 } } })).scenario.workload.seqLenRange).toEqual({
      min: 100,
      max: 100,
    });
    expect(errors(parseScenario({ workload: { seqLenRange: { min: 200, max: 100 } } }))[0].path).toBe(
      'workload.seqLenRange.min',
    );
  });

  it("the seed's before strategy parses", () => {
    const s = ok(parseScenario(SEED_BEFORE)).scenario;
    expect(s.parallel).toMatchObject({ tp: 8, ep: 8, pp: 2, dp: 1, capacityFactor: 1.2 });
    expect(s.workload.microBatches).toBe(32);
    expect(s.model.moe!.topK).toBe(2);
  });
});
