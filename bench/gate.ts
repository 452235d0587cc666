/**
 * What `npm run bench -- --check` holds the project to, with the expected
 * values committed here. Three kinds of check:
 *   - counts, exact: deterministic work (strategies searched, blocks
 *     simulated, evaluations per slider step); a change is a change of
 *     behaviour and updates the figure here on purpose.
 *   - sizes, bounded: initial JavaScript (gzip), heap kept per evaluation.
 *   - time, as a ratio to the reference workload (bench/reference.ts)
 *     measured in the same run, interleaved: the same on any machine of this
 *     kind, quiet or busy; a limit RATIO_TOLERANCE above the ratio on the
 *     development machine, so a 1.5x slowdown of the project's code fails
 *     and a machine 2x slower across the board passes.
 *   - 'normalized': the user-facing figures (TARGET) divided by the machine
 *     factor, at generous limits (browser wall time, kernels, the slowest
 *     random scenario).
 */

export interface Check {
  name: string;
  kind: 'count' | 'size' | 'ratio' | 'normalized';
  value: number;
  /** The expected count, or the largest value that passes. */
  limit: number;
  unit: string;
  pass: boolean;
}

/**
 * Ratio limits sit this far above the committed ratios. Measured on the
 * shared 2-core development machine, quiet and beside two busy loops, as the
 * ratio over the committed one. Seed evaluation (fastest call over the
 * reference's fastest): as it is 1.01-1.07 quiet, 1.03-1.07 loaded;
 * everything 2x slower (BENCH_SLOWDOWN_ALL=2) 1.10-1.15 quiet, 1.14-1.22
 * loaded; the code 1.5x slower (BENCH_SLOWDOWN_CORE=1.5) 1.62-1.69. Search
 * (each segment's fastest run): 1.08-1.25 with everything 2x slower and
 * loaded, 1.50-1.64 with the code 1.5x slower. The limit sits between.
 */
export const RATIO_TOLERANCE = 1.4;

/**
 * A time check over its limit is measured again, up to this many times in
 * all, and the lowest ratio kept: load only ever raises a ratio's noise (a
 * spell of it beside two busy loops read 1.47x once in six runs with
 * everything 2x slower), while a slower core stays over the limit on every
 * try.
 */
export const RATIO_ATTEMPTS = 3;

/** Measures `once` until its ratio is within `expected`'s limit or RATIO_ATTEMPTS are spent; the lowest ratio, and the tries. */
export function lowestRatio<T extends { ratio: number }>(once: () => T, expected: number): T & { attempts: number } {
  let best = once();
  let attempts = 1;
  while (best.ratio > expected * RATIO_TOLERANCE && attempts < RATIO_ATTEMPTS) {
    const next = once();
    attempts++;
    if (next.ratio < best.ratio) best = next;
  }
  return { ...best, attempts };
}

/**
 * Ratios to the reference workload on the development machine: for an
 * evaluation, its fastest tenth of calls over the reference's; for a search,
 * the sum of its segments' fastest times over the reference's fastest tenth.
 * The whole searches' ratios (full `--check` only) are from two runs each.
 */
export const EXPECTED_RATIO = {
  // Re-measured for issue 14 (median of runs on the development machine): each
  // GEMM's shape (tiles, waves, split-K), the DP link queue, the framework's
  // defaults and the multi-token-prediction module made an evaluation about
  // 25–40% longer than the 0.51 / 62 / 880 / 1490 before.
  seedEvaluation: 0.7,
  /** The DeepSeek-V3 search, every sixteenth group of strategies (`--quick`). */
  deepseekSearchSixteenth: 78,
  deepseekSearch: 1040,
  gpt3Search: 1765,
};

/** Deterministic counts. */
export const EXPECTED_COUNT = {
  seedBlocks: 32,
  deepseekBlocks: 1536,
  ganttBlocks: 4096,
  deepseekStrategies: 24_876,
  // Fewer fit since issue 14: DeepSeek-V3's multi-token-prediction module sits with the output head.
  deepseekTimed: 12_270,
  /** `--quick`: every sixteenth group of the DeepSeek-V3 search. */
  deepseekSixteenthStrategies: 1_443,
  deepseekSixteenthTimed: 1_166,
  gpt3Strategies: 56_952,
  gpt3Timed: 24_173,
  /** Worker evaluations per slider key press (the page evaluates each new scenario once). */
  evaluationsPerSliderStep: 1,
};

export const SIZE_LIMIT = {
  initialJsGzipKB: 250,
  /** Heap kept per evaluation over the last 600-1,000 of them (caches fill once; an evaluation kept alive is over 100 KB). */
  heapBytesPerEvaluation: 1024,
};

/**
 * User-facing targets, in milliseconds on the development machine: the
 * bench prints each with the machine factor. Gated as the time here divided
 * by the machine factor ('normalized'), with the limits below.
 */
export const TARGET = {
  evaluationMs: 1,
  slowestRandomEvaluationMs: 100,
  seedSliderP95Ms: 33,
  largeSliderP95Ms: 100,
  searchBrowserDeepseekSeconds: 1,
  searchBrowserGpt3Seconds: 2,
};

/**
 * Browser wall time is noisier than Node's (frames, several processes on two
 * cores): those figures are gated at this multiple of their target, after
 * dividing by the machine factor. They catch a page gone 2x slow, not 1.5x.
 */
export const BROWSER_LIMIT_OVER_TARGET = 2;

export const count = (name: string, value: number, expected: number): Check => ({
  name,
  kind: 'count',
  value,
  limit: expected,
  unit: '',
  pass: value === expected,
});
export const size = (name: string, value: number, limit: number, unit: string): Check => ({
  name,
  kind: 'size',
  value,
  limit,
  unit,
  pass: value <= limit,
});
export const ratio = (name: string, value: number, expected: number): Check => {
  const limit = expected * RATIO_TOLERANCE;
  return { name, kind: 'ratio', value, limit, unit: '× reference', pass: value <= limit };
};
export const normalized = (name: string, value: number, limit: number, unit: string): Check => ({
  name,
  kind: 'normalized',
  value,
  limit,
  unit,
  pass: value <= limit,
});
