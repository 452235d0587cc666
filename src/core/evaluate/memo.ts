/**
 * A typed memoize whose key is made of exactly the inputs it picks. `pick`
 * takes what a computation reads out of its arguments (a scenario, a few
 * numbers) and `compute` receives only that pick, never the arguments: a
 * computation cannot read a field its key leaves out, so a hit can never be
 * stale for lack of a key field.
 *
 * Picked values are scalars, compared exactly (numbers by their shortest
 * round-trip form, so two keys are equal only for bit-equal numbers), or
 * objects, compared by identity (the evaluator never writes to a scenario,
 * its model or its hardware; a new object is a new key).
 */

/** What a pick may hold: scalars by value, objects (a model, a device) by identity. */
export type MemoInput = string | number | boolean | null | undefined | object;

/** A pick: named inputs, each a MemoInput. */
export type Picked<I> = { [K in keyof I]: MemoInput };

export interface Memoized<Args extends unknown[], V> {
  /** The computation's value for the inputs picked from `args`, computed once per distinct pick. */
  get(...args: Args): V;
  /** Forgets every entry (a search keeps some memos per group of strategies). */
  clear(): void;
  /** Entries held. */
  readonly size: number;
}

/** Entries a memo keeps before it forgets its oldest: well above what one search holds (a few hundred routings, placements or FLOP counts). */
export const DEFAULT_MEMO_CAPACITY = 4096;

// Objects get a number once, so a key names them without holding them.
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function objectId(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = nextObjectId++));
  return id;
}

/**
 * The key of one pick: its values in the pick's field order. Strings carry
 * their length, so no string can pass for another value or for two values;
 * −0 is told from 0 (String(−0) is "0").
 */
export function memoKey<I extends Picked<I>>(inputs: I): string {
  let key = '';
  for (const k in inputs) {
    const v: MemoInput = inputs[k];
    switch (typeof v) {
      case 'number':
        key += v === 0 && 1 / v < 0 ? '-0|' : `${v}|`;
        break;
      case 'string':
        key += `${v.length}:${v}|`;
        break;
      case 'object':
        key += v === null ? 'null|' : `#${objectId(v)}|`;
        break;
      case 'function':
        key += `#${objectId(v)}|`;
        break;
      default:
        key += `${v}|`;
    }
  }
  return key;
}

/** Two picks of one pick function with the same key: every value the same by Object.is (as memoKey tells them apart). */
function samePick<I extends Picked<I>>(a: I, b: I): boolean {
  for (const k in a) if (!Object.is(a[k], b[k])) return false;
  return true;
}

/**
 * `compute` memoized on the inputs `pick` takes from the arguments. At most
 * `capacity` entries are kept; beyond it the oldest is forgotten (a search
 * visits strategies in an order where old entries rarely return).
 */
export function memoOn<Args extends unknown[], I extends Picked<I>, V>(
  pick: (...args: Args) => I,
  compute: (inputs: I) => V,
  capacity = DEFAULT_MEMO_CAPACITY,
): Memoized<Args, V> {
  if (!(Number.isInteger(capacity) && capacity >= 1))
    throw new RangeError(`memoOn: capacity must be a whole number of entries, at least 1 (got ${capacity})`);
  const entries = new Map<string, V>();
  const lookUp = (inputs: I): V => {
    const key = memoKey(inputs);
    let hit = entries.get(key);
    if (hit === undefined && !entries.has(key)) {
      hit = compute(inputs);
      if (entries.size >= capacity) entries.delete(entries.keys().next().value!);
      entries.set(key, hit);
    }
    return hit as V;
  };
  // Consecutive evaluations mostly pick the same inputs: compared value by value, no key is built.
  // A memo of one entry is only this last pick (no key, so no id for each object it sees).
  let lastInputs: I | null = null;
  let lastValue: V | undefined;
  return {
    get(...args: Args): V {
      const inputs = pick(...args);
      if (lastInputs !== null && samePick(lastInputs, inputs)) return lastValue as V;
      const value = capacity === 1 ? compute(inputs) : lookUp(inputs);
      lastInputs = inputs;
      lastValue = value;
      return value;
    },
    clear: () => {
      entries.clear();
      lastInputs = null;
      lastValue = undefined;
    },
    get size() {
      return capacity === 1 ? (lastInputs === null ? 0 : 1) : entries.size;
    },
  };
}
