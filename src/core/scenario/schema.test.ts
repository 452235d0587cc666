import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './defaults';
import { checkValue, describeAllowed, formatValue } from './field-check';
import { parseScenario } from './parse';
import { FIELDS, FROM_PRESET, OBJECTS, RANK_ORDERS, fieldByPath, objectByPath, rowDefaults } from './schema';

/**
 * DEFAULT_SCENARIO as the hand-written defaults.ts gave it before the
 * scenario was derived from the schema rows (commit 890cff3), as JSON.
 */
const DEFAULT_SCENARIO_BEFORE_ROWS =
  '{"version":1,"model":{"preset":null,"name":"Seed MoE (stated 30B)","layers":16,"hidden":1024,"heads":16,"kvHeads":16,"headDim":64,"ffnHidden":4096,"gatedFfn":false,"vocab":32000,"tiedEmbeddings":false,"moe":{"experts":64,"topK":1,"expertHidden":2048,"sharedExperts":0,"sharedExpertHidden":2048,"denseLayers":0,"layerFrequency":1},"mla":null,"statedParams":30000000000},"hardware":{"gpu":"seed-gpu","count":16,"gpusPerNode":8,"peakTflops":400,"computeEfficiency":0.6,"memoryGB":64,"memoryBandwidthTBps":1.8,"memoryBandwidthEfficiency":0.8,"intraNodeGBps":200,"interNodeGBps":25,"linkLatencyUs":5,"runtimeReserveGB":2},"workload":{"mode":"inference","phase":"prefill","globalBatch":128,"seqLen":2048,"seqLenRange":{"min":128,"max":10240},"decodeTokens":128,"microBatches":8,"precision":"fp16","optimizer":"adam","zeroStage":1,"fp32MainGrads":true,"recompute":"selective","sequenceParallel":true,"flashAttention":true,"dropout":false,"fp8Attention":false,"fp8ActivationCache":false,"recomputeNormsAndUpProjections":false,"routingWeightInExpert":false,"bf16OptimizerMoments":false,"framework":"auto","cudaGraphs":null,"denseExperts":false,"weightPrecision":null,"expertWeightPrecision":null,"kvCachePrecision":null},"parallel":{"tp":4,"pp":4,"dp":2,"ep":16,"etp":1,"virtualStages":1,"schedule":"1f1b","capacityFactor":1.1,"routing":{"distribution":"zipf","skew":0,"seed":1},"overlap":{"dpGrad":true,"tpComm":null,"epComm":null},"rankOrder":"tp-ep-dp-pp","epFp8Dispatch":null,"epNodeDedup":null},"claims":null,"targets":{"latencyMs":50,"commOverheadPct":20,"loadBalancePct":90,"gpuUtilizationPct":90,"throughputTokensPerSec":20000,"memoryPct":100}}';

/** Leaf paths and object paths of a value, as the schema names them. */
function paths(value: unknown, prefix = '', leaves: string[] = [], objects: string[] = []) {
  for (const [k, v] of Object.entries(value as object)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null) {
      objects.push(p);
      paths(v, p, leaves, objects);
    } else leaves.push(p);
  }
  return { leaves, objects };
}

/** A scenario with every optional part present: MLA, claims with every claim. */
function fullScenario() {
  const r = parseScenario({
    model: { preset: 'deepseek-v3' },
    claims: {
      source: 'doc',
      latencyMs: 1,
      throughputTokensPerSec: 1,
      commOverheadPct: 1,
      loadBalancePct: 1,
      gpuUtilizationPct: 1,
      memoryPerGpuGB: 1,
      bubblePct: 1,
      totalParams: 1,
    },
  });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

describe('schema table', () => {
  it('names exactly the leaves and objects of a full scenario', () => {
    const { leaves, objects } = paths(fullScenario());
    expect(FIELDS.map((f) => f.path).sort()).toEqual(leaves.sort());
    expect(OBJECTS.map((o) => o.path).sort()).toEqual(objects.sort());
  });

  it('accepts every default value', () => {
    const { leaves } = paths(DEFAULT_SCENARIO);
    for (const path of leaves) {
      // A null object (model.mla, claims) shows up as a leaf here: it must be a nullable object.
      if (objectByPath(path)) {
        expect(objectByPath(path)!.nullable, path).toBe(true);
        continue;
      }
      const value = path.split('.').reduce<any>((o, k) => o[k], DEFAULT_SCENARIO);
      expect(checkValue(fieldByPath(path)!, value), path).toBeNull();
    }
  });

  it('derives the default scenario the hand-written defaults gave', () => {
    expect(DEFAULT_SCENARIO).toEqual(JSON.parse(DEFAULT_SCENARIO_BEFORE_ROWS));
    expect(parseScenario({})).toMatchObject({ ok: true, scenario: DEFAULT_SCENARIO });
  });

  it('gives every row a unit or an explicit unitless marker, never both', () => {
    for (const f of FIELDS)
      expect([f.unit !== undefined, f.unitless === true], f.path).toSatisfy(([u, n]: boolean[]) => u !== n);
    expect(fieldByPath('hardware.memoryGB')).toMatchObject({ unit: 'GB' });
    expect(fieldByPath('parallel.tp')).toMatchObject({ unitless: true });
  });

  it('gives every field a default, or says where it comes from', () => {
    for (const f of FIELDS) {
      const underNullDefault = OBJECTS.some((o) => f.path.startsWith(`${o.path}.`) && o.default !== 'fields');
      if (f.optional || (underNullDefault && f.default === undefined)) continue;
      expect(f.default, f.path).not.toBeUndefined();
      if (f.default !== FROM_PRESET) expect(checkValue(f, f.default), f.path).toBeNull();
    }
    // The GPU's own figures come from its preset; only the cluster's shape and the runtime's figures are the row's.
    expect(
      Object.entries(rowDefaults('hardware'))
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k),
    ).toEqual(['gpu', 'count', 'gpusPerNode', 'linkLatencyUs', 'runtimeReserveGB']);
  });

  it('has one entry per path, each with a label and a description', () => {
    expect(new Set(FIELDS.map((f) => f.path)).size).toBe(FIELDS.length);
    for (const f of FIELDS) {
      expect(f.label.length, f.path).toBeGreaterThan(0);
      expect(f.description.length, f.path).toBeGreaterThan(10);
      if (f.type === 'int' || f.type === 'number') expect(f.min! <= f.max!, f.path).toBe(true);
      if (f.type === 'enum') expect(f.values!.length, f.path).toBeGreaterThan(0);
    }
  });

  it('marks the nullable objects', () => {
    expect(
      OBJECTS.filter((o) => o.nullable)
        .map((o) => o.path)
        .sort(),
    ).toEqual(['claims', 'model.mla', 'model.moe', 'workload.seqLenRange']);
    expect(objectByPath('model.moe')?.nullable).toBe(true);
  });

  it('looks fields up by path', () => {
    expect(fieldByPath('parallel.tp')).toMatchObject({ type: 'int', min: 1, max: 65536 });
    expect(fieldByPath('hardware.count')).toMatchObject({ min: 1, max: 262_144 });
    expect(fieldByPath('parallel')).toBeUndefined();
    expect(fieldByPath('nope')).toBeUndefined();
  });

  it('offers every rank order of the four dimensions', () => {
    expect(RANK_ORDERS).toHaveLength(24);
    expect(RANK_ORDERS).toContain('tp-ep-dp-pp');
  });

  it('words the allowed values', () => {
    expect(describeAllowed(fieldByPath('parallel.tp')!)).toBe('an integer from 1 to 65536');
    expect(describeAllowed(fieldByPath('parallel.routing.skew')!)).toBe('a number from 0 to 4');
    expect(describeAllowed(fieldByPath('targets.latencyMs')!)).toBe(
      'null or a number greater than 0 and at most 1000000000',
    );
    expect(describeAllowed(fieldByPath('model.statedParams')!)).toBe(
      'null or a number greater than 0 and at most 1e16',
    );
    expect(describeAllowed(fieldByPath('workload.mode')!)).toBe('one of training, inference');
  });

  it('formats any value without throwing', () => {
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('[object Object]');
    expect(formatValue(10n)).toBe('10n');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue('x'.repeat(100)).length).toBe(60);
  });
});
