/**
 * Node-limited routing (DeepSeek-V3 report §2.1.2: "each token will be sent to
 * at most M = 4 nodes"): the model field, its preset value, its check, and
 * where it changes the all-to-all and the assumptions.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { evaluatorAssumptions } from '../evaluate/assumptions';
import { evaluateScenario } from '../evaluate/evaluate';

const parse = (input: unknown) => parseScenario(input);
const scenario = (input: unknown): Scenario => {
  const r = parse(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

/** DeepSeek-V3 prefill on 64 H800 in 8 nodes, EP64 (the experts spread over all 8 nodes). */
const dsv3 = (moe: object | undefined, dedup: boolean, ep = 64) => ({
  model: { preset: 'deepseek-v3', ...(moe ? { moe } : {}) },
  hardware: { gpu: 'h800-sxm', count: 64, gpusPerNode: 8 },
  workload: { mode: 'inference', phase: 'prefill', globalBatch: 64, seqLen: 4096, precision: 'fp8', microBatches: 1 },
  parallel: { tp: 1, pp: 1, dp: 64, ep, etp: 1, epNodeDedup: dedup, epFp8Dispatch: true },
});

describe('model.moe.maxNodesPerToken', () => {
  it('DeepSeek-V3 limits each token to 4 nodes; a model without the limit leaves the field out', () => {
    expect(scenario({ model: { preset: 'deepseek-v3' } }).model.moe?.maxNodesPerToken).toBe(4);
    expect(scenario({}).model.moe).not.toHaveProperty('maxNodesPerToken');
  });

  it('a partial moe block keeps the preset limit; null given lifts it', () => {
    expect(scenario({ model: { preset: 'deepseek-v3', moe: { topK: 6 } } }).model.moe?.maxNodesPerToken).toBe(4);
    expect(
      scenario({ model: { preset: 'deepseek-v3', moe: { maxNodesPerToken: null } } }).model.moe?.maxNodesPerToken,
    ).toBeNull();
    expect(scenario({ model: { moe: { maxNodesPerToken: 2 } } }).model.moe?.maxNodesPerToken).toBe(2);
  });

  it('below 1 or fractional is an error naming the field and what is allowed', () => {
    for (const bad of [0, -1, 1.5]) {
      const r = parse({ model: { moe: { maxNodesPerToken: bad } } });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const e = r.errors.find((x) => x.path === 'model.moe.maxNodesPerToken');
      expect(e?.allowed).toMatch(/1/);
    }
  });

  it('is named in the assumptions only where it binds (the EP group spans more nodes than the limit)', () => {
    const binding = evaluatorAssumptions(scenario(dsv3(undefined, true))).find((a) => a.startsWith('Node-limited'));
    expect(binding).toMatch(/at most 4 of the expert-parallel group's 8 nodes/);
    expect(binding).toMatch(/about 3\.6 distinct nodes per token against 5\.3 unlimited/);
    // EP8 sits in one node: the limit of 4 nodes cannot bind.
    const inNode = evaluatorAssumptions(scenario(dsv3(undefined, true, 8)));
    expect(inNode.some((a) => a.startsWith('Node-limited'))).toBe(false);
  });

  it('with node deduplication it shortens the step; without it every copy is sent anyway and nothing changes', () => {
    const time = (moe: object | undefined, dedup: boolean) =>
      evaluateScenario(scenario(dsv3(moe, dedup))).latencySeconds;
    const limited = time(undefined, true);
    const free = time({ maxNodesPerToken: null }, true);
    expect(limited).toBeLessThan(free);
    expect(time(undefined, false)).toBe(time({ maxNodesPerToken: null }, false));
    // A limit as large as the group's node count is the unlimited case exactly.
    expect(time({ maxNodesPerToken: 8 }, true)).toBe(free);
  });
});
