/**
 * One shape for every published row the calibration checks, training or
 * serving: the scenario that describes the run, what was measured, and how to
 * read the same quantity off an evaluation. Each file of rows
 * (measuredRows.ts, trainingRows.ts, servingRows.ts) turns its fixture into
 * this shape; compare.ts scores them all at once.
 */
import type { Evaluation } from '../core';

/**
 * Class tags the summary groups rows by:
 * dense | moe; moe-fine | moe-coarse; bf16 | fp8 (fp16 counts as bf16);
 * training | prefill | decode; and the GPU generation.
 */
export type RowClass = string;

export interface CalibrationRow {
  id: string;
  classes: RowClass[];
  source: string;
  /** A scenario document (what `evaluate` accepts). */
  scenario: unknown;
  /** The measured value, in `unit`. */
  measured: number;
  unit: string;
  /**
   * 'time': a duration (step seconds, TTFT); 'rate': a throughput (TFLOP/s,
   * tokens/s). Sets which way the error is taken, so that a positive error
   * always means "predicted faster than measured".
   */
  kind: 'time' | 'rate';
  /** The same quantity read off the evaluation of `scenario`. */
  predict: (e: Evaluation) => number;
  /** The row's settings beyond the fixture's fields and where they come from (its recipe, its source). */
  settings?: string;
  /** Breaks a physical limit: printed, but counted in no statistic. */
  suspect?: string;
  /**
   * An engine effect the scenario cannot express, named with its reason
   * (never a constant fitted to the row): exempt from the per-row bound only.
   */
  exception?: string;
}

/** Predicted speed over measured speed, minus one: + means predicted too fast. */
export function speedError(kind: CalibrationRow['kind'], measured: number, predicted: number): number {
  return kind === 'rate' ? predicted / measured - 1 : measured / predicted - 1;
}
