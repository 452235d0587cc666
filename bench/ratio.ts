/**
 * Timing as a ratio to the reference workload (bench/reference.ts), measured
 * in the same process, interleaved call by call: a slower or busier machine
 * slows both; a slower project slows only the measured side. Another process
 * only ever lengthens a call, so each side counts by its fastest tenth of
 * many short calls (a long run, such as a search, by its few-millisecond
 * segments' fastest of several runs), not by the median, which is the load.
 *
 * BENCH_SLOWDOWN_CORE and BENCH_SLOWDOWN_ALL (read here and nowhere else)
 * slow the measurement down on purpose, to prove the gate: after each
 * measured call the harness busy-waits (factor − 1) × the call's own time;
 * BENCH_SLOWDOWN_ALL also slows the reference (a machine that is slower
 * across the board).
 */
import { performance } from 'node:perf_hooks';
import { referenceWorkload, REFERENCE_DEV_MS } from './reference';

export interface Slowdown {
  /** Factor on the project's code only. */
  core: number;
  /** Factor on everything, the reference included. */
  all: number;
}

/** The slowdown factors from the environment; 1 when unset. */
export function slowdownFromEnv(env: NodeJS.ProcessEnv = process.env): Slowdown {
  const read = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return 1;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 1 || v > 10)
      throw new Error(`${name} must be a number from 1 to 10 (a slowdown factor); got '${raw}'`);
    return v;
  };
  return { core: read('BENCH_SLOWDOWN_CORE'), all: read('BENCH_SLOWDOWN_ALL') };
}

const SLOWDOWN = slowdownFromEnv();

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

let sink = 0;

/** Milliseconds of one call of `fn`, with the injected slowdown `factor` (which counts in the time). */
function timedCall(fn: () => unknown, factor: number): number {
  const t0 = performance.now();
  sink += fn() === undefined ? 0 : 1;
  const elapsed = performance.now() - t0;
  if (factor > 1) busyWait((factor - 1) * elapsed);
  return performance.now() - t0;
}

const CORE_FACTOR = SLOWDOWN.core * SLOWDOWN.all;
const referenceCall = () => timedCall(referenceWorkload, SLOWDOWN.all);

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs: number[]) => quantile(xs, 0.5);

/**
 * Which quantile of the per-call times stands for a call's cost. Another
 * process on the machine only ever lengthens a call (it takes the core away
 * mid-call), so a low quantile of many short calls is the call's own cost
 * while the median is the machine's load; the fastest tenth is what stays put
 * on a busy machine, and is not the single luckiest call.
 */
export const FAST_QUANTILE = 0.1;

export interface RatioOptions {
  /** Calls of the measured function (each followed by one reference call) per round. */
  callsPerRound: number;
  /** Measured rounds after the warm-up. */
  rounds: number;
  /** Warm-up ends when the last `settleRounds` rounds' fast times agree within `settleTolerance` (relative)... */
  settleRounds: number;
  settleTolerance: number;
  /** ...or after this many warm-up rounds. */
  maxWarmUpRounds: number;
}

// Many short calls: the fastest of them is what the ratio reads, and the more calls, the surer one of them ran
// without another process in its way (1,500 calls of the seed take about 3.5 s).
export const FULL: RatioOptions = {
  callsPerRound: 50,
  rounds: 30,
  settleRounds: 3,
  settleTolerance: 0.05,
  maxWarmUpRounds: 60,
};
export const QUICK: RatioOptions = FULL;

export interface RatioTiming {
  /** The measured call's fastest time over the reference's fastest, from the interleaved calls after the warm-up. */
  ratio: number;
  /** Fast (FAST_QUANTILE) and median milliseconds per measured call on this machine. */
  fastMs: number;
  medianMs: number;
  /** Fast milliseconds per reference call in this measurement. */
  referenceMs: number;
  /** Warm-up rounds run, and whether they settled before the cap. */
  warmUpRounds: number;
  settled: boolean;
}

/** Warms `fn` up until its fast time settles, then times it call by call against the reference, interleaved. */
export function timeRatio(fn: () => unknown, o: RatioOptions): RatioTiming {
  const roundOf = (calls: number[], refs: number[]) => {
    for (let i = 0; i < o.callsPerRound; i++) {
      calls.push(timedCall(fn, CORE_FACTOR));
      refs.push(referenceCall());
    }
  };
  const warm: number[] = [];
  let settled = false;
  while (warm.length < o.maxWarmUpRounds) {
    const calls: number[] = [];
    roundOf(calls, []);
    warm.push(quantile(calls, FAST_QUANTILE));
    const last = warm.slice(-o.settleRounds);
    if (last.length === o.settleRounds && Math.max(...last) <= Math.min(...last) * (1 + o.settleTolerance)) {
      settled = true;
      break;
    }
  }
  // Measured and reference calls alternate, so both sides see the same spells of load.
  const calls: number[] = [];
  const refs: number[] = [];
  for (let r = 0; r < o.rounds; r++) roundOf(calls, refs);
  const fastMs = quantile(calls, FAST_QUANTILE);
  const referenceMs = quantile(refs, FAST_QUANTILE);
  // The ratio of the two sides' fastest calls over the whole run. Load only
  // lengthens a call, so the fastest is the nearest to a call's own cost on
  // either side; a median of per-round ratios, or even the fastest tenth,
  // still carries the load: beside two busy loops it read up to 1.39x the
  // quiet ratio with everything 2x slower, where a 1.5x slower core reads
  // 1.6-1.8x. The fastest calls kept those apart: 1.10-1.22x against
  // 1.62-1.69x, quiet and beside two busy loops (bench/gate.ts).
  return {
    ratio: Math.min(...calls) / Math.min(...refs),
    fastMs,
    medianMs: median(calls),
    referenceMs,
    warmUpRounds: warm.length,
    settled,
  };
}

export interface SegmentedRatioTiming {
  /** Fast time of the whole run (the sum of every segment's fastest) over the reference's fast time. */
  ratio: number;
  /** Sum over the segments of each one's fastest time, ms; and the median run's wall ms. */
  fastMs: number;
  medianMs: number;
  referenceMs: number;
}

/**
 * For a long run (a whole strategy search) that calls `tick` every few
 * milliseconds of work: the run is cut into the segments between ticks, the
 * same segments every run, and each keeps its fastest of `runs` runs (after
 * one warm-up run). A reference call follows every `referenceEvery`-th tick,
 * outside the segments' times.
 */
export function timeSegmentedRatio(
  run: (tick: () => void) => void,
  runs: number,
  referenceEvery = 2,
): SegmentedRatioTiming {
  const refs: number[] = [];
  const perRun: number[][] = [];
  const walls: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const segments: number[] = [];
    let ticks = 0;
    let t0 = performance.now();
    let wall = 0;
    run(() => {
      const elapsed = performance.now() - t0;
      if (CORE_FACTOR > 1) busyWait((CORE_FACTOR - 1) * elapsed);
      const segment = performance.now() - t0;
      segments.push(segment);
      wall += segment;
      if (++ticks % referenceEvery === 0) refs.push(referenceCall());
      t0 = performance.now();
    });
    if (r > 0) {
      perRun.push(segments);
      walls.push(wall);
    }
  }
  const n = perRun[0].length;
  if (perRun.some((s) => s.length !== n))
    throw new Error('the runs were cut into different numbers of segments: the run is not deterministic');
  let fastMs = 0;
  for (let i = 0; i < n; i++) fastMs += Math.min(...perRun.map((s) => s[i]));
  const referenceMs = quantile(refs, FAST_QUANTILE);
  return { ratio: fastMs / referenceMs, fastMs, medianMs: median(walls), referenceMs };
}

/** Fast reference milliseconds per call over `calls` calls (after a short warm-up): this machine's speed now. */
export function referenceMs(calls = 200): number {
  for (let i = 0; i < 50; i++) referenceCall();
  return quantile(Array.from({ length: calls }, referenceCall), FAST_QUANTILE);
}

/** This machine's reference time over the quiet development machine's: 2 means everything runs half as fast here. */
export const machineFactor = (refMs: number) => refMs / REFERENCE_DEV_MS;

/** Keeps the checksums alive so no call is optimised away. */
export const checksum = () => sink;
