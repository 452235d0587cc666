import { describe, expect, it } from 'vitest';
import { memoKey, memoOn } from './memo';

describe('memoOn: a memo keyed by exactly the inputs it picks', () => {
  it('computes once per distinct pick, and the computation receives only the pick', () => {
    const seen: object[] = [];
    const m = memoOn(
      (s: { a: number; b: string; c: number }) => ({ a: s.a, b: s.b }),
      (i) => {
        seen.push(i);
        return i.a * 2;
      },
    );
    expect(m.get({ a: 1, b: 'x', c: 5 })).toBe(2);
    // c is not picked: another c is the same entry (the computation could not have read it).
    expect(m.get({ a: 1, b: 'x', c: 6 })).toBe(2);
    expect(m.get({ a: 3, b: 'x', c: 5 })).toBe(6);
    expect(seen).toEqual([
      { a: 1, b: 'x' },
      { a: 3, b: 'x' },
    ]);
    expect(m.size).toBe(2);
    m.clear();
    expect(m.size).toBe(0);
  });

  it('tells numbers apart bit for bit: 0.1 + 0.2 is not 0.3, −0 is not 0', () => {
    expect(memoKey({ x: 0.1 + 0.2 })).not.toBe(memoKey({ x: 0.3 }));
    expect(memoKey({ x: -0 })).not.toBe(memoKey({ x: 0 }));
    expect(memoKey({ x: 1e21 })).not.toBe(memoKey({ x: 1e21 + 2 ** 20 }));
    expect(memoKey({ x: 0.3 })).toBe(memoKey({ x: 0.3 }));
  });

  it('no value passes for another: strings carry their length, null, undefined, booleans and numbers are distinct', () => {
    // Without the lengths both would read "1|2|3|".
    expect(memoKey({ a: '1|2', b: '3' })).not.toBe(memoKey({ a: '1', b: '2|3' }));
    const keys = [
      memoKey({ x: null }),
      memoKey({ x: undefined }),
      memoKey({ x: 'null' }),
      memoKey({ x: true }),
      memoKey({ x: 'true' }),
      memoKey({ x: 1 }),
      memoKey({ x: '1' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('compares objects by identity: an equal copy is a new entry', () => {
    let calls = 0;
    const m = memoOn(
      (model: { layers: number }) => ({ model }),
      (i) => {
        calls++;
        return i.model.layers;
      },
    );
    const model = { layers: 4 };
    m.get(model);
    m.get(model);
    expect(calls).toBe(1);
    m.get({ layers: 4 });
    expect(calls).toBe(2);
  });

  it('holds at most its capacity, forgetting the oldest entry first', () => {
    let calls = 0;
    const m = memoOn(
      (x: number) => ({ x }),
      (i) => {
        calls++;
        return i.x;
      },
      2,
    );
    m.get(1);
    m.get(2);
    m.get(3);
    expect(m.size).toBe(2);
    expect(calls).toBe(3);
    m.get(3);
    m.get(2);
    expect(calls).toBe(3);
    m.get(1); // forgotten: computed again
    expect(calls).toBe(4);
    // One entry: only the last pick.
    const one = memoOn(
      (x: number) => ({ x }),
      (i) => {
        calls++;
        return i.x;
      },
      1,
    );
    one.get(1);
    one.get(1);
    one.get(2);
    one.get(1);
    expect([one.size, calls]).toEqual([1, 7]);
  });

  it('refuses a capacity that is not a whole number of entries, naming it', () => {
    expect(() =>
      memoOn(
        (x: number) => ({ x }),
        (i) => i.x,
        0,
      ),
    ).toThrow(/capacity must be a whole number of entries, at least 1 \(got 0\)/);
    expect(() =>
      memoOn(
        (x: number) => ({ x }),
        (i) => i.x,
        1.5,
      ),
    ).toThrow(/capacity/);
  });
});

describe('memoOn: the last pick reused without a key', () => {
  it('only when every picked value is the same: −0 after 0, or an equal copy of an object, computes again', () => {
    let calls = 0;
    const m = memoOn(
      (x: number, o: object) => ({ x, o }),
      (i) => {
        calls++;
        return Object.is(i.x, -0) ? 'minus zero' : 'zero';
      },
    );
    const o = {};
    expect(m.get(0, o)).toBe('zero');
    expect(m.get(0, o)).toBe('zero');
    expect(calls).toBe(1);
    expect(m.get(-0, o)).toBe('minus zero');
    expect(m.get(-0, {})).toBe('minus zero');
    expect(calls).toBe(3);
    m.clear();
    m.get(-0, o);
    expect(calls).toBe(4);
  });
});
