/**
 * The error band of a predicted figure (issue 14, item 4): ± the model's
 * out-of-sample mean absolute error on published runs of the same class, read
 * from the committed table (errorBandData.ts), so the page needs no fixtures.
 *
 * A scenario's class is the most specific one the calibration measures:
 * training by dense/MoE and GPU generation, serving by phase (prefill, decode,
 * or a static batch end to end). A class with fewer than MIN_BAND_ROWS rows
 * (or absent from the table) falls back to the next wider one:
 * training-moe-blackwell → training-moe → training → all;
 * prefill | decode | static → serving → all.
 */
import type { Evaluation } from '../evaluation';
import type { Scenario } from '../scenario/types';
import type { MetricId } from '../explain';
import { gpuPreset } from '../catalog/gpus';
import { ERROR_BANDS, type ErrorBandRow } from './errorBandData';

/** Below this many published rows a mean error says little: the wider class is used. */
export const MIN_BAND_ROWS = 3;

/** The README section with the full in-sample / out-of-sample table. */
export const ERROR_BAND_README_ANCHOR = 'how-accurate-the-numbers-are';

/** Which serving figure a band is for: the prefill, the decode, or a static batch end to end (both phases). */
export type ServingFigure = 'prefill' | 'decode' | 'static';

export interface ErrorBand {
  /** The class the band comes from (a key of ERROR_BANDS: "training-moe"). */
  key: string;
  /** The class in words ("MoE training"). */
  label: string;
  /** ± this, in per cent: the out-of-sample mean absolute error. */
  pct: number;
  /** Published rows behind the figure. */
  rows: number;
  /** The most specific class the scenario belongs to; differs from key when that class had too few rows. */
  wanted: string;
}

/**
 * The headline figures that carry a band: the ones the calibration measures
 * against published runs (step time or latency, tokens/s) and MFU, which is
 * model FLOPs over time × peak and so inherits the time's relative error.
 * Parameters and memory are exact sums of the model's tensors (no published
 * memory rows are calibrated, so no band is claimed); shares such as the
 * bubble or communication overhead are not measured by any published run.
 */
export const BANDED_METRICS: ReadonlySet<MetricId> = new Set<MetricId>(['latency', 'throughput', 'mfu']);

const BANDED_GENERATIONS = new Set(['ampere', 'hopper', 'blackwell']);

/** The classes a scenario's figure belongs to, most specific first (ending in "all"). */
export function errorBandClasses(s: Scenario, figure?: ServingFigure): string[] {
  const w = s.workload;
  if (w.mode === 'training') {
    const kind = s.model.moe ? 'moe' : 'dense';
    const generation = gpuPreset(s.hardware.gpu)?.generation;
    const byGeneration = generation && BANDED_GENERATIONS.has(generation) ? [`training-${kind}-${generation}`] : [];
    return [...byGeneration, `training-${kind}`, 'training', 'all'];
  }
  return [figure ?? w.phase, 'serving', 'all'];
}

function usable(row: ErrorBandRow | undefined): row is ErrorBandRow {
  return !!row && row.rows >= MIN_BAND_ROWS && Number.isFinite(row.outOfSampleMaePct) && row.outOfSampleMaePct >= 0;
}

function isEvaluation(x: Scenario | Evaluation): x is Evaluation {
  return 'scenario' in x && 'latencySeconds' in x;
}

/**
 * The band of a scenario's (or an evaluation's) predicted time and
 * throughput; `figure` picks a serving figure other than the scenario's own
 * phase. Null when no class on the way to "all" has enough rows.
 */
export function errorBandOf(
  x: Scenario | Evaluation,
  figure?: ServingFigure,
  bands: Readonly<Record<string, ErrorBandRow>> = ERROR_BANDS,
): ErrorBand | null {
  const s = isEvaluation(x) ? x.scenario : x;
  const classes = errorBandClasses(s, figure);
  for (const key of classes) {
    const row = bands[key];
    if (usable(row)) return { key, label: row.label, pct: row.outOfSampleMaePct, rows: row.rows, wanted: classes[0] };
  }
  return null;
}

/** "± 11%" (whole per cents from 10 up, one decimal below). */
export function formatErrorBand(pct: number): string {
  return `± ${pct >= 10 ? Math.round(pct) : pct.toFixed(1)}%`;
}

/** "± 11% (MoE training, 7 published runs)": the band with its class. */
export function describeErrorBand(b: ErrorBand): string {
  return `${formatErrorBand(b.pct)} (${b.label}, ${b.rows} published runs)`;
}

/**
 * Whether a figure is within the model's error of the best: their relative
 * difference |value − best| / |best| is at most the band. The edge counts as
 * tied (a tolerance of 1e-9 per cent absorbs floating-point rounding).
 */
export function withinError(value: number, best: number, pct: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(best)) return false;
  if (best === 0) return value === 0;
  return (Math.abs(value - best) / Math.abs(best)) * 100 <= pct + 1e-9;
}
