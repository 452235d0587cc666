/**
 * The serving panel's lines: each metric with its value and the definition
 * the page states (throughputs are ambiguous without one). Pure, so the
 * wording is tested without rendering.
 */
import type { Evaluation } from '../../core';
import { errorBandOf, type ErrorBand, type ServingFigure } from '../../core';
import { formatGB, formatSeconds, grouped } from '../format';

export interface ServingLine {
  key: string;
  label: string;
  value: string;
  definition: string;
  /** ± the model's error for the phase the figure measures; absent for the KV-cache limit, an exact sum. */
  band?: ErrorBand;
}

/** Which published class each predicted line is measured as (calibration's serving rows). */
const LINE_FIGURE: Record<string, ServingFigure> = {
  ttft: 'prefill',
  prefill: 'prefill',
  tpot: 'decode',
  decode: 'decode',
  e2e: 'static',
  output: 'static',
};

/** The lines with the band of each predicted figure. */
export function servingLinesWithBands(e: Evaluation): ServingLine[] | null {
  return (
    servingLines(e)?.map((l) => {
      const band = LINE_FIGURE[l.key] ? errorBandOf(e, LINE_FIGURE[l.key]) : null;
      return band ? { ...l, band } : l;
    }) ?? null
  );
}

const tokens = (x: number, unit: string) => (Number.isFinite(x) ? `${grouped(Math.round(x))} ${unit}` : '–');

export function servingLines(e: Evaluation): ServingLine[] | null {
  const sv = e.serving;
  if (!sv) return null;
  const w = e.scenario.workload;
  const p = e.scenario.parallel;
  const gpus = p.tp * p.pp * p.dp;
  const b = w.globalBatch;
  return [
    {
      key: 'ttft',
      label: 'Time to first token',
      value: formatSeconds(sv.ttftSeconds),
      definition: `Prefill of all ${b} prompts of ${w.seqLen} tokens together; the first output token leaves with it.`,
    },
    {
      key: 'tpot',
      label: 'Time per output token',
      value: `${formatSeconds(sv.tpotSeconds)} (${tokens(sv.tokensPerSecPerUser, 'tok/s per user')})`,
      definition: `One decode step of the whole batch, averaged while the KV cache grows from ${w.seqLen} to ${w.seqLen + w.decodeTokens} tokens.`,
    },
    {
      key: 'e2e',
      label: 'End to end',
      value: formatSeconds(sv.endToEndSeconds),
      definition: `The static batch: TTFT + (${w.decodeTokens} − 1) × TPOT for ${w.decodeTokens} output tokens per sequence.`,
    },
    {
      key: 'prefill',
      label: 'Prefill throughput',
      value: tokens(sv.prefillTokensPerSec, 'prompt tok/s'),
      definition: `${b} × ${w.seqLen} prompt tokens / TTFT, all ${gpus} GPUs together.`,
    },
    {
      key: 'decode',
      label: 'Decode throughput',
      value: tokens(sv.decodeTokensPerSec, 'tok/s'),
      definition: `${b} sequences / TPOT: output tokens per second while the batch decodes, all GPUs together.`,
    },
    {
      key: 'output',
      label: 'Output throughput',
      value: `${tokens(sv.outputTokensPerSec, 'tok/s')} (${tokens(sv.outputTokensPerSecPerGpu, 'per GPU')})`,
      definition: `${b} × ${w.decodeTokens} output tokens / end to end: prefill time included, as static-batch benchmarks count it.`,
    },
    {
      key: 'maxBatch',
      label: 'Largest batch the KV cache allows',
      value: `${grouped(Math.round(sv.maxBatchByKv))} sequences`,
      definition: `Sequences of ${w.seqLen + w.decodeTokens} tokens whose cache (${formatGB(sv.kvBytesPerSequence, 3)} each per GPU, at the KV format) fits beside weights, working memory and reserve, × ${p.dp} data-parallel replicas.`,
    },
  ];
}
