/**
 * The reference workload the bench divides its timings by: a fixed mix of
 * the work a JavaScript engine does in the evaluator (floating-point loops,
 * sorting numbers, Map look-ups, small objects), written here and importing
 * nothing from src/, so that a slowdown of the project's code shows in the
 * ratio instead of cancelling out. Its time on the quiet development machine
 * is REFERENCE_DEV_MS; its time on this machine over that is the machine
 * factor the bench prints beside the user-facing figures.
 */

/**
 * Milliseconds of one referenceWorkload() call on the 2-core development
 * machine (Node 20), the fastest tenth of calls as bench/ratio.ts counts
 * them: 1.42-1.6 ms over some thirty runs at load 1-12 (its fastest tenth
 * hardly moves with load; REFERENCE_DEV_MS is the low end).
 */
export const REFERENCE_DEV_MS = 1.45;

const N = 32;
const a = new Float64Array(N * N);
const b = new Float64Array(N * N);
const c = new Float64Array(N * N);
const numbers = new Float64Array(4000);

interface Item {
  id: number;
  group: number;
  weight: number;
  label: string;
}

/**
 * One call: a 32×32 matrix product, a sort of 4,000 numbers, and 4,000 small
 * objects built, keyed by string in a Map, grouped and sorted with a
 * comparator (the evaluator's kind of work: floating-point loops, short-lived
 * objects, Map look-ups, sorted rows). Returns a checksum, so none of it is
 * optimised away.
 */
export function referenceWorkload(): number {
  // xorshift32, fixed seed: the same numbers every call.
  let s = 2463534242;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let i = 0; i < N * N; i++) {
    a[i] = next();
    b[i] = next();
  }
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < N; k++) sum += a[i * N + k] * b[k * N + j];
      c[i * N + j] = sum;
    }
  }
  for (let i = 0; i < numbers.length; i++) numbers[i] = next();
  numbers.sort();
  const byLabel = new Map<string, Item>();
  const groups = new Map<number, Item[]>();
  for (let i = 0; i < 4000; i++) {
    const item: Item = { id: i, group: i % 61, weight: next(), label: `item-${i % 2500}-${i & 3}` };
    byLabel.set(item.label, item);
    const g = groups.get(item.group);
    if (g) g.push(item);
    else groups.set(item.group, [item]);
  }
  let hits = 0;
  for (let i = 0; i < 4000; i++) hits += byLabel.get(`item-${i}-${i & 3}`)?.weight ?? 0;
  const rows = [...byLabel.values()].sort((x, y) => y.weight - x.weight || x.id - y.id);
  return c[N + 1] + numbers[numbers.length >> 1] + hits + rows[0].weight + (groups.get(7)?.length ?? 0);
}
