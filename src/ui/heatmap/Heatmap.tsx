/**
 * GPU-grid heatmap: one cell per GPU rank, boxed by server node, coloured by
 * a chosen metric. Props only (the lead wires the store). Hover shows a
 * tooltip; click, or arrow keys on the focused grid, select a GPU and outline
 * its TP group, EP group, pipeline stage and DP replicas; click again or
 * Escape clears.
 *
 * @example
 *   <Heatmap evaluation={e} metric="memory" onMetricChange={setMetric}
 *            selectedRank={gpu} onSelect={setGpu} />
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Evaluation } from '../../core';
import { HEATMAP_METRICS, type HeatmapMetric } from '../../state/view';
import { formatValue } from './colour';
import { GpuDetails, GpuTitle } from './GpuDetails';
import { groupOf } from './groups';
import { relatedRanks, selectionOutlines } from './highlight';
import { HeatmapCanvas } from './HeatmapCanvas';
import { HeatmapSvg } from './HeatmapSvg';
import { heatmapLayout, hitTest, neighbour, type HeatmapLayout, type NavKey } from './layout';
import { HeatmapLegend, RelationLegend, StateLegend } from './Legend';
import { countsText, withPlayStates, type PlayStates } from './playState';
import { ChartTooltip } from '../chart/Tooltip';
import { useWidth } from '../chart/useWidth';
import css from './Heatmap.module.css';

/** Above this many GPUs the grid is drawn on a canvas. */
export const HEATMAP_SVG_MAX = 1024;

export interface HeatmapProps {
  evaluation: Evaluation;
  metric: HeatmapMetric;
  onMetricChange(metric: HeatmapMetric): void;
  selectedRank: number | null;
  onSelect(rank: number | null): void;
  /** Pipeline playback: colour each GPU by what its stage does at the cursor instead of by the metric. */
  playback?: (PlayStates & { caption?: ReactNode }) | null;
}

const NAV_KEYS = new Set<string>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** "Peak memory…" → "peak memory…", but "TP and EP…" stays. */
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function isDense(e: Evaluation): boolean {
  return e.scenario.model.moe === null || e.routing === null;
}

/** One sentence for screen readers: what is drawn and the range of values. */
export function heatmapSummary(layout: HeatmapLayout, gpusPerNode: number): string {
  const n = layout.cells.length;
  const meta = HEATMAP_METRICS.find((m) => m.id === layout.metric)!;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of layout.cells) {
    if (!c.inCluster) continue;
    lo = Math.min(lo, c.value);
    hi = Math.max(hi, c.value);
  }
  const range = !layout.applicable
    ? 'not applicable to a dense model'
    : Number.isFinite(lo)
      ? `from ${formatValue(layout.metric, lo)} to ${formatValue(layout.metric, hi)}`
      : 'no GPUs in the cluster';
  const parts = [
    `${n} GPU ranks in ${layout.frames.length} nodes of ${gpusPerNode}, coloured by ${meta.label.toLowerCase()}: ${range}.`,
  ];
  if (layout.missing > 0) parts.push(`${layout.missing} of ${n} ranks have no GPU.`);
  if (layout.alarms > 0) parts.push(`${layout.alarms} GPUs are over memory capacity.`);
  return parts.join(' ');
}

export function Heatmap({ evaluation, metric, onMetricChange, selectedRank, onSelect, playback = null }: HeatmapProps) {
  const [measureRef, width] = useWidth<HTMLDivElement>(720);
  const selectId = useId();
  const perGpu = evaluation.perGpu;
  const gpusPerNode = evaluation.scenario.hardware.gpusPerNode;
  const dense = isDense(evaluation);
  const metricLayout = useMemo(
    () =>
      heatmapLayout({
        perGpu,
        gpusPerNode,
        width,
        metric,
        capacityBytes: evaluation.memory.capacityBytes,
        stepSeconds: evaluation.time.stepSeconds,
        dense,
      }),
    [perGpu, gpusPerNode, width, metric, evaluation.memory.capacityBytes, evaluation.time.stepSeconds, dense],
  );
  const played = useMemo(
    () => (playback ? withPlayStates(metricLayout, perGpu, playback) : null),
    [metricLayout, perGpu, playback],
  );
  const layout = played?.layout ?? metricLayout;
  // A stale rank (from a link to a bigger strategy) selects nothing.
  const selected = selectedRank !== null && layout.indexOfRank.has(selectedRank) ? selectedRank : null;
  const groups = useMemo(() => (selected === null ? null : groupOf(perGpu, selected)), [perGpu, selected]);
  const outlines = useMemo(() => selectionOutlines(layout, groups, !dense), [layout, groups, dense]);
  const related = useMemo(() => relatedRanks(groups, !dense), [groups, dense]);
  const [hover, setHover] = useState<{ rank: number; x: number; y: number } | null>(null);
  const cursor = useRef<number | null>(null);

  const n = perGpu.length;
  const summary = played
    ? `${n} GPU ranks; at the playback cursor: ${countsText(played.counts)}.`
    : heatmapSummary(layout, gpusPerNode);
  const meta = HEATMAP_METRICS.find((m) => m.id === metric)!;
  const useCanvas = n > HEATMAP_SVG_MAX;
  const entry = (rank: number | null) => (rank === null ? undefined : perGpu[layout.indexOfRank.get(rank) ?? -1]);
  const hovered = hover ? entry(hover.rank) : undefined;
  const selectedEntry = entry(selected);

  const local = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerMove = (e: MouseEvent<HTMLDivElement>) => {
    const p = local(e);
    const rank = hitTest(layout, p.x, p.y);
    setHover(rank === null ? null : { rank, ...p });
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const p = local(e);
    const rank = hitTest(layout, p.x, p.y);
    if (rank !== null) cursor.current = rank;
    onSelect(rank === null || rank === selected ? null : rank);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (NAV_KEYS.has(e.key)) {
      e.preventDefault();
      const next = neighbour(layout, selected ?? cursor.current, e.key as NavKey);
      cursor.current = next;
      onSelect(next);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (selected !== null) onSelect(null);
      else {
        const start =
          cursor.current !== null && layout.indexOfRank.has(cursor.current)
            ? cursor.current
            : (layout.cells[0]?.rank ?? null);
        cursor.current = start;
        onSelect(start);
      }
    } else if (e.key === 'Escape' && selected !== null) {
      e.preventDefault();
      onSelect(null);
    }
  };

  return (
    <section
      className={css.root}
      data-testid="heatmap"
      data-cells={n}
      data-metric={metric}
      data-selected={selected ?? ''}
      data-render={useCanvas ? 'canvas' : 'svg'}
      data-playback={played ? 'on' : undefined}
      data-states={played ? playback!.stages.map((st) => st.state).join(' ') : undefined}
    >
      <div className={css.header}>
        {played ? (
          <p className="what">
            Each square is one GPU, boxed by server node; colour shows what it does at the pipeline playback cursor. All
            GPUs of a pipeline stage do the same. {playback!.caption}
          </p>
        ) : (
          <p className="what">
            Each square is one GPU, boxed by server node; colour shows {lowerFirst(meta.description)}. Click a GPU, or
            focus the grid and use the arrow keys, to outline the GPUs it works with.
          </p>
        )}
        <label className={css.picker} htmlFor={selectId}>
          Colour by
          <select id={selectId} value={metric} onChange={(e) => onMetricChange(e.currentTarget.value as HeatmapMetric)}>
            {HEATMAP_METRICS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label} ({m.unit})
              </option>
            ))}
          </select>
        </label>
      </div>
      {layout.missing > 0 && (
        <p className={css.caption} data-testid="heatmap-missing">
          {layout.missing} of {n} ranks have no GPU: the strategy needs {n} GPUs, the cluster has{' '}
          {evaluation.scenario.hardware.count}.
        </p>
      )}
      {!layout.applicable && <p className={css.na}>Dense model: no experts, so expert load does not apply.</p>}
      <div ref={measureRef} className={css.measure}>
        {n === 0 ? (
          <p className="muted">
            {evaluation.perGpu.length === 0 && evaluation.scenario.hardware.count > 1
              ? `Too many GPUs to draw one by one (the strategy asks for ${(evaluation.scenario.parallel.tp * evaluation.scenario.parallel.pp * evaluation.scenario.parallel.dp).toLocaleString('en-US')}); the grid draws up to 32,768.`
              : 'No GPUs to show.'}
          </p>
        ) : (
          <div
            className={css.plot}
            style={{ width: layout.width, height: layout.height }}
            tabIndex={0}
            role="group"
            aria-label={`GPU grid. ${summary} Arrow keys select a GPU, Escape clears.`}
            aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter Escape"
            onPointerMove={onPointerMove}
            onPointerLeave={() => setHover(null)}
            onClick={onClick}
            onKeyDown={onKeyDown}
          >
            {useCanvas ? (
              <HeatmapCanvas layout={layout} outlines={outlines} related={related} ariaLabel={summary} />
            ) : (
              <HeatmapSvg layout={layout} outlines={outlines} related={related} ariaLabel={summary} />
            )}
            {hover && hovered && (
              <ChartTooltip x={hover.x} y={hover.y} boxWidth={layout.width} boxHeight={layout.height}>
                <GpuTitle g={hovered} />
                <GpuDetails g={hovered} evaluation={evaluation} dense={dense} />
              </ChartTooltip>
            )}
          </div>
        )}
      </div>
      {played ? (
        <StateLegend counts={played.counts} weights={playback!.weights} />
      ) : (
        <HeatmapLegend layout={layout} width={width} />
      )}
      {selectedEntry && groups ? (
        <div className={css.selection} data-testid="heatmap-selection">
          <div>
            <GpuTitle g={selectedEntry} />
            <GpuDetails g={selectedEntry} evaluation={evaluation} dense={dense} />
          </div>
          <RelationLegend groups={groups} showEp={!dense} />
        </div>
      ) : (
        <p className={css.hint}>No GPU selected.</p>
      )}
      <div className={css.srOnly} aria-live="polite">
        {selectedEntry
          ? `Selected GPU ${selectedEntry.rank}, node ${selectedEntry.node}, ${layout.cells[layout.indexOfRank.get(selectedEntry.rank)!].label}.`
          : ''}
      </div>
    </section>
  );
}
