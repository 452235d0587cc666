/**
 * Deterministic exp / log / pow built only from +, −, ×, ÷ and Math.sqrt,
 * which IEEE 754 and ECMAScript round exactly.
 *
 * Why not Math.exp/log/pow: ECMAScript calls them "implementation-approximated",
 * so V8, SpiderMonkey and JavaScriptCore may differ in the last bit. In a seeded
 * Monte Carlo one flipped rounding (a binomial draw landing on the other side of
 * .5) changes every later draw, and the spec (cost-model.md §7) promises the same
 * numbers for the same scenario on every engine. Accuracy is ~1 ulp-ish (a few
 * 1e-16 relative), far below the Monte Carlo noise; determinism is the point.
 */

// fdlibm's split of ln 2: k·LN2_HI is exact for |k| < 2^20, so range reduction
// loses nothing.
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.4426950408889634;
const SQRT2 = 1.4142135623730951;
const MIN_NORMAL = 2.2250738585072014e-308;

// Bit access through a DataView: explicit (big-endian) byte order, so the
// result does not depend on the platform's endianness.
const view = new DataView(new ArrayBuffer(8));

// 1/n for the Taylor series: multiplying by a constant is as deterministic as
// dividing (both exactly rounded) and several times faster in the hot loops.
const INV = new Float64Array(17);
for (let n = 1; n <= 16; n++) INV[n] = 1 / n;
const ODD_INV = new Float64Array(13);
for (let n = 0; n <= 12; n++) ODD_INV[n] = 1 / (2 * n + 1);

/** 2^n for integer n in [-1022, 1023], built from its bit pattern (exact). */
function pow2Bits(n: number): number {
  view.setUint32(0, (n + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

// Table of every normal power of two: detExp sits in hot loops (inclusion.ts)
// and a table read is several times cheaper than the DataView round trip.
const POW2 = new Float64Array(2046);
for (let n = -1022; n <= 1023; n++) POW2[n + 1022] = pow2Bits(n);

function pow2(n: number): number {
  return POW2[n + 1022];
}

/** e^r by its Taylor series (|r| ≤ ln2/2: 16 terms reach < 1e-20). Used to build the table. */
function expSeries(r: number): number {
  let s = 1;
  for (let n = 16; n >= 1; n--) s = 1 + r * s * INV[n];
  return s;
}

// e^x = 2^k · 2^(j/64) · e^r with |r| ≤ ln2/128 ≈ 0.0054: the short series
// below (7 terms, < 1e-19) keeps the dependency chain short, which is what
// costs in the hot loops of inclusion.ts. The table itself is built with the
// long series, so it is deterministic too.
const TABLE_BITS = 6;
const TABLE_SIZE = 1 << TABLE_BITS;
const EXP2_J = new Float64Array(TABLE_SIZE);
for (let j = 0; j < TABLE_SIZE; j++) EXP2_J[j] = expSeries((j * LN2_HI + j * LN2_LO) / TABLE_SIZE);
const INV_LN2_T = INV_LN2 * TABLE_SIZE;
const LN2_HI_T = LN2_HI / TABLE_SIZE; // exact: division by a power of two
const LN2_LO_T = LN2_LO / TABLE_SIZE;
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;

/** e^x, deterministic across engines. */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const kj = Math.round(x * INV_LN2_T);
  // kj·LN2_HI_T is exact (|kj| < 2^17, LN2_HI has 32 significant bits).
  const r = x - kj * LN2_HI_T - kj * LN2_LO_T;
  const j = kj & (TABLE_SIZE - 1);
  const k = (kj - j) / TABLE_SIZE;
  const r2 = r * r;
  // Even and odd halves evaluated side by side (shorter critical path).
  const even = 1 + r2 * (C2 + r2 * (C4 + r2 * C6));
  const odd = r * (1 + r2 * (C3 + r2 * (C5 + r2 * C7)));
  const s = EXP2_J[j] * (even + odd);
  if (k > 1023) return s * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return s * pow2(k + 600) * pow2(-600);
  return s * pow2(k);
}

/** e^x − 1 without the cancellation of detExp(x) − 1 for small |x|. */
export function detExpm1(x: number): number {
  if (x > -0.01 && x < 0.01) {
    // 7 terms: 0.01^8/8! < 1e-20 relative.
    const x2 = x * x;
    return x * (1 + x * C2 + x2 * (C3 + x * C4) + x2 * x2 * (C5 + x * C6 + x2 * C7));
  }
  // Beyond |x| = 0.01 the subtraction loses at most ~7 bits (relative ~1e-14).
  return detExp(x) - 1;
}

/** Natural logarithm, deterministic across engines. */
export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < MIN_NORMAL) {
    x *= 18014398509481984; // 2^54: lift subnormals into the normal range
    e = -54;
  }
  // x = m · 2^e with m in [1, 2): read and reset the exponent bits.
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, (hi & 0x800fffff) | 0x3ff00000);
  let m = view.getFloat64(0);
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }
  // ln m = 2·atanh(z), z = (m−1)/(m+1), |z| ≤ 0.172: z² ≤ 0.0295, so 13 terms
  // of the odd series reach < 1e-19.
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let s = 0;
  for (let n = 12; n >= 0; n--) s = s * z2 + ODD_INV[n];
  return e * LN2_HI + (e * LN2_LO + 2 * z * s);
}

/** base^y for base > 0 (what Zipf weights need), deterministic. */
export function detPow(base: number, y: number): number {
  if (y === 0) return 1;
  if (base === 1) return 1;
  return detExp(y * detLog(base));
}
