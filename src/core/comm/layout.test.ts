import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  groupsOf,
  isValidRankOrder,
  layoutRanks,
  parseRankOrder,
  placeRanks,
  SHARED_COORDS,
  worstGroupSpan,
  type GroupKind,
  type RankCoords,
} from './layout';

describe('rank layout (Megatron-Core RankGenerator order, innermost first)', () => {
  const base = { tp: 4, pp: 2, dp: 2, ep: 8, etp: 1, gpusPerNode: 8, rankOrder: 'tp-ep-dp-pp' };

  it('puts TP neighbours on adjacent ranks and pipeline stages outermost', () => {
    const r = layoutRanks(base);
    expect(r).toHaveLength(16);
    expect(r.slice(0, 4).map((x) => x.tp)).toEqual([0, 1, 2, 3]);
    expect(r[4]).toMatchObject({ tp: 0, dp: 1, pp: 0 });
    expect(r[8]).toMatchObject({ tp: 0, dp: 0, pp: 1, node: 1 });
  });

  it('every (tp, dp, pp) coordinate appears exactly once', () => {
    const r = layoutRanks({ ...base, rankOrder: 'dp-pp-tp-ep' });
    const keys = new Set(r.map((x) => `${x.tp}/${x.dp}/${x.pp}`));
    expect(keys.size).toBe(16);
  });

  it('EP groups tile the stage: each of the 8 expert ranks appears once per stage', () => {
    const r = layoutRanks(base);
    for (const pp of [0, 1]) {
      const eps = r
        .filter((x) => x.pp === pp)
        .map((x) => x.ep)
        .sort((a, b) => a - b);
      expect(eps).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
  });

  it('groups inside a node stay on NVLink; a TP group wider than a node does not', () => {
    expect(worstGroupSpan(layoutRanks(base), 'tp')).toEqual({ size: 4, maxPerNode: 4, nodes: 1 });
    expect(worstGroupSpan(layoutRanks(base), 'pp').nodes).toBe(2);
    const wide = layoutRanks({ ...base, tp: 16, pp: 1, dp: 1, ep: 1 });
    expect(worstGroupSpan(wide, 'tp')).toEqual({ size: 16, maxPerNode: 8, nodes: 2 });
  });

  it('DP outermost-before-TP order makes TP groups strided across nodes', () => {
    const r = layoutRanks({ tp: 2, pp: 1, dp: 8, ep: 1, etp: 1, gpusPerNode: 8, rankOrder: 'dp-tp-ep-pp' });
    expect(worstGroupSpan(r, 'tp').nodes).toBe(2);
    expect(worstGroupSpan(r, 'dp').nodes).toBe(1);
  });

  it('parses orders and rejects malformed ones', () => {
    expect(parseRankOrder('pp-dp')).toEqual(['pp', 'dp', 'tp', 'ep']);
    expect(isValidRankOrder('tp-ep-dp-pp')).toBe(true);
    expect(isValidRankOrder('tp-tp-dp-pp')).toBe(false);
  });
});

describe('expert grid (Megatron-Core expert RankGenerator: same order, tp → etp, dp → edp)', () => {
  it('tp-ep-dp-pp puts etp innermost, then ep, then edp', () => {
    const r = layoutRanks({ tp: 2, pp: 1, dp: 4, ep: 2, etp: 2, gpusPerNode: 8, rankOrder: 'tp-ep-dp-pp' });
    expect(r.map((x) => [x.etp, x.ep, x.edp])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
      [1, 0, 1],
      [0, 1, 1],
      [1, 1, 1],
    ]);
    expect(groupsOf(r, 'ep')).toEqual([
      [0, 2],
      [1, 3],
      [4, 6],
      [5, 7],
    ]);
    expect(groupsOf(r, 'edp')).toEqual([
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 7],
    ]);
  });

  it('ep-tp-dp-pp puts ep innermost: each EP group is two adjacent ranks', () => {
    const r = layoutRanks({ tp: 2, pp: 1, dp: 4, ep: 2, etp: 2, gpusPerNode: 8, rankOrder: 'ep-tp-dp-pp' });
    expect(groupsOf(r, 'ep')).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(r.map((x) => x.etp)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('tp128 dp2 ep2 etp128: expert-DP groups of one rank, EP groups of two, ETP indices up to 127', () => {
    // Packing the etp index with a factor of 64 merged groups whose etp differ by 64.
    const { ranks, spans } = placeRanks({
      tp: 128,
      pp: 1,
      dp: 2,
      ep: 2,
      etp: 128,
      gpusPerNode: 8,
      rankOrder: 'tp-ep-dp-pp',
    });
    expect(Math.max(...ranks.map((r) => r.etp))).toBe(127);
    expect(spans.edp).toEqual({ size: 1, maxPerNode: 1, nodes: 1 });
    // ETP spans the first 128 ranks (16 nodes); the two EP ranks of an expert slice are 128 apart.
    expect(spans.ep).toEqual({ size: 2, maxPerNode: 1, nodes: 2 });
    expect(groupsOf(ranks, 'ep')).toHaveLength(128);
    expect(groupsOf(ranks, 'edp')).toHaveLength(256);
  });

  it('stays exact at the schema limits: ETP and EP of 65,536', () => {
    const r = layoutRanks({ tp: 65536, pp: 1, dp: 1, ep: 1, etp: 65536, gpusPerNode: 8, rankOrder: 'tp-ep-dp-pp' });
    expect(r[65535]).toMatchObject({ etp: 65535, ep: 0, edp: 0 });
    expect(worstGroupSpan(r, 'ep').size).toBe(1);
    expect(groupsOf(r, 'edp')).toHaveLength(65536);
  });
});

/** Orders of the four dimensions, innermost first. */
const ORDERS = ((): string[] => {
  const out: string[] = [];
  const dims = ['tp', 'ep', 'dp', 'pp'];
  const permute = (done: string[], rest: string[]) => {
    if (!rest.length) out.push(done.join('-'));
    for (const d of rest)
      permute(
        [...done, d],
        rest.filter((x) => x !== d),
      );
  };
  permute([], dims);
  return out;
})();

/** Brute force: group ranks by the coordinates the group shares, as strings. */
function bruteGroups(ranks: RankCoords[], kind: GroupKind): number[][] {
  const m = new Map<string, number[]>();
  for (const r of ranks) {
    const k = SHARED_COORDS[kind].map((c) => r[c]).join(',');
    m.set(k, [...(m.get(k) ?? []), r.rank]);
  }
  return [...m.values()];
}

const sorted = (groups: number[][]) => groups.map((g) => g.join(',')).sort();

/** Megatron-Core's RankGenerator: rank = Σ coordinate × stride, strides in the order's sizes. */
function megatronRank(order: string, size: Record<string, number>, coord: Record<string, number>): number {
  let rank = 0;
  let stride = 1;
  for (const d of order.split('-')) {
    rank += coord[d] * stride;
    stride *= size[d];
  }
  return rank;
}

describe('layout properties against brute force', () => {
  const small = fc.record({
    tp: fc.integer({ min: 1, max: 4 }),
    dp: fc.integer({ min: 1, max: 4 }),
    pp: fc.integer({ min: 1, max: 3 }),
    ep: fc.constantFrom(1, 2, 3, 4),
    etp: fc.constantFrom(1, 2, 4),
    gpusPerNode: fc.constantFrom(1, 2, 4, 8),
    rankOrder: fc.constantFrom(...ORDERS),
  });

  it('every group (any sizes, any order) is exactly the ranks sharing its coordinates', () => {
    fc.assert(
      fc.property(small, (input) => {
        const { ranks, spans } = placeRanks(input);
        for (const kind of ['tp', 'dp', 'pp', 'ep', 'edp'] as GroupKind[]) {
          const brute = bruteGroups(ranks, kind);
          expect(sorted(groupsOf(ranks, kind))).toEqual(sorted(brute));
          const nodes = brute.map((g) => new Set(g.map((r) => ranks[r].node)).size);
          expect(spans[kind].nodes).toBe(Math.max(...nodes));
          expect(spans[kind].size).toBe(
            Math.max(...brute.filter((_, i) => nodes[i] === spans[kind].nodes).map((g) => g.length)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when ep·etp divides tp·dp: EP groups of ep, expert-DP groups of tp·dp/(ep·etp), as Megatron-Core places them when pp is outermost', () => {
    fc.assert(
      fc.property(small, (input) => {
        const { tp, dp, pp, ep, etp } = input;
        fc.pre((tp * dp) % (ep * etp) === 0);
        const edp = (tp * dp) / (ep * etp);
        const ranks = layoutRanks(input);
        expect(groupsOf(ranks, 'ep').every((g) => g.length === ep)).toBe(true);
        expect(groupsOf(ranks, 'edp').every((g) => g.length === edp)).toBe(true);
        expect(new Set(ranks.map((r) => `${r.pp}/${r.etp}/${r.ep}/${r.edp}`)).size).toBe(ranks.length);
        if (!input.rankOrder.endsWith('pp') && pp > 1) return;
        const dense = { tp, dp, pp, ep: 1 };
        const expert = input.rankOrder
          .split('-')
          .map((d) => (d === 'tp' ? 'etp' : d === 'dp' ? 'edp' : d))
          .join('-');
        for (const r of ranks) {
          expect(megatronRank(input.rankOrder, dense, { ...r, ep: 0 })).toBe(r.rank);
          expect(megatronRank(expert, { etp, ep, edp, pp }, { ...r })).toBe(r.rank);
        }
      }),
      { numRuns: 300 },
    );
  });
});
