import { describe, expect, it } from 'vitest';
import { evaluate } from '..';
import { FIELDS } from '../scenario/schema';
import { IGNORED_FIELD_RULES, ignoredFieldAssumptions } from './ignoredFields';
import { DEFAULT_SCENARIO } from '../scenario/defaults';

const small = { workload: { seqLenRange: null }, parallel: { tp: 1, pp: 1, dp: 16, ep: 1 } };

describe('ignored fields in the assumptions', () => {
  it('names fp8Attention outside FP8 and the KV-cache format in training', () => {
    const bf16 = evaluate({ ...small, workload: { ...small.workload, precision: 'bf16', fp8Attention: true } });
    expect(bf16.assumptions).toContain('workload.fp8Attention is ignored: the run is bf16.');
    const training = evaluate({ ...small, workload: { ...small.workload, mode: 'training', kvCachePrecision: 'fp8' } });
    expect(training.assumptions).toContain(
      'workload.kvCachePrecision is ignored: training keeps 16-bit weights and no KV cache.',
    );
  });

  it('says nothing of a field left at its default, nor of one in use', () => {
    // The seed runs inference with the default ZeRO stage 1 and selective recompute: unused, but not chosen by the user.
    expect(ignoredFieldAssumptions(DEFAULT_SCENARIO)).toEqual([]);
    const fp8 = evaluate({
      ...small,
      hardware: { gpu: 'h100-sxm' },
      workload: { ...small.workload, precision: 'fp8', fp8Attention: true },
    });
    expect(fp8.assumptions.filter((a) => a.includes('is ignored'))).toEqual([]);
  });

  it('names a field once, with the first reason that applies', () => {
    const s = {
      ...DEFAULT_SCENARIO,
      workload: { ...DEFAULT_SCENARIO.workload, precision: 'bf16' as const, fp8ActivationCache: true },
    };
    expect(ignoredFieldAssumptions(s)).toEqual(['workload.fp8ActivationCache is ignored: the run is bf16.']);
  });

  it('has rules only for fields of the schema, each with a reason', () => {
    const paths = new Set(FIELDS.map((f) => f.path));
    for (const r of IGNORED_FIELD_RULES) {
      expect(paths.has(r.field), r.field).toBe(true);
      expect(r.whyIgnored(DEFAULT_SCENARIO).length, r.field).toBeGreaterThan(10);
    }
  });
});
