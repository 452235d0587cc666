/**
 * Which values of a parallel degree (or micro-batch count) divide what they
 * must, so sliders can snap to them and mark them. Pure.
 */
import { scheduleById, type Scenario } from '../../core';

export type DegreePath =
  | 'parallel.tp'
  | 'parallel.pp'
  | 'parallel.dp'
  | 'parallel.ep'
  | 'parallel.etp'
  | 'parallel.virtualStages'
  | 'workload.microBatches';

const divides = (a: number, b: number) => a > 0 && Number.isInteger(b / a);
/** A micro-batch count the pipeline schedule runs with (interleaved: multiples of PP; DualPipe: even, from 2·PP). */
const onGrid = (grid: { min: number; step: number }, m: number) => m >= grid.min && (m - grid.min) % grid.step === 0;

/**
 * Whether `v` divides what this field itself must divide (the GPU count, the
 * heads, the experts, the batch), the other degrees held fixed. Rules between
 * degrees (EP × ETP must divide TP × DP) are the evaluator's violations.
 */
export function isDividing(path: DegreePath, v: number, s: Scenario): boolean {
  const { pp, dp, virtualStages } = s.parallel;
  const { count } = s.hardware;
  const m = s.model;
  const w = s.workload;
  switch (path) {
    case 'parallel.tp':
      return divides(v, count) && divides(v, m.heads) && (m.mla !== null || divides(v, m.kvHeads));
    case 'parallel.pp':
      return divides(v, count) && m.layers >= v * virtualStages;
    case 'parallel.dp':
      return divides(v, count) && divides(v * w.microBatches, w.globalBatch);
    case 'parallel.ep':
      return m.moe !== null && divides(v, m.moe.experts) && divides(v, count);
    case 'parallel.etp':
      return divides(v, count) && (m.moe === null || divides(v, m.moe.expertHidden));
    case 'parallel.virtualStages':
      return divides(pp * v, m.layers);
    case 'workload.microBatches':
      return divides(dp * v, w.globalBatch) && onGrid(scheduleById(s.parallel.schedule).microBatchGrid(pp), v);
  }
}

/** Largest value the slider offers (any larger one is still typed in the box). */
export function sliderMax(path: DegreePath, s: Scenario): number {
  const { count } = s.hardware;
  switch (path) {
    case 'parallel.tp':
      return Math.max(1, Math.min(count, 256));
    case 'parallel.pp':
      return Math.max(1, Math.min(count, s.model.layers, 256));
    case 'parallel.dp':
      return Math.max(1, count);
    case 'parallel.ep':
      return Math.max(1, Math.min(s.model.moe?.experts ?? 1, count, 1024));
    case 'parallel.etp':
      return Math.max(1, Math.min(count, 64));
    case 'parallel.virtualStages':
      return Math.max(1, Math.min(Math.floor(s.model.layers / Math.max(1, s.parallel.pp)), 64));
    case 'workload.microBatches':
      return Math.max(1, Math.min(Math.floor(s.workload.globalBatch / Math.max(1, s.parallel.dp)), 1024));
  }
}

/**
 * Slider positions: every integer up to 16, the dividing values and powers of
 * two up to the maximum, and the current value. Sorted.
 */
export function sliderValues(path: DegreePath, s: Scenario, current: number): number[] {
  const max = sliderMax(path, s);
  const set = new Set<number>([current]);
  for (let v = 1; v <= Math.min(16, max); v++) set.add(v);
  for (let v = 1; v <= max; v *= 2) set.add(v);
  // Dividing values: scan divisors of the relevant product cheaply (up to max).
  const limit = Math.min(max, 4096);
  for (let v = 1; v <= limit; v++) if (isDividing(path, v, s)) set.add(v);
  return [...set].sort((a, b) => a - b);
}

/** Index of the dividing value nearest to index `i` (ties go up), or `i` when none divides. */
export function snapIndex(values: number[], i: number, ok: (v: number) => boolean): number {
  if (ok(values[i])) return i;
  for (let d = 1; d < values.length; d++) {
    if (i + d < values.length && ok(values[i + d])) return i + d;
    if (i - d >= 0 && ok(values[i - d])) return i - d;
  }
  return i;
}

/**
 * The scenario facts a slider's positions and marks depend on, as one string:
 * a slider re-renders only when one of them changes.
 */
export function sliderDependencies(path: DegreePath, s: Scenario): string {
  const m = s.model;
  const p = s.parallel;
  const w = s.workload;
  const n = s.hardware.count;
  switch (path) {
    case 'parallel.tp':
      return `${n}|${m.heads}|${m.kvHeads}|${m.mla ? 1 : 0}|${p.tp}`;
    case 'parallel.pp':
      return `${n}|${m.layers}|${p.virtualStages}|${p.pp}`;
    case 'parallel.dp':
      return `${n}|${w.globalBatch}|${w.microBatches}|${p.dp}`;
    case 'parallel.ep':
      return `${n}|${m.moe?.experts ?? 0}|${p.ep}`;
    case 'parallel.etp':
      return `${n}|${m.moe?.expertHidden ?? 0}|${p.etp}`;
    case 'parallel.virtualStages':
      return `${m.layers}|${p.pp}|${p.virtualStages}`;
    case 'workload.microBatches':
      return `${w.globalBatch}|${p.dp}|${p.pp}|${p.schedule}|${w.microBatches}`;
  }
}

const KEY_STEPS: Record<string, number> = {
  ArrowRight: 1,
  ArrowUp: 1,
  ArrowLeft: -1,
  ArrowDown: -1,
  PageUp: 4,
  PageDown: -4,
};

/**
 * The value a key moves a slider to from `current` over the positions
 * `values` (sorted), or null for a key the slider does not handle. A current
 * value that is not a position (a link's tp=47 on 16 GPUs, or one typed in
 * the box) steps to the nearest position in the key's direction, and stays
 * when there is none that way.
 */
export function keyTarget(values: number[], current: number, key: string): number | null {
  if (values.length === 0) return null;
  if (key === 'Home') return values[0];
  if (key === 'End') return values[values.length - 1];
  const step = KEY_STEPS[key];
  if (step === undefined) return null;
  const at = values.indexOf(current);
  if (at >= 0) return values[Math.max(0, Math.min(values.length - 1, at + step))];
  if (step > 0) {
    const above = values.findIndex((v) => v > current);
    return above < 0 ? current : values[Math.min(values.length - 1, above + step - 1)];
  }
  let below = -1;
  for (let i = 0; i < values.length && values[i] < current; i++) below = i;
  return below < 0 ? current : values[Math.max(0, below + step + 1)];
}
