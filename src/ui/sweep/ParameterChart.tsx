/**
 * A headline metric against one parameter (issue 9, item 4): a point per
 * value the strategy rules allow, the line broken where a value cannot run
 * (a red ✕ on the axis, the reason on hover), the scenario's own value
 * marked. The sweep comes from the worker (core/evaluate/parameterSweep.ts).
 */
import { useId, useMemo } from 'react';
import { useExplorer } from '../../state/react';
import { DEFAULT_PARAM_CHART } from '../../state/view';
import type { Evaluation } from '../../core';
import { SWEEP_PARAMETERS, sweepParameter, type ParameterSweepResult, type SweepParameterId } from '../../core';
import { besideLine } from '../chart/lineChart';
import { useWidth } from '../chart/useWidth';
import { formatTokens } from './metrics';
import { plural } from '../format';
import { PARAM_METRICS, paramMetric, type ParamMetric, type ParamMetricId } from './parameterMetrics';
import { paramLayout, type ParamLayout } from './parameterLayout';
import { useParameterSweep } from './useParameterSweep';
import css from './ParameterChart.module.css';

export interface ParameterChartProps {
  evaluation: Evaluation;
}

const HEIGHT = 260;

export function ParameterChart({ evaluation }: ParameterChartProps) {
  // The choice lives in the view (`view.vs` in the link), so a shared link shows the same chart.
  const choice = useExplorer((s) => s.view.vs ?? DEFAULT_PARAM_CHART);
  const setView = useExplorer((s) => s.setView);
  const metricId = choice.metric;
  const parameter = choice.parameter;
  const setMetric = (metric: ParamMetricId) => setView({ vs: { ...choice, metric } });
  const setParameter = (p: SweepParameterId) => setView({ vs: { ...choice, parameter: p } });
  const uid = useId();
  const training = evaluation.scenario.workload.mode === 'training';
  const metric = paramMetric(metricId);
  const run = useParameterSweep(evaluation.scenario, parameter);
  const param = sweepParameter(parameter);
  const sweep = run.sweep && run.sweep.parameter === parameter ? run.sweep : null;
  return (
    <section
      className="panel"
      aria-labelledby={`${uid}-title`}
      data-testid="param-chart"
      data-status={run.status}
      data-parameter={sweep?.parameter ?? ''}
      data-metric={metric.id}
    >
      <div className="panel-header">
        <h2 id={`${uid}-title`}>Metric against a parameter</h2>
        {sweep && <span className="muted num">{countLine(sweep)}</span>}
      </div>
      <p className="what">
        The chosen metric at each value of one parameter, everything else held ({param.held}
        {parameter === 'tp' || parameter === 'pp' ? `: ${sweep?.gpus ?? '…'} GPUs` : ''}). A red ✕ on the axis: that
        value cannot run (hover for why).
      </p>
      {sweep && !sweep.points.some((p) => p.current) && (parameter === 'tp' || parameter === 'pp') ? (
        <p className={css.note} data-testid="param-not-on-sweep">
          This scenario&rsquo;s own strategy is not on the sweep: it asks for TP × PP × DP ={' '}
          {plural(
            evaluation.scenario.parallel.tp * evaluation.scenario.parallel.pp * evaluation.scenario.parallel.dp,
            'GPU',
          )}
          , the sweep uses the cluster&rsquo;s {sweep.gpus}.
        </p>
      ) : null}
      <div className={css.selects}>
        <label>
          Metric{' '}
          <select
            value={metric.id}
            onChange={(e) => setMetric(e.target.value as ParamMetricId)}
            data-testid="param-metric"
          >
            {PARAM_METRICS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label(training)}
              </option>
            ))}
          </select>
        </label>
        <label>
          against{' '}
          <select
            value={parameter}
            onChange={(e) => setParameter(e.target.value as SweepParameterId)}
            data-testid="param-parameter"
          >
            {SWEEP_PARAMETERS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {run.status === 'error' ? (
        <p className={css.note} role="alert">
          The sweep failed: {run.error}
        </p>
      ) : !sweep ? (
        <p className={css.note}>Evaluating every value of {param.label}…</p>
      ) : (
        <ParamPlot
          sweep={sweep}
          metric={metric}
          training={training}
          target={metric.target(evaluation.scenario.targets, currentMetrics(sweep, evaluation))}
          stale={run.status === 'running'}
        />
      )}
    </section>
  );
}

function countLine(sweep: ParameterSweepResult): string {
  const allowed = sweep.points.filter((p) => p.allowed).length;
  const runs = sweep.points.filter((p) => p.runs).length;
  return `${sweep.points.length} values: ${allowed} allowed by the rules, ${runs} can run`;
}

/** The current point's metrics (for a target given as a share of capacity), else the page's. */
function currentMetrics(sweep: ParameterSweepResult, e: Evaluation) {
  return sweep.points.find((p) => p.current)?.metrics ?? ({ capacityBytes: e.memory.capacityBytes } as never);
}

export function valueLabel(parameter: SweepParameterId, v: number): string {
  return parameter === 'seqLen' ? formatTokens(v) : String(v);
}

interface PlotProps {
  sweep: ParameterSweepResult;
  metric: ParamMetric;
  training: boolean;
  target: number | null;
  stale: boolean;
}

function ParamPlot({ sweep, metric, training, target, stale }: PlotProps) {
  const [ref, width] = useWidth<HTMLDivElement>(560);
  const param = sweepParameter(sweep.parameter);
  const layout = useMemo(
    () => paramLayout(sweep, metric, { width, height: HEIGHT, target, label: (v) => valueLabel(sweep.parameter, v) }),
    [sweep, metric, width, target],
  );
  const name = metric.label(training);
  const op = metric.kind === 'max' ? '≤' : '≥';
  const hover = (p: ParamLayout['points'][number]) =>
    `${param.label} ${valueLabel(sweep.parameter, p.at)}${p.datum.dp !== undefined && (sweep.parameter === 'tp' || sweep.parameter === 'pp') ? ` (DP ${p.datum.dp})` : ''}${p.datum.current ? ', this scenario' : ''}: ` +
    (p.value !== null
      ? `${metric.format(p.value)}${p.outside ? ' (misses the target)' : ''}`
      : `cannot run. ${p.datum.reason ?? ''}`);
  return (
    <>
      {sweep.note && <p className={css.note}>{sweep.note}</p>}
      {!sweep.points.some((p) => p.runs) && (
        <p className={css.note} data-testid="param-none">
          No value of {param.label} can run:{' '}
          {sweep.points.find((p) => p.current)?.reason ?? sweep.points[0]?.reason ?? ''}
        </p>
      )}
      <div ref={ref} className={`${css.chart} ${stale ? css.stale : ''}`}>
        <svg
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label={`${name} against ${param.label}: ${layout.points.map(hover).join('; ')}`}
          className={css.svg}
        >
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
              <text key={t.label} x={t.x} y={layout.plotBottom + 18} textAnchor="middle" className={css.tick}>
                {t.label}
              </text>
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
              y={layout.height - 4}
              textAnchor="middle"
              className={css.axisTitle}
            >
              {param.axisTitle}, log scale
            </text>
            <text x={4} y={layout.plotTop - 12} className={css.axisTitle}>
              {metric.axisTitle(training, layout.max)}
            </text>
          </g>
          {layout.current && (
            <g data-testid="param-current">
              <line
                x1={layout.current.x}
                x2={layout.current.x}
                y1={layout.plotTop}
                y2={layout.plotBottom}
                className={css.current}
              />
              <text {...besideLine(layout.current, 5)} y={layout.plotTop + 12} className={css.label}>
                this scenario: {param.label} {valueLabel(sweep.parameter, layout.current.at)}
              </text>
            </g>
          )}
          {layout.target && (
            <g data-testid="param-target">
              <line
                x1={layout.plotLeft}
                x2={layout.plotRight}
                y1={layout.target.y}
                y2={layout.target.y}
                className={css.target}
              />
              <text x={layout.plotRight - 2} y={layout.target.y - 5} textAnchor="end" className={css.label}>
                target {op} {metric.format(layout.target.value)}
              </text>
            </g>
          )}
          <path d={layout.path} className={css.line} />
          {layout.points.map((p) => (
            <g
              key={p.at}
              data-testid="param-point"
              data-value={p.at}
              data-kind={p.y === null ? 'gap' : 'point'}
              data-allowed={p.datum.allowed}
              data-current={p.datum.current}
              transform={`translate(${p.x},${p.y ?? layout.plotBottom})`}
              className={p.y === null ? css.gap : p.outside ? css.miss : css.point}
            >
              <title>{hover(p)}</title>
              {p.y === null ? <path d="M-6,-6L6,6M-6,6L6,-6" /> : <circle r={p.datum.current ? 6 : 4.5} />}
              {/* A larger transparent target for the pointer. */}
              <circle r={11} className={css.hit} />
            </g>
          ))}
        </svg>
      </div>
      <details className={css.data}>
        <summary>Data</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{param.label}</th>
              {sweep.parameter === 'tp' || sweep.parameter === 'pp' ? <th scope="col">DP</th> : null}
              <th scope="col">{name}</th>
              <th scope="col">Can it run?</th>
            </tr>
          </thead>
          <tbody>
            {layout.points.map((p) => (
              <tr key={p.at} aria-current={p.datum.current ? 'true' : undefined}>
                <td className="num">
                  {valueLabel(sweep.parameter, p.at)}
                  {p.datum.current ? ' (this scenario)' : ''}
                </td>
                {sweep.parameter === 'tp' || sweep.parameter === 'pp' ? <td className="num">{p.datum.dp}</td> : null}
                <td className="num">{p.value === null ? '–' : metric.format(p.value)}</td>
                <td>{p.datum.runs ? 'yes' : `no: ${p.datum.reason ?? ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
