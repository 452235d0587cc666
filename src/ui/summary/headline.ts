/** The key numbers of an evaluation as label/value pairs, in reading order. */
import type { Evaluation } from '../../core';
import type { MetricId } from '../../core';
import { METRICS } from '../../core';
import { BANDED_METRICS, errorBandOf, type ErrorBand } from '../../core';
import { formatCount, formatGB, formatPct, formatSeconds, formatTokensPerSec } from '../format';

export interface HeadlineItem {
  /** Also the id of the number's derivation ("Show the math"). */
  id: MetricId;
  label: string;
  value: string;
  /** Smaller context under the value. */
  sub?: string;
  /** Flags a number that breaks a hard limit (memory over capacity). */
  bad?: boolean;
  /** ± the model's error for this figure's class of run; absent for exact figures (parameters, memory). */
  band?: ErrorBand;
}

export function headlineItems(e: Evaluation): HeadlineItem[] {
  const band = errorBandOf(e);
  return headlineFigures(e).map((h) => (band && BANDED_METRICS.has(h.id) ? { ...h, band } : h));
}

function headlineFigures(e: Evaluation): HeadlineItem[] {
  const { peakBytes, capacityBytes, peakStage } = e.memory;
  const over = peakBytes > capacityBytes;
  const training = e.scenario.workload.mode === 'training';
  return [
    {
      id: 'latency',
      label: (training && METRICS.latency.trainingLabel) || METRICS.latency.label,
      value: formatSeconds(e.latencySeconds),
    },
    { id: 'throughput', label: METRICS.throughput.label, value: formatTokensPerSec(e.throughputTokensPerSec) },
    { id: 'mfu', label: METRICS.mfu.label, value: formatPct(e.mfu * 100), sub: 'model FLOPs / peak' },
    {
      id: 'memory',
      label: 'Peak memory',
      value: `${formatGB(peakBytes)} / ${formatGB(capacityBytes)}`,
      sub: over
        ? `✗ over capacity by ${formatGB(peakBytes - capacityBytes)} (stage ${peakStage})`
        : `${formatPct((peakBytes / capacityBytes) * 100)} of capacity (stage ${peakStage})`,
      bad: over,
    },
    {
      id: 'params',
      label: 'Parameters',
      value: `${formatCount(e.params.total)} total`,
      sub: `${formatCount(e.params.active)} active per token`,
    },
    // With a pipeline, its bubble: the simulated share, beside the schedule's textbook formula.
    ...(e.pipeline.stages > 1
      ? [
          {
            id: 'bubble' as const,
            label: METRICS.bubble.label,
            value: formatPct(e.pipeline.simulatedBubbleFraction * 100),
            sub: e.pipeline.analyticApplies
              ? `textbook ${formatPct(e.pipeline.analyticBubbleFraction * 100)}`
              : 'no textbook value',
          },
        ]
      : []),
  ];
}
