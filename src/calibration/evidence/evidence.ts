/**
 * Published runs the project added as evidence (issue 14, item 5): training-runs.json
 * and serving-runs.json in this folder, in the row format of the shared fixtures
 * framework-training-runs.json and framework-serving-runs.json, each row with the
 * permalink, release and exact quote of its source.
 *
 * The checks below are the rule for a row to be kept: its source states the
 * layout and the precision, the quote states the figure, and the figure was
 * converted the way the row says.
 */
import { gpuPreset } from '../../core';
import { scenarioOfTrainingRun, type RowSettings, type TrainingRunRow } from '../trainingRows';
import { SERVING_METRICS, type ServingKind, type ServingRunRow } from '../servingRows';
import trainingFile from './training-runs.json';
import servingFile from './serving-runs.json';

/** Where a row's figure comes from: enough to find the cell again. */
export interface EvidenceSource {
  /** Repository and file, section, table and row (or log key). */
  source: string;
  /** Permalink to the stated source (a commit, not a branch, where one exists). */
  url: string;
  /** Release or date of the figure. */
  released: string;
  /** The exact table row or log line that states the figure. */
  quote: string;
}

export interface EvidenceTrainingRow extends TrainingRunRow, EvidenceSource {
  /** Context parallelism; absent = 1. count = tp x pp x cp x dp. */
  cp?: number;
  published: Record<string, unknown>;
  flopsConvention: string;
  /** Switches the source or its recipe states, in ROW_SETTINGS form. */
  settings?: RowSettings;
  /** Where the GPU the run used differs from the catalog's. */
  hardwareNote?: string;
}

/** Generated tokens/s per 8-GPU node over a dataset under continuous batching (MLPerf Inference Offline). */
export type EvidenceServingKind = ServingKind | 'offline_tput';

export interface EvidenceServingRow extends Omit<ServingRunRow, 'kind' | 'inputLen' | 'source'>, EvidenceSource {
  kind: EvidenceServingKind;
  /** Null where the source does not state the (mean) prompt length. */
  inputLen: number | null;
  /** The source's own figures where measured is converted from them (itlMs: inter-token latency). */
  published?: Record<string, number>;
}

export const EVIDENCE_TRAINING_ROWS = trainingFile.rows as unknown as EvidenceTrainingRow[];
export const EVIDENCE_SERVING_ROWS = servingFile.rows as unknown as EvidenceServingRow[];

/** The measured field of each serving kind, the new offline kind included. */
export const EVIDENCE_SERVING_FIELD: Record<EvidenceServingKind, string> = {
  ...(Object.fromEntries(Object.entries(SERVING_METRICS).map(([k, m]) => [k, m.field])) as Record<ServingKind, string>),
  offline_tput: 'outTokPerSecPerNode',
};

const PRECISIONS = ['bf16', 'fp16', 'fp8'];
const RECOMPUTE = ['none', 'selective', 'full'];
/** Tolerance of the tokens/s to step-time conversion: the rows round stepSeconds to 4 decimals. */
const CONVERSION_TOLERANCE = 1e-3;

const isPositiveInt = (x: unknown): x is number => Number.isInteger(x) && (x as number) > 0;

/** A figure as a table may print it: 5762, 5,762 or 597.3. */
function quoteStates(quote: string, figure: number): boolean {
  const plain = String(figure);
  const grouped = figure.toLocaleString('en-US', { maximumFractionDigits: 20 });
  return quote.includes(plain) || quote.includes(grouped);
}

function sourceProblems(row: EvidenceSource, where: string): string[] {
  const out: string[] = [];
  if (typeof row.source !== 'string' || row.source.trim().length < 10)
    out.push(`${where}: \`source\` must name the repository or paper, file, section and table row`);
  if (typeof row.url !== 'string' || !/^https:\/\/\S+$/.test(row.url))
    out.push(`${where}: \`url\` must be an https:// link to the source, got ${JSON.stringify(row.url)}`);
  if (typeof row.released !== 'string' || row.released.trim() === '')
    out.push(`${where}: \`released\` must give the release or date of the figure`);
  if (typeof row.quote !== 'string' || row.quote.trim() === '')
    out.push(`${where}: \`quote\` must be the exact line that states the figure`);
  return out;
}

/**
 * The figures a training row's quote must state: the published throughput, the
 * logged step time, or the two log times of a training block.
 */
export function quotedFigures(row: EvidenceTrainingRow): number[] {
  const p = row.published ?? {};
  const figures = [p.tokensPerSecPerGpu ?? p.trainStepTimingMedianSeconds, p.blockStartMs, p.blockStopMs];
  return figures.filter((f): f is number => typeof f === 'number');
}

/** The step time a row's published figures give, by the formula its flopsConvention names; null when measured directly. */
export function derivedStepSeconds(row: EvidenceTrainingRow): number | null {
  const p = row.published ?? {};
  if (typeof p.tokensPerSecPerGpu === 'number')
    return (row.globalBatch * row.seqLen) / (p.tokensPerSecPerGpu * row.count);
  if (typeof p.blockStartMs === 'number' && typeof p.blockStopMs === 'number' && typeof p.stepsPerBlock === 'number')
    return (p.blockStopMs - p.blockStartMs) / 1000 / p.stepsPerBlock;
  return null;
}

/** Every reason this training row cannot be kept, each naming its field; empty when it can. */
export function checkTrainingEvidence(row: EvidenceTrainingRow): string[] {
  const where = `training row ${row.id || '(no id)'}`;
  const out = sourceProblems(row, where);
  if (typeof row.id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(row.id))
    out.push(`${where}: \`id\` must be lower-case letters, digits, dots and dashes`);
  if (!gpuPreset(row.gpu)) out.push(`${where}: \`gpu\` ${JSON.stringify(row.gpu)} is not a catalog GPU`);
  if (!PRECISIONS.includes(row.precision))
    out.push(`${where}: \`precision\` must be one of ${PRECISIONS.join(', ')}, got ${JSON.stringify(row.precision)}`);
  if (!RECOMPUTE.includes(row.recompute))
    out.push(`${where}: \`recompute\` must be one of ${RECOMPUTE.join(', ')}, got ${JSON.stringify(row.recompute)}`);
  const cp = row.cp ?? 1;
  const ep = row.ep ?? 1;
  const v = row.virtualStages ?? 1;
  const sizes = { count: row.count, tp: row.tp, pp: row.pp, cp, dp: row.dp, ep, virtualStages: v };
  for (const [field, value] of Object.entries(sizes))
    if (!isPositiveInt(value))
      out.push(`${where}: \`${field}\` must be a positive integer, got ${JSON.stringify(value)}`);
  if (row.tp * row.pp * cp * row.dp !== row.count)
    out.push(
      `${where}: \`count\` ${row.count} must equal tp x pp x cp x dp = ${row.tp} x ${row.pp} x ${cp} x ${row.dp}`,
    );
  if ((row.tp * row.dp) % ep !== 0) out.push(`${where}: \`ep\` ${ep} must divide tp x dp = ${row.tp * row.dp}`);
  if (!isPositiveInt(row.globalBatch) || !isPositiveInt(row.microBatchSize) || !isPositiveInt(row.seqLen))
    out.push(`${where}: \`globalBatch\`, \`microBatchSize\` and \`seqLen\` must be positive integers`);
  else if (row.globalBatch % (row.dp * row.microBatchSize) !== 0)
    out.push(
      `${where}: \`globalBatch\` ${row.globalBatch} must be a multiple of dp x microBatchSize = ${row.dp * row.microBatchSize}`,
    );
  const m = row.model as Record<string, unknown>;
  for (const field of ['layers', 'hidden', 'heads', 'vocab'])
    if (!isPositiveInt(m[field])) out.push(`${where}: \`model.${field}\` must be a positive integer`);
  const kvHeads = (m.kvHeads as number | undefined) ?? (m.heads as number);
  if ((m.heads as number) % row.tp !== 0 || kvHeads % row.tp !== 0)
    out.push(`${where}: \`model.heads\` and \`model.kvHeads\` must be divisible by tp ${row.tp}`);
  if ((m.layers as number) < row.pp * v)
    out.push(`${where}: \`model.layers\` ${m.layers} must be at least pp x virtualStages = ${row.pp * v}`);
  const step = row.measured?.stepSeconds;
  if (!(typeof step === 'number' && Number.isFinite(step) && step > 0))
    out.push(`${where}: \`measured.stepSeconds\` must be a positive number`);
  const figures = quotedFigures(row);
  if (figures.length === 0)
    out.push(
      `${where}: \`published\` must hold tokensPerSecPerGpu, trainStepTimingMedianSeconds or blockStartMs/blockStopMs, the figures quoted`,
    );
  for (const figure of figures)
    if (!quoteStates(row.quote ?? '', figure))
      out.push(`${where}: \`quote\` must state the published figure ${figure}`);
  const derived = derivedStepSeconds(row);
  if (derived !== null && typeof step === 'number' && Math.abs(step - derived) / derived > CONVERSION_TOLERANCE)
    out.push(
      `${where}: \`measured.stepSeconds\` ${step} must equal the step time its published figures give, ${derived.toFixed(4)} (see flopsConvention)`,
    );
  return out;
}

/** Every reason this serving row cannot be kept, each naming its field; empty when it can. */
export function checkServingEvidence(row: EvidenceServingRow): string[] {
  const where = `serving row ${row.id || '(no id)'}`;
  const out = sourceProblems(row, where);
  const field = EVIDENCE_SERVING_FIELD[row.kind];
  if (!field)
    out.push(
      `${where}: \`kind\` must be one of ${Object.keys(EVIDENCE_SERVING_FIELD).join(', ')}, got ${JSON.stringify(row.kind)}`,
    );
  if (!gpuPreset(row.gpu)) out.push(`${where}: \`gpu\` ${JSON.stringify(row.gpu)} is not a catalog GPU`);
  if (!PRECISIONS.includes(row.precision))
    out.push(`${where}: \`precision\` must be one of ${PRECISIONS.join(', ')}, got ${JSON.stringify(row.precision)}`);
  for (const f of ['count', 'tp', 'dp', 'batch'] as const)
    if (!isPositiveInt(row[f]))
      out.push(`${where}: \`${f}\` must be a positive integer, got ${JSON.stringify(row[f])}`);
  if (row.tp * row.dp !== row.count)
    out.push(`${where}: \`count\` ${row.count} must equal tp x dp = ${row.tp} x ${row.dp}`);
  if (row.inputLen !== null && !isPositiveInt(row.inputLen))
    out.push(`${where}: \`inputLen\` must be a positive integer, or null where the source does not state it`);
  const figure = field ? row.measured?.[field] : undefined;
  const itlMs = row.published?.itlMs;
  if (!(typeof figure === 'number' && figure > 0))
    out.push(`${where}: \`measured.${field}\` must be a positive number`);
  else if (typeof itlMs === 'number') {
    // A decode rate per user read off an inter-token latency: one token per ITL.
    if (!quoteStates(row.quote ?? '', itlMs))
      out.push(`${where}: \`quote\` must state the inter-token latency ${itlMs}`);
    if (field === 'tokPerSecPerUser' && Math.abs(figure - 1000 / itlMs) / figure > CONVERSION_TOLERANCE)
      out.push(
        `${where}: \`measured.tokPerSecPerUser\` ${figure} must equal 1000 / published.itlMs = ${(1000 / itlMs).toFixed(2)}`,
      );
  } else if (!quoteStates(row.quote ?? '', figure))
    out.push(`${where}: \`quote\` must state the measured figure ${figure}`);
  return out;
}

/** Why the scenario format cannot express this row yet, or null when it can. */
export function inexpressibleReason(row: EvidenceTrainingRow): string | null {
  const cp = row.cp ?? 1;
  return cp > 1 ? `context parallelism ${cp}: the scenario format has no context-parallel dimension` : null;
}

/** The row's scenario with the switches its source states applied (as ROW_SETTINGS does for fixture rows). */
export function evidenceScenario(row: EvidenceTrainingRow): Record<string, unknown> {
  const base = scenarioOfTrainingRun(row) as Record<string, Record<string, unknown>>;
  if (!row.settings) return base;
  return {
    ...base,
    workload: { ...base.workload, ...row.settings.workload },
    parallel: { ...base.parallel, ...row.settings.parallel },
  };
}
