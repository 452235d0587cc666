/**
 * Out-of-sample error, the project's own measure of how far to trust a
 * prediction (issue 14, item 1): leave out every row of one model family (or
 * of one source) at a time, refit what is fitted on the rows kept, and
 * predict the rows left out.
 *
 * What is fitted to the rows: no constant is fitted by a program; two sets
 * were chosen by hand.
 * - The compute efficiency per GPU generation (core/catalog/efficiency.ts):
 *   Ampere's 0.66 minimises the error over Megatron's Table 1 rows, Hopper's
 *   0.62 was checked against the Megatron-Core MoE rows; Blackwell's 0.58 is
 *   one H100/B200 ratio of a run that is not a row. This is what is refitted
 *   here, as one least-squares scale on each generation's efficiency
 *   (hardware.computeEfficiency, which moves the FP8 and attention shares
 *   with it), so that leaving rows out means something.
 * - The host-cost constants (core/compute/host.ts: 45 µs per operation,
 *   20 µs per grouped-GEMM launch) rest on one Megatron-Bridge Qwen3-30B-A3B
 *   B200 run that is not a calibration row. They are core constants and are
 *   not refitted: the Qwen, Megatron-Bridge and Blackwell folds still carry
 *   that run's information, so their figures are, if anything, optimistic.
 */
import { gpuPreset } from '../core';
import { compareRow, counted, type RowComparison } from './compare';
import { familyOf, sourceOf } from './families';
import type { CalibrationRow } from './rows';
import { generationOf } from './trainingRows';

/** The scales tried on each generation's efficiency: a coarse grid, then a fine one around its best point. */
export const SCALE_GRID = { min: 0.5, max: 1.5, coarse: 0.05, fine: 0.01 } as const;

const round2 = (x: number) => Math.round(x * 100) / 100;

function gpuOf(row: CalibrationRow): string {
  return (row.scenario as { hardware: { gpu: string } }).hardware.gpu;
}

/** The GPU generation of a row (ampere, hopper, blackwell). */
export function rowGeneration(row: CalibrationRow): string {
  return generationOf(gpuOf(row));
}

/** The row's scenario with its GPU's compute efficiency times `scale` (capped at 1, the schema's limit). */
export function withEfficiencyScale(row: CalibrationRow, scale: number): CalibrationRow {
  if (scale === 1) return row;
  const scenario = structuredClone(row.scenario) as { hardware: Record<string, unknown> };
  const given = scenario.hardware.computeEfficiency;
  const base = typeof given === 'number' ? given : gpuPreset(gpuOf(row))?.computeEfficiency;
  if (base === undefined) throw new Error(`calibration row ${row.id}: GPU ${gpuOf(row)} has no preset efficiency`);
  scenario.hardware.computeEfficiency = Math.min(1, base * scale);
  return { ...row, scenario };
}

/** Evaluates each row at each scale once: every fold reuses the same predictions. */
export class ScaledPredictions {
  private readonly cache = new Map<string, RowComparison>();
  constructor(readonly rows: readonly CalibrationRow[]) {}

  at(index: number, scale: number): RowComparison {
    const key = `${index}@${scale}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = compareRow(withEfficiencyScale(this.rows[index], scale));
      this.cache.set(key, hit);
    }
    return hit;
  }

  get evaluations(): number {
    return this.cache.size;
  }
}

export interface ScaleFit {
  /** The fitted scale on the generation's committed efficiency (1 = as committed). */
  scale: number;
  /** Rows the scale was fitted on; 0: no kept row of the generation, so the committed efficiency stands. */
  fittedOn: number;
}

/**
 * Rows a scale may be fitted on: training rows (the efficiency is what large
 * GEMMs reach inside a training framework: efficiency.ts), counted (not
 * suspect) and without a named engine exception (fitting an efficiency to a
 * model-specific effect is what the exception says not to do). Serving rows
 * are predicted with it, never fitted on: an engine's kernels and the stand-ins
 * its rows need (TensorRT-LLM 0.9's plugin-free FP8 MoE) are not a property of
 * the GPU's GEMMs.
 */
function fitsOn(row: CalibrationRow): boolean {
  return row.classes.includes('training') && !row.suspect && !row.exception;
}

/**
 * The scale that minimises the sum of squared speed errors over these rows:
 * the coarse grid, then the fine grid within one coarse step of its best.
 */
export function fitScale(predictions: ScaledPredictions, indices: readonly number[]): ScaleFit {
  const use = indices.filter((i) => fitsOn(predictions.rows[i]));
  if (use.length === 0) return { scale: 1, fittedOn: 0 };
  const sse = (s: number) =>
    use.reduce((sum, i) => {
      const e = predictions.at(i, s).error;
      return sum + (Number.isFinite(e) ? e * e : 1);
    }, 0);
  const best = (scales: number[]) =>
    scales.reduce(
      (b, s) => {
        const v = sse(s);
        return v < b.v ? { s, v } : b;
      },
      { s: NaN, v: Infinity },
    ).s;
  const grid = (from: number, to: number, step: number) => {
    const out: number[] = [];
    for (let k = 0; from + k * step <= to + 1e-9; k++) out.push(round2(from + k * step));
    return out;
  };
  const coarse = best(grid(SCALE_GRID.min, SCALE_GRID.max, SCALE_GRID.coarse));
  const fine = best(
    grid(
      Math.max(SCALE_GRID.min, coarse - SCALE_GRID.coarse),
      Math.min(SCALE_GRID.max, coarse + SCALE_GRID.coarse),
      SCALE_GRID.fine,
    ),
  );
  return { scale: fine, fittedOn: use.length };
}

export interface Fold {
  /** The family or source left out. */
  name: string;
  heldOut: string[];
  /** Per generation of the held-out rows: the scale fitted on the rows kept. */
  scales: Record<string, ScaleFit>;
}

export interface LeaveOneOut {
  by: 'family' | 'source';
  folds: Fold[];
  /** Each row predicted in the fold that left it out, in row order. */
  predictions: RowComparison[];
}

/** Leave each group out in turn (in order of first appearance), refit per generation on the rest, predict the group. */
export function leaveOneGroupOut(
  predictions: ScaledPredictions,
  by: LeaveOneOut['by'],
  groupOf: (row: CalibrationRow) => string,
): LeaveOneOut {
  const rows = predictions.rows;
  const groups = rows.map(groupOf);
  const generations = rows.map(rowGeneration);
  const names = groups.filter((g, i) => groups.indexOf(g) === i);
  const out: RowComparison[] = new Array(rows.length);
  const folds = names.map((name) => {
    const heldOut = rows.map((_, i) => i).filter((i) => groups[i] === name);
    const scales: Record<string, ScaleFit> = {};
    for (const i of heldOut) {
      const gen = generations[i];
      scales[gen] ??= fitScale(
        predictions,
        rows.map((_, j) => j).filter((j) => groups[j] !== name && generations[j] === gen),
      );
      out[i] = predictions.at(i, scales[gen].scale);
    }
    return { name, heldOut: heldOut.map((i) => rows[i].id), scales };
  });
  return { by, folds, predictions: out };
}

/** A class of run the error is reported for. `band`: written to the error-band file. */
export interface ErrorClass {
  key: string;
  label: string;
  band: boolean;
  has: (tags: readonly string[]) => boolean;
}

const SERVING_PHASES = ['prefill', 'decode', 'static'];
const GENERATIONS: [string, string][] = [
  ['ampere', 'Ampere'],
  ['hopper', 'Hopper'],
  ['blackwell', 'Blackwell'],
];

/** Band keys as core/metrics/errorBandData.ts names them; then classes printed only. */
export const ERROR_CLASSES: readonly ErrorClass[] = [
  { key: 'all', label: 'all published runs', band: true, has: () => true },
  { key: 'training', label: 'training', band: true, has: (t) => t.includes('training') },
  {
    key: 'training-dense',
    label: 'dense training',
    band: true,
    has: (t) => t.includes('training') && t.includes('dense'),
  },
  { key: 'training-moe', label: 'MoE training', band: true, has: (t) => t.includes('training') && t.includes('moe') },
  ...(['dense', 'moe'] as const).flatMap((kind) =>
    GENERATIONS.map(([gen, Gen]) => ({
      key: `training-${kind}-${gen}`,
      label: `${kind === 'moe' ? 'MoE' : 'dense'} training on ${Gen}`,
      band: true,
      has: (t: readonly string[]) => t.includes('training') && t.includes(kind) && t.includes(gen),
    })),
  ),
  { key: 'serving', label: 'serving', band: true, has: (t) => SERVING_PHASES.some((p) => t.includes(p)) },
  { key: 'prefill', label: 'serving, prefill', band: true, has: (t) => t.includes('prefill') },
  { key: 'decode', label: 'serving, decode', band: true, has: (t) => t.includes('decode') },
  { key: 'static', label: 'serving, static batch', band: true, has: (t) => t.includes('static') },
  ...GENERATIONS.map(([gen, Gen]) => ({
    key: `training-${gen}`,
    label: `training on ${Gen}`,
    band: false,
    has: (t: readonly string[]) => t.includes('training') && t.includes(gen),
  })),
  ...GENERATIONS.map(([gen, Gen]) => ({
    key: `serving-${gen}`,
    label: `serving on ${Gen}`,
    band: false,
    has: (t: readonly string[]) => !t.includes('training') && t.includes(gen),
  })),
  { key: 'moe-coarse', label: 'coarse-grained MoE', band: false, has: (t) => t.includes('moe-coarse') },
  { key: 'moe-fine', label: 'fine-grained MoE', band: false, has: (t) => t.includes('moe-fine') },
];

export interface ColumnStats {
  /** Mean absolute error over the class's counted rows. */
  mae: number;
  /** The row with the largest absolute error; `exception`: a named engine effect (CalibrationRow.exception). */
  worst: { id: string; error: number; exception?: true } | null;
}

export interface ClassErrors {
  key: string;
  label: string;
  band: boolean;
  rows: number;
  inSample: ColumnStats;
  byFamily: ColumnStats;
  bySource: ColumnStats;
  /** The larger of the two out-of-sample errors: what the error band shows. */
  outOfSample: number;
}

function column(rows: RowComparison[]): ColumnStats {
  const use = counted(rows);
  if (use.length === 0) return { mae: 0, worst: null };
  const worst = use.reduce((w, r) => (Math.abs(r.error) > Math.abs(w.error) ? r : w));
  return {
    mae: use.reduce((a, r) => a + Math.abs(r.error), 0) / use.length,
    worst: { id: worst.id, error: worst.error, ...(worst.exception ? { exception: true as const } : {}) },
  };
}

export interface OutOfSample {
  rows: readonly CalibrationRow[];
  /** Every row with the committed constants. */
  inSample: RowComparison[];
  /** The scale per generation fitted on every row at once (how far the committed values sit from the least-squares fit). */
  allRowsFit: Record<string, ScaleFit>;
  byFamily: LeaveOneOut;
  bySource: LeaveOneOut;
  classes: ClassErrors[];
  /** Distinct evaluations run (rows × scales tried). */
  evaluations: number;
}

/** In-sample and leave-one-family-out / leave-one-source-out error per class. Classes with no counted row are omitted. */
export function outOfSample(rows: readonly CalibrationRow[]): OutOfSample {
  const predictions = new ScaledPredictions(rows);
  const inSample = rows.map((_, i) => predictions.at(i, 1));
  const generations = rows.map(rowGeneration);
  const allRowsFit: Record<string, ScaleFit> = {};
  for (const gen of generations)
    allRowsFit[gen] ??= fitScale(
      predictions,
      rows.map((_, i) => i).filter((i) => generations[i] === gen),
    );
  const byFamily = leaveOneGroupOut(predictions, 'family', familyOf);
  const bySource = leaveOneGroupOut(predictions, 'source', sourceOf);
  const classes: ClassErrors[] = [];
  for (const c of ERROR_CLASSES) {
    const pick = (list: RowComparison[]) => list.filter((r) => c.has(r.classes));
    const n = counted(pick(inSample)).length;
    if (n === 0) continue;
    const fam = column(pick(byFamily.predictions));
    const src = column(pick(bySource.predictions));
    classes.push({
      key: c.key,
      label: c.label,
      band: c.band,
      rows: n,
      inSample: column(pick(inSample)),
      byFamily: fam,
      bySource: src,
      outOfSample: Math.max(fam.mae, src.mae),
    });
  }
  return { rows, inSample, allRowsFit, byFamily, bySource, classes, evaluations: predictions.evaluations };
}

const pct1 = (x: number) => (x * 100).toFixed(1);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${pct1(x)}%`;
const worstText = (w: ColumnStats['worst']) =>
  w ? `${w.id} ${signed(w.error)}${w.exception ? ' (named exception)' : ''}` : '';

/** The per-class table and each fold's refit, as plain text for the terminal. */
export function formatOutOfSample(r: OutOfSample): string {
  const lines = [
    'Out of sample (issue 14): each model family, then each source, left out in turn; the compute efficiency per GPU',
    'generation refitted (one least-squares scale) on the rows kept; the rows left out predicted. MAE in %.',
    '',
    `${'class'.padEnd(24)} ${'rows'.padStart(4)} ${'in-sample'.padStart(9)} ${'LOFO fam'.padStart(9)} ${'LOSO src'.padStart(9)} ${'band'.padStart(6)}  worst out of sample (family | source)`,
  ];
  for (const c of r.classes) {
    lines.push(
      `${(c.key + (c.band ? '' : ' *')).padEnd(24)} ${String(c.rows).padStart(4)} ${pct1(c.inSample.mae).padStart(9)} ${pct1(c.byFamily.mae).padStart(9)} ${pct1(c.bySource.mae).padStart(9)} ${pct1(c.outOfSample).padStart(6)}  ${worstText(c.byFamily.worst)} | ${worstText(c.bySource.worst)}`,
    );
  }
  lines.push('(* printed only, not an error-band class; band = the larger of the two out-of-sample MAEs)', '');
  const scales = (s: Record<string, ScaleFit>) =>
    Object.entries(s)
      .map(([g, f]) =>
        f.fittedOn ? `${g} ×${f.scale.toFixed(2)} (${f.fittedOn} rows)` : `${g} as committed (no row kept)`,
      )
      .join(', ');
  lines.push(`least-squares scale on every row at once (in sample): ${scales(r.allRowsFit)}`);
  for (const loo of [r.byFamily, r.bySource]) {
    lines.push('', `leave one ${loo.by} out: scale fitted on the rest`);
    for (const f of loo.folds)
      lines.push(`  ${f.name.padEnd(42)} ${String(f.heldOut.length).padStart(2)} rows  ${scales(f.scales)}`);
  }
  lines.push('', `${r.evaluations} evaluations`);
  return lines.join('\n');
}

/** The same table as README-ready markdown. */
export function markdownOutOfSample(r: OutOfSample): string {
  const lines = [
    'Mean absolute error against published runs. In sample: every row with the committed constants. Out of sample:',
    'each model family (or each source) left out in turn, the compute efficiency per GPU generation refitted on the',
    'rows kept (one least-squares scale), the rows left out predicted. The error band is the larger of the two.',
    'Regenerate with `npx tsx scripts/calibrate.ts --markdown`.',
    '',
    '| class | rows | in-sample MAE | out of sample, by family | out of sample, by source | error band | worst row out of sample |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const c of r.classes) {
    const worst = [c.byFamily.worst, c.bySource.worst]
      .filter((w): w is NonNullable<typeof w> => !!w)
      .reduce((a, b) => (Math.abs(b.error) > Math.abs(a.error) ? b : a));
    lines.push(
      `| ${c.label}${c.band ? '' : ' (not a band)'} | ${c.rows} | ${pct1(c.inSample.mae)}% | ${pct1(c.byFamily.mae)}% | ${pct1(c.bySource.mae)}% | ${c.band ? `± ${pct1(c.outOfSample)}%` : ''} | \`${worst.id}\` ${signed(worst.error)}${worst.exception ? ' (named exception)' : ''} |`,
    );
  }
  return lines.join('\n');
}

const round1 = (x: number) => Math.round(x * 1000) / 10;

/**
 * The source text of core/metrics/errorBandData.ts (before Prettier): its
 * interface as the page reads it, and one entry per band class with rows.
 */
export function errorBandFileText(r: OutOfSample): string {
  const entries = r.classes
    .filter((c) => c.band)
    .map(
      (c) =>
        `  ${JSON.stringify(c.key)}: { label: ${JSON.stringify(c.label)}, inSampleMaePct: ${round1(c.inSample.mae)}, outOfSampleMaePct: ${round1(c.outOfSample)}, rows: ${c.rows} },`,
    );
  return `/**
 * The model's error per class of run, measured against published runs:
 * in-sample (every row predicted with the committed constants) and out of
 * sample (leave one model family out at a time, and separately one source at
 * a time; refit what is fitted, the compute efficiency per GPU generation, on
 * the rows kept; predict the rows left out). Mean absolute error in percent.
 * outOfSampleMaePct is the larger of the two leave-one-out errors.
 *
 * GENERATED by \`npx tsx scripts/calibrate.ts --write-bands\`: do not edit by
 * hand. The page reads this file, so it needs no fixtures at run time.
 */
export interface ErrorBandRow {
  /** The class in a user's words ("MoE training on Hopper"). */
  label: string;
  inSampleMaePct: number;
  outOfSampleMaePct: number;
  /** Published rows in the class. */
  rows: number;
}

/**
 * Keys: all, training, training-dense, training-moe, training-{dense,moe}-{ampere,hopper,blackwell},
 * serving, prefill, decode, static. A class with no rows is absent.
 */
export const ERROR_BANDS: Readonly<Record<string, ErrorBandRow>> = {
${entries.join('\n')}
};
`;
}
