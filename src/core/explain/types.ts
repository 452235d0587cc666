/**
 * "Show the math" (issue 9): how each headline number and each target check
 * is worked out, in a form a student can redo by hand.
 */

/** The unit a term's value is in (always the base unit: seconds, bytes, FLOP). */
export type Unit =
  's' | 'bytes' | 'FLOP' | 'FLOP/s' | 'tokens' | 'tokens/s' | 'params' | 'GPUs' | '%' | 'fraction' | 'count';

export interface Term {
  /** As it appears in the formula, e.g. "T_compute". */
  symbol: string;
  value: number;
  unit: Unit;
  /** What it is, in a sentence (and where it comes from). */
  meaning: string;
}

export interface Source {
  /** Authors, year and title. */
  paper: string;
  /** Section, table or equation. */
  section: string;
}

/** Numbers with math: the headline strip's and each target's. */
export type MetricId =
  | 'latency'
  | 'throughput'
  | 'mfu'
  | 'memory'
  | 'params'
  | 'bubble'
  | 'commOverhead'
  | 'gpuUtilization'
  | 'loadBalance'
  | 'memoryPct';

/** A target check: the computed value against the limit. */
export interface Check {
  target: string;
  kind: 'max' | 'min';
  /** In the result's unit; null when no target is set. */
  limit: number | null;
  pass: boolean | null;
}

export interface Derivation {
  id: MetricId;
  title: string;
  /** Symbol of the result, e.g. "T_step". */
  symbol: string;
  /** The right-hand side in symbols; evaluating it on the terms gives `result`. */
  expr: string;
  /** "T_step = T_compute + …": the formula in symbols. */
  formula: string;
  /** The same with this scenario's values in their units (the result is appended by whoever formats it). */
  substituted: string;
  terms: Term[];
  /** `expr` evaluated on the terms: equals the evaluation's own figure. */
  result: number;
  unit: Unit;
  source: Source[];
  /** Further lines: what the figure leaves out, a rule of thumb beside it, a second way to count it. */
  notes: string[];
  /** Present when the derivation is a target's: the check it decides. */
  check?: Check;
}
