/**
 * Collective bus-bandwidth efficiency per collective and link tier (nccl-tests
 * figures, catalog/efficiency.ts), and the sequence-parallel re-gather of the
 * backward (Korthikanti et al. 2022 §4.2.2), on the paper's 22B model.
 */
import { describe, expect, it } from 'vitest';
import { GENERATION_EFFICIENCY, type CollectiveKind } from '../catalog/efficiency';
import { allGatherSeconds, allReduceSeconds, reduceScatterSeconds } from './collectives';
import { collectiveLink, gradientSync, linksOf, spRegatherSecondsPerLayer, type LayerCommInput } from './costs';
import { parseScenario } from '../scenario';
import { evaluateScenario } from '../evaluate/evaluate';
import { evaluatorAssumptions } from '../evaluate/assumptions';
import type { HardwareSpec, Scenario } from '../scenario/types';

const KINDS: CollectiveKind[] = ['allReduce', 'allGather', 'reduceScatter'];
const inNode = { size: 8, maxPerNode: 8, nodes: 1 };
const acrossNodes = { size: 16, maxPerNode: 8, nodes: 2 };

const scenario = (input: unknown): Scenario => {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};
const hardware = (gpu: string): HardwareSpec => scenario({ hardware: { gpu } }).hardware;

describe('collective efficiency per collective and link tier', () => {
  it('every share is a fraction of the nominal bandwidth: above 0, at most 1, with its source named', () => {
    for (const g of Object.values(GENERATION_EFFICIENCY)) {
      for (const k of KINDS)
        for (const tier of ['intra', 'inter'] as const) {
          expect(g.collectiveEfficiency[k][tier]).toBeGreaterThan(0);
          expect(g.collectiveEfficiency[k][tier]).toBeLessThanOrEqual(1);
        }
      for (const x of [g.a2aIntraEfficiency, g.a2aInterEfficiency]) expect(x).toBeLessThanOrEqual(1);
      expect(g.collectiveSource).toMatch(/nccl-tests|assumed/);
    }
  });

  it('a ring inside a node runs at the NVLink share, across nodes at the NIC share of that collective', () => {
    const links = linksOf(hardware('a100-80gb'));
    const e = GENERATION_EFFICIENCY.ampere.collectiveEfficiency;
    expect(collectiveLink(inNode, links, 'allGather').bandwidth).toBeCloseTo(
      links.intra.bandwidth * e.allGather.intra,
      3,
    );
    expect(collectiveLink(acrossNodes, links, 'reduceScatter').bandwidth).toBeCloseTo(
      links.inter.bandwidth * e.reduceScatter.inter,
      3,
    );
    expect(collectiveLink(inNode, links, 'allReduce').alpha).toBe(links.intra.alpha);
    // Links built without shares (older callers) run at the nominal bandwidth.
    expect(collectiveLink(inNode, { intra: links.intra, inter: links.inter }, 'allGather')).toEqual(links.intra);
  });

  it('nccl-tests on 8 × A100: an all-reduce of 1 GiB over NVLink takes 2·(7/8)·S / (80% of 300 GB/s) + 14 α', () => {
    const hw = hardware('a100-80gb');
    expect(hw.intraNodeGBps).toBe(300);
    const S = 2 ** 30;
    const t = allReduceSeconds(S, 8, collectiveLink(inNode, linksOf(hw), 'allReduce'));
    expect(t).toBeCloseTo((2 * (7 / 8) * S) / 240e9 + 14 * hw.linkLatencyUs * 1e-6, 12);
  });

  it('ZeRO-1 gradient sync: a reduce-scatter and an all-gather, each at its own share', () => {
    const hw = hardware('h100-sxm');
    const links = linksOf(hw);
    const e = GENERATION_EFFICIENCY.hopper.collectiveEfficiency;
    const sync = gradientSync({
      params: { dense: 1e9, expert: 0 },
      bytes: { gradients: 4, weights: 2 },
      zeroStage: 1,
      microBatches: 4,
      dpSpan: inNode,
      edpSpan: { size: 1, maxPerNode: 1, nodes: 1 },
      links,
    });
    const bw = (k: CollectiveKind) => ({ bandwidth: 450e9 * e[k].intra, alpha: links.intra.alpha });
    expect(sync.reduceSeconds).toBeCloseTo(reduceScatterSeconds(4e9, 8, bw('reduceScatter')), 12);
    expect(sync.gatherSeconds).toBeCloseTo(allGatherSeconds(2e9, 8, bw('allGather')), 12);
    // Hopper's rings run below the nominal NVLink bandwidth: slower than at 100%.
    expect(sync.reduceSeconds).toBeGreaterThan(reduceScatterSeconds(4e9, 8, links.intra));
  });

  it('the assumptions name each collective’s share and its source', () => {
    const a = evaluatorAssumptions(scenario({ hardware: { gpu: 'h100-sxm' } }));
    const line = a.find((x) => x.startsWith('Ring and tree collectives'));
    expect(line).toMatch(/all-reduce 100% of NVLink/);
    expect(line).toMatch(/all-gather 80%/);
    expect(line).toMatch(/nccl-tests on 8 × H100 SXM/);
  });
});

/**
 * Korthikanti et al. 2022, Table 3: the 22B model (64 heads, hidden 6144,
 * 48 layers, sequence 2048) on 8 A100 with TP 8, global batch 4 of
 * micro-batch 1; Table 5's "sequence parallelism + selective recompute" row.
 */
const korthikanti22b = (sequenceParallel: boolean) =>
  scenario({
    model: {
      name: 'Korthikanti 22B',
      layers: 48,
      hidden: 6144,
      heads: 64,
      kvHeads: 64,
      ffnHidden: 24576,
      gatedFfn: false,
      vocab: 51200,
      moe: null,
      mla: null,
    },
    hardware: { gpu: 'a100-80gb', count: 8, gpusPerNode: 8 },
    workload: {
      mode: 'training',
      globalBatch: 4,
      microBatches: 4,
      seqLen: 2048,
      precision: 'bf16',
      recompute: 'selective',
      sequenceParallel,
    },
    parallel: { tp: 8, pp: 1, dp: 1, ep: 1, etp: 1, overlap: { tpComm: false } },
  });

describe('sequence parallelism re-gathers in the backward (Korthikanti et al. 2022 §4.2.2)', () => {
  it('22B, SP + selective on 8 A100: two more all-gathers of s·b·h per layer and micro-batch, over the non-SP TP time', () => {
    const sp = evaluateScenario(korthikanti22b(true), [], { sweep: false });
    const plain = evaluateScenario(korthikanti22b(false), [], { sweep: false });
    const hw = korthikanti22b(true).hardware;
    const S = 2048 * 1 * 6144 * 2;
    const regather = allGatherSeconds(S, 8, collectiveLink(inNode, linksOf(hw), 'allGather'));
    // 48 layers × 4 micro-batches × 2 column-parallel linears after a norm (QKV, FC1).
    expect(sp.time.exposedCommSeconds.tp - plain.time.exposedCommSeconds.tp).toBeCloseTo(48 * 4 * 2 * regather, 9);
    // Forward: 2 all-reduces; backward: 2 all-reduces and 2 all-gathers, per layer and micro-batch.
    const ar = allReduceSeconds(S, 8, collectiveLink(inNode, linksOf(hw), 'allReduce'));
    expect(sp.time.exposedCommSeconds.tp).toBeCloseTo(48 * 4 * (4 * ar + 2 * regather), 9);
  });

  it('is charged per column-parallel linear after a norm: two in a dense layer, one (attention) in a MoE layer without shared experts', () => {
    const c: LayerCommInput = {
      tokens: 2048,
      microBatch: 1,
      hidden: 6144,
      bytesPerElement: 2,
      tp: 8,
      etp: 1,
      sharedExperts: 0,
      topK: 2,
      dispatchFactor: 1,
      tpSpan: inNode,
      epSpan: inNode,
      links: linksOf(hardware('a100-80gb')),
      sequenceParallel: true,
    };
    const one = allGatherSeconds(2048 * 6144 * 2, 8, collectiveLink(inNode, c.links, 'allGather'));
    expect(spRegatherSecondsPerLayer(c, false)).toBeCloseTo(2 * one, 15);
    expect(spRegatherSecondsPerLayer(c, true)).toBeCloseTo(one, 15);
    expect(spRegatherSecondsPerLayer({ ...c, sharedExperts: 1 }, true)).toBeCloseTo(2 * one, 15);
    expect(spRegatherSecondsPerLayer({ ...c, sequenceParallel: false }, false)).toBe(0);
    expect(spRegatherSecondsPerLayer({ ...c, tp: 1 }, false)).toBe(0);
  });
});
