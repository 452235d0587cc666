/**
 * How a metric changes across the sequence-length range: a line per metric
 * with the target as a dashed line, the scenario's own length marked, and
 * lengths that miss the target drawn as red crosses (shape, not just colour).
 */
import { useId, useMemo, useState } from 'react';
import type { Evaluation, Sweep } from '../../core';
import type { Targets } from '../../core';
import { useWidth } from '../chart/useWidth';
import { SWEEP_METRICS, sweepMetric, type SweepMetric, type SweepMetricId } from './metrics';
import { besideLine } from '../chart/lineChart';
import { sweepLayout, type SweepLayout } from './sweepLayout';
import css from './SweepChart.module.css';
import { grouped } from '../format';

export interface SweepChartProps {
  evaluation: Evaluation;
  /** Targets to draw; defaults to the scenario's own (evaluation.scenario.targets). */
  targets?: Targets;
  /** Selected metric; leave out to let the chart keep its own selection. */
  metric?: SweepMetricId;
  onMetricChange?(metric: SweepMetricId): void;
}

const HEIGHT = 230;

export function SweepChart({ evaluation, targets, metric: metricProp, onMetricChange }: SweepChartProps) {
  const [own, setOwn] = useState<SweepMetricId>('latency');
  const metric = sweepMetric(metricProp ?? own);
  const select = (id: SweepMetricId) => {
    setOwn(id);
    onMetricChange?.(id);
  };
  const uid = useId();
  const titleId = `${uid}-title`;
  const { sweep } = evaluation;
  return (
    <section className="panel" aria-labelledby={titleId} data-testid="sweep-chart">
      <div className="panel-header">
        <h2 id={titleId}>Across sequence lengths</h2>
        {sweep && (
          <span className="muted num">
            {sweep.points.length} lengths, {grouped(sweep.min.seqLen)}–{grouped(sweep.max.seqLen)} tokens
          </span>
        )}
      </div>
      <p className="what">
        How the chosen metric changes with sequence length (log scale); the dashed line is its target and the vertical
        line this scenario's length.
      </p>
      {sweep ? (
        <>
          <MetricPicker name={`${uid}-metric`} value={metric.id} onChange={select} />
          <SweepPlot
            sweep={sweep}
            metric={metric}
            target={metric.target(targets ?? evaluation.scenario.targets, evaluation)}
            evaluation={evaluation}
          />
        </>
      ) : (
        <p className={css.empty} data-testid="sweep-empty">
          No sweep yet. Tick “Report across a sequence-length range” under Workload (<code>workload.seqLenRange</code>)
          to see latency, throughput, memory and communication from its shortest to its longest length.
        </p>
      )}
    </section>
  );
}

function MetricPicker({
  name,
  value,
  onChange,
}: {
  name: string;
  value: SweepMetricId;
  onChange(id: SweepMetricId): void;
}) {
  return (
    <fieldset className={css.picker}>
      <legend className={css.pickerLegend}>Metric</legend>
      {SWEEP_METRICS.map((m) => (
        <label key={m.id} className={`${css.chip} ${m.id === value ? css.chipOn : ''}`}>
          <input
            type="radio"
            name={name}
            value={m.id}
            checked={m.id === value}
            onChange={() => onChange(m.id)}
            className={css.radio}
          />
          {m.label}
        </label>
      ))}
    </fieldset>
  );
}

interface SweepPlotProps {
  sweep: Sweep;
  metric: SweepMetric;
  target: number | null;
  evaluation: Evaluation;
}

function SweepPlot({ sweep, metric, target, evaluation }: SweepPlotProps) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const currentSeqLen = evaluation.scenario.workload.seqLen;
  const layout = useMemo(
    () => sweepLayout(sweep, metric, { width, height: HEIGHT, target, currentSeqLen }),
    [sweep, metric, width, target, currentSeqLen],
  );
  const missed = layout.points.filter((p) => p.outside);
  const op = metric.kind === 'max' ? '≤' : '≥';
  return (
    <>
      <div ref={ref} className={css.chart}>
        <svg
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label={describe(layout, metric)}
          className={css.svg}
          data-metric={metric.id}
        >
          <Axes layout={layout} metric={metric} />
          {layout.current && (
            <g data-testid="sweep-current">
              <line
                x1={layout.current.x}
                x2={layout.current.x}
                y1={layout.plotTop}
                y2={layout.plotBottom}
                className={css.current}
              />
              <text {...besideLine(layout.current, 4)} y={layout.plotTop + 10} className={css.currentLabel}>
                this scenario: {grouped(layout.current.at)}
              </text>
            </g>
          )}
          {layout.target && (
            <g data-testid="sweep-target" data-y={layout.target.y}>
              <line
                x1={layout.plotLeft}
                x2={layout.plotRight}
                y1={layout.target.y}
                y2={layout.target.y}
                className={css.target}
              />
              <text
                x={layout.target.labelSide === 'end' ? layout.plotRight - 2 : layout.plotLeft + 4}
                y={layout.target.y - 4}
                textAnchor={layout.target.labelSide === 'end' ? 'end' : 'start'}
                className={css.targetLabel}
              >
                target {op} {metric.format(layout.target.value)}
              </text>
            </g>
          )}
          <path d={layout.path} className={css.line} data-testid="sweep-line" data-points={layout.points.length} />
          {layout.points
            .filter((p) => p.value !== null)
            .map((p) => (
              <g
                key={p.at}
                transform={`translate(${p.x},${p.y})`}
                data-outside={p.outside}
                className={p.outside ? css.miss : css.point}
              >
                <title>{`${grouped(p.at)} tokens: ${formatValue(metric, p.value)}${p.outside ? ' (misses the target)' : ''}`}</title>
                {p.outside ? <path d="M-5,-5L5,5M-5,5L5,-5" /> : <circle r={3.5} />}
              </g>
            ))}
        </svg>
      </div>
      <p className={css.verdict} data-testid="sweep-verdict">
        {target === null ? (
          <span className="muted">No {metric.label.toLowerCase()} target set.</span>
        ) : missed.length === 0 ? (
          <span className={css.ok}>
            ✓ Every length meets the target ({op} {metric.format(target)}).
          </span>
        ) : (
          <span className={css.bad}>
            ✗ {missed.length} of {layout.points.length} lengths miss the target ({op} {metric.format(target)}):{' '}
            {missed.map((p) => grouped(p.at)).join(', ')} tokens.
          </span>
        )}
      </p>
      <details className={css.data}>
        <summary>Data</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Sequence length</th>
              <th scope="col">{metric.label}</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {layout.points.map((p) => (
              <tr key={p.at}>
                <td className="num">{grouped(p.at)}</td>
                <td className="num">{formatValue(metric, p.value)}</td>
                <td>{target === null ? '–' : p.outside ? '✗ misses' : '✓ meets'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function Axes({ layout, metric }: { layout: SweepLayout; metric: SweepMetric }) {
  return (
    <g aria-hidden="true">
      {layout.yTicks.map((t) => (
        <g key={t.label}>
          <line x1={layout.plotLeft} x2={layout.plotRight} y1={t.y} y2={t.y} className={css.grid} />
          <text x={layout.plotLeft - 6} y={t.y} textAnchor="end" dominantBaseline="middle" className={css.tick}>
            {t.label}
          </text>
        </g>
      ))}
      {layout.xTicks.map((t) => (
        <g key={t.label}>
          <line x1={t.x} x2={t.x} y1={layout.plotBottom} y2={layout.plotBottom + 4} className={css.axis} />
          <text x={t.x} y={layout.plotBottom + 15} textAnchor="middle" className={css.tick}>
            {t.label}
          </text>
        </g>
      ))}
      <line
        x1={layout.plotLeft}
        x2={layout.plotRight}
        y1={layout.plotBottom}
        y2={layout.plotBottom}
        className={css.axis}
      />
      <text
        x={(layout.plotLeft + layout.plotRight) / 2}
        y={layout.height - 3}
        textAnchor="middle"
        className={css.axisTitle}
      >
        Sequence length (tokens, log scale)
      </text>
      <text x={4} y={layout.plotTop - 12} className={css.axisTitle}>
        {metric.axisTitle}
      </text>
    </g>
  );
}

function describe(layout: SweepLayout, metric: SweepMetric): string {
  const pts = layout.points.map((p) => `${p.at} tokens ${formatValue(metric, p.value)}`).join('; ');
  return `${metric.label} across sequence lengths: ${pts}.`;
}

/** A point without a value (not finite) reads as a dash. */
function formatValue(metric: SweepMetric, v: number | null): string {
  return v === null ? '–' : metric.format(v);
}
