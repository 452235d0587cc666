import { describe, expect, it } from 'vitest';
import { isValidRankOrder, layoutRanks, parseRankOrder, worstGroupSpan } from './layout';

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
      const eps = r.filter((x) => x.pp === pp).map((x) => x.ep).sort((a, b) => a - b);
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
