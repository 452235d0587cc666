/**
 * Timings of the pieces that must stay fast at scale, in Node: laying out
 * and drawing the 4096-GPU heatmap, laying out a 4096-block Gantt chart,
 * simulating long pipelines, and routing a million tokens. They were once wall-clock assertions in unit
 * tests, which fail by chance on a loaded machine; here each is the median
 * of repeated runs, checked against its budget by `npm run bench -- --check`.
 */
import { performance } from 'node:perf_hooks';
import { evaluate } from '../src/core';
import { simulatePipeline } from '../src/core/pipeline';
import { simulateRouting, type RoutingInput } from '../src/core/routing';
import type { Ctx2D } from '../src/ui/chart/canvas';
import { ganttLayout, hitTest as ganttHit } from '../src/ui/gantt/layout';
import { drawHeatmap } from '../src/ui/heatmap/drawCanvas';
import { heatmapLayout, hitTest as heatmapHit } from '../src/ui/heatmap/layout';
import { DEEPSEEK_4096, GANTT_4096_BLOCKS } from './scenarios';

export interface KernelTiming {
  name: string;
  /** Median milliseconds per call. */
  ms: number;
  /** Fastest and slowest round, for the spread. */
  range: [number, number];
  budgetMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median over `rounds` rounds of the mean time of `perRound` calls, after a warm-up. */
function time(name: string, budgetMs: number, fn: () => void, rounds = 9, perRound = 1): KernelTiming {
  for (let i = 0; i < 3 * perRound; i++) fn();
  const xs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) fn();
    xs.push((performance.now() - t0) / perRound);
  }
  return { name, ms: median(xs), range: [Math.min(...xs), Math.max(...xs)], budgetMs };
}

/** A 2D context that records nothing: the cost measured is the drawing loop's own. */
function nullContext(): Ctx2D {
  return new Proxy({} as Record<string, unknown>, {
    get: (t, k) => (k in t ? t[k as string] : () => {}),
    set: (t, k, v) => ((t[k as string] = v), true),
  }) as unknown as Ctx2D;
}

const equalChunks = (n: number) =>
  Array.from({ length: n }, () => ({ forward: 1, backwardInput: 1, backwardWeight: 1 }));
const simulate = (schedule: '1f1b' | 'interleaved-1f1b', P: number, m: number, v = 1) =>
  simulatePipeline({
    schedule,
    stages: P,
    microBatches: m,
    virtualStages: v,
    chunks: equalChunks(P * v),
    transferSeconds: 0,
    forwardOnly: false,
  });

/** 65,536 tokens, top-1 of 64 Zipf-skewed experts on 16 GPUs (the routing tests' base case). */
const ZIPF_64: RoutingInput = {
  tokens: 65536,
  experts: 64,
  topK: 1,
  epSize: 16,
  capacityFactor: null,
  distribution: 'zipf',
  skew: 1.2,
  seed: 1,
};
const MILLION: RoutingInput = { ...ZIPF_64, tokens: 1 << 20, experts: 256, topK: 8, epSize: 32, capacityFactor: 1.25 };

export function measureKernels(): KernelTiming[] {
  const big = evaluate(DEEPSEEK_4096);
  const heat = (metric: 'memory' | 'busy') =>
    heatmapLayout({
      perGpu: big.perGpu,
      gpusPerNode: big.scenario.hardware.gpusPerNode,
      width: 1400,
      metric,
      capacityBytes: big.memory.capacityBytes,
      stepSeconds: big.time.stepSeconds,
    });
  const layout = heat('memory');
  const ctx = nullContext();
  const deep = evaluate(GANTT_4096_BLOCKS);
  if (big.perGpu.length !== 4096 || deep.timeline.length !== 4096)
    throw new Error('bench scenarios no longer have 4096 GPUs / 4096 blocks');

  return [
    time('heatmap layout + hit test, 4096 GPUs', 20, () => heatmapHit(heat('busy'), 10, 10)),
    time('heatmap canvas draw, 4096 GPUs', 50, () =>
      drawHeatmap(ctx, layout, { dpr: 2, outlines: [], related: null, resolve: (c) => c }),
    ),
    time('Gantt layout + hit test, 4096 blocks', 20, () =>
      ganttHit(
        ganttLayout({
          pipeline: deep.pipeline,
          timeline: deep.timeline,
          transfers: deep.transfers,
          width: 1200,
          zoom: null,
        }),
        600,
        5,
      ),
    ),
    time('simulate 1F1B, P=64 m=256', 200, () => simulate('1f1b', 64, 256), 5),
    time('simulate interleaved 1F1B v=2, P=64 m=256', 200, () => simulate('interleaved-1f1b', 64, 256, 2), 5),
    time('simulate 1F1B, P=4 m=8', 0.1, () => simulate('1f1b', 4, 8), 9, 2000),
    // A new skew each call: includes the inclusion-probability integral, which is cached per skew.
    time('route 1,048,576 tokens × top-8 × 256 experts, new skew', 20, () =>
      simulateRouting({ ...MILLION, skew: 0.5 + Math.random() }),
    ),
    time('route 1,048,576 tokens × top-8 × 256 experts, same skew', 5, () =>
      simulateRouting({ ...MILLION, skew: 1.3, seed: Math.floor(Math.random() * 1e6) }),
    ),
    time(
      'route 65,536 tokens × top-1 × 64 experts',
      1,
      () => simulateRouting({ ...ZIPF_64, seed: Math.floor(Math.random() * 1e6) }),
      9,
      20,
    ),
  ];
}
