/**
 * Pipeline Gantt chart: one row per pipeline stage, the simulated F / B / W
 * blocks of every micro-batch, exposed communication at the end of each
 * block (TP striped, EP dotted), bubbles, and stage-to-stage transfers. Zoom is controlled
 * (props zoom / onZoom) so the lead can keep it in the URL: the wheel zooms
 * around the pointer (a sideways swipe or Shift+wheel pans), + / − zoom
 * around the window's centre, dragging pans, Reset shows the whole step.
 *
 * @example
 *   <Gantt evaluation={e} zoom={view.zoom} onZoom={setZoom} />
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { BUBBLE_TERMS, scheduleById, type Evaluation } from '../../core';
import { formatSeconds } from '../format';
import { ChartTooltip } from '../chart/Tooltip';
import { useWidth } from '../chart/useWidth';
import { DurationsTable } from './DurationsTable';
import { LayerPartsTable } from './LayerPartsTable';
import { GanttCanvas } from './GanttCanvas';
import { GanttSvg } from './GanttSvg';
import { bubbleAt, ganttLayout, hitTest, type GanttBlock, type GanttBubble, type GanttLayout } from './layout';
import { ghostMarks, type GanttGhost } from './ghost';
import { GanttLegend } from './Legend';
import { useLabelFont } from './useLabelFont';
import { panBy, wheelFactor, zoomAround, type Window } from './zoom';
import css from './Gantt.module.css';

/** Above this many timeline blocks the marks are drawn on a canvas. */
export const GANTT_SVG_MAX = 2000;
const STEP = 2;

export interface GanttProps {
  evaluation: Evaluation;
  /** Visible window in seconds, or null for the whole pipeline. */
  zoom: [number, number] | null;
  onZoom(zoom: [number, number] | null): void;
  /** Draw the time axis at least this long (seconds): a shorter step then draws shorter. */
  axisEnd?: number | null;
  /** A previous schedule drawn faintly behind this one ("before / after"). */
  ghost?: GanttGhost | null;
  /** Drawn over the plot (the playback cursor); it gets the layout for its time scale. */
  overlay?: (layout: GanttLayout) => ReactNode;
  /** Controls shown just above the chart (the playback bar). */
  toolbar?: ReactNode;
  /** Row-label gutter sized as for this many stages, so two charts' plots start at the same x. */
  gutterStages?: number;
  /** Just the chart and its legend: no explanation and no side tables (the compare view). */
  compact?: boolean;
}

export function ganttSummary(e: Evaluation, layout: GanttLayout): string {
  const p = e.pipeline;
  return (
    `Pipeline schedule ${scheduleById(p.schedule).label}: ${p.stages} stages × ${p.microBatches} micro-batches` +
    (p.virtualStages > 1 ? ` (${p.virtualStages} chunks per GPU)` : '') +
    `, ${e.timeline.length} blocks over ${formatSeconds(layout.makespan)}; ${BUBBLE_TERMS.simulated.label.toLowerCase()} ${(p.simulatedBubbleFraction * 100).toFixed(1)}%` +
    (layout.zoomed ? `; showing ${formatSeconds(layout.domain[0])} to ${formatSeconds(layout.domain[1])}.` : '.')
  );
}

type Hover = { x: number; y: number } & (
  { block: GanttBlock; bubble?: undefined } | { bubble: GanttBubble; block?: undefined }
);

export function Gantt({
  evaluation,
  zoom,
  onZoom,
  axisEnd = null,
  ghost = null,
  overlay,
  toolbar,
  gutterStages,
  compact = false,
}: GanttProps) {
  const [measureRef, width] = useWidth<HTMLDivElement>(720);
  // The row labels as drawn (presenter mode enlarges them): the gutter follows.
  const [labelsRef, labelFont] = useLabelFont();
  const { pipeline, timeline, transfers } = evaluation;
  const layout = useMemo(
    () =>
      ganttLayout({
        pipeline,
        timeline,
        transfers,
        width,
        zoom,
        axisEnd,
        gutterStages,
        labelFontPx: labelFont.px,
        labelWidth: labelFont.width,
      }),
    [pipeline, timeline, transfers, width, zoom, axisEnd, gutterStages, labelFont],
  );
  const ghosted = useMemo(() => (ghost ? ghostMarks(layout, ghost) : null), [layout, ghost]);
  const forwardOnly = evaluation.scenario.workload.mode === 'inference' || layout.forwardOnly;
  // The axis end (the makespan unless the axis is kept longer): zoom and pan stay inside it.
  const makespan = layout.full[1];
  const current: Window | null = layout.zoomed ? layout.domain : null;
  const [hover, setHover] = useState<Hover | null>(null);
  const [dragging, setDragging] = useState(false);
  const drag = useRef<{ x: number; window: Window } | null>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  // The wheel listener is native (it must call preventDefault) and reads the latest state here.
  const latest = useRef({ layout, current, onZoom });
  latest.current = { layout, current, onZoom };

  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const { layout: l, current: cur, onZoom: set } = latest.current;
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left;
      if (x < l.plot.x0 || x > l.plot.x1) return;
      e.preventDefault();
      const span = l.domain[1] - l.domain[0];
      const sideways = Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey;
      if (sideways) {
        const d = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
        set(panBy(cur, l.full[1], (d / (l.plot.x1 - l.plot.x0)) * span));
      } else {
        set(zoomAround(cur, l.full[1], l.scale.invert(x), wheelFactor(e.deltaY, e.deltaMode)));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const centre = (layout.domain[0] + layout.domain[1]) / 2;
  const zoomBy = (factor: number) => onZoom(zoomAround(current, makespan, centre, factor));
  const pan = (fraction: number) => onZoom(panBy(current, makespan, fraction * (layout.domain[1] - layout.domain[0])));

  const local = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !current) return;
    drag.current = { x: local(e).x, window: current };
    e.currentTarget.setPointerCapture?.(e.pointerId);
    setDragging(true);
    setHover(null);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = local(e);
    if (drag.current) {
      const span = drag.current.window[1] - drag.current.window[0];
      const dt = (-(p.x - drag.current.x) / (layout.plot.x1 - layout.plot.x0)) * span;
      onZoom(panBy(drag.current.window, makespan, dt));
      return;
    }
    const block = hitTest(layout, p.x, p.y);
    if (block) return setHover({ ...p, block });
    const bubble = p.x >= layout.plot.x0 ? bubbleAt(layout, p.x, p.y) : null;
    setHover(bubble ? { ...p, bubble } : null);
  };
  const endDrag = () => {
    drag.current = null;
    setDragging(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(1 / STEP),
      '=': () => zoomBy(1 / STEP),
      '-': () => zoomBy(STEP),
      ArrowLeft: () => pan(-0.2),
      ArrowRight: () => pan(0.2),
      '0': () => onZoom(null),
      Escape: () => onZoom(null),
    };
    const act = actions[e.key];
    if (act && !(e.key === 'Escape' && !current)) {
      e.preventDefault();
      act();
    }
  };

  const summary = ganttSummary(evaluation, layout);
  const useCanvas = timeline.length > GANTT_SVG_MAX;
  const hovered = hover?.block ?? null;

  return (
    <section
      className={compact ? `${css.root} ${css.compact}` : css.root}
      data-testid="gantt"
      data-blocks={timeline.length}
      data-render={useCanvas ? 'canvas' : 'svg'}
      data-schedule={pipeline.schedule}
      data-chunks={pipeline.virtualStages}
      data-zoomed={layout.zoomed ? 'true' : 'false'}
      data-axis-end={axisEnd !== null || ghost ? layout.full[1] : undefined}
      data-ghost={ghosted ? ghosted.spans.length : undefined}
    >
      <div className={css.header}>
        <p className="what" hidden={compact}>
          Each row is one pipeline stage (a GPU of the pipeline); each block is one micro-batch's{' '}
          {forwardOnly ? 'forward pass' : 'forward (F), backward (B) or weight-gradient (W) pass'}, placed where the
          simulation ran it. Grey gaps are idle time: the GPU waits for an input.{' '}
          <span className={css.hintPointer}>Wheel or + / − to zoom, drag to pan.</span>
          <span className={css.hintTouch}>Tap + / − to zoom, drag sideways to pan.</span>
          {forwardOnly && ' Inference is forward-only, so only F blocks exist.'}
        </p>
        <div className={css.controls} role="group" aria-label="Zoom">
          {layout.zoomed && (
            <span className={css.windowText}>
              {formatSeconds(layout.domain[0])} – {formatSeconds(layout.domain[1])}
            </span>
          )}
          <button type="button" onClick={() => zoomBy(1 / STEP)} aria-label="Zoom in" title="Zoom in">
            +
          </button>
          <button
            type="button"
            onClick={() => zoomBy(STEP)}
            aria-label="Zoom out"
            title="Zoom out"
            disabled={!layout.zoomed}
          >
            −
          </button>
          <button type="button" onClick={() => onZoom(null)} disabled={!layout.zoomed}>
            Reset
          </button>
        </div>
        {toolbar}
      </div>
      <div className={css.body}>
        <div>
          <div ref={measureRef} className={css.measure}>
            <div
              ref={plotRef}
              className={`${css.plot} ${layout.zoomed ? css.zoomed : ''} ${dragging ? css.dragging : ''}`}
              style={{ width: layout.width, height: layout.height }}
              tabIndex={0}
              role="group"
              aria-label={`Pipeline Gantt chart. ${summary} Plus and minus zoom, arrow keys pan, Escape resets.`}
              aria-keyshortcuts="+ - ArrowLeft ArrowRight Escape 0"
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={endDrag}
              onPointerCancel={endDrag}
              onPointerLeave={() => setHover(null)}
              onKeyDown={onKeyDown}
            >
              {useCanvas ? (
                <>
                  <GanttCanvas layout={layout} ghost={ghosted} ariaLabel={summary} />
                  <GanttSvg
                    layout={layout}
                    marks={false}
                    hovered={hovered}
                    ariaLabel={summary}
                    ghost={ghosted}
                    labelsRef={labelsRef}
                  />
                </>
              ) : (
                <GanttSvg
                  layout={layout}
                  marks
                  hovered={hovered}
                  ariaLabel={summary}
                  ghost={ghosted}
                  labelsRef={labelsRef}
                />
              )}
              {overlay?.(layout)}
              {hover && <GanttTip hover={hover} layout={layout} evaluation={evaluation} />}
            </div>
          </div>
          <GanttLegend pipeline={pipeline} forwardOnly={forwardOnly} comm={evaluation.time.exposedCommSeconds} />
        </div>
        {compact ? null : (
          <div className={css.side}>
            <DurationsTable pipeline={pipeline} forwardOnly={forwardOnly} />
            <LayerPartsTable blocks={evaluation.blocks} forwardOnly={forwardOnly} />
          </div>
        )}
      </div>
    </section>
  );
}

function GanttTip({ hover, layout, evaluation }: { hover: Hover; layout: GanttLayout; evaluation: Evaluation }) {
  const b = hover.block;
  const g = hover.bubble;
  return (
    <ChartTooltip x={hover.x} y={hover.y} boxWidth={layout.width} boxHeight={layout.height}>
      {b ? (
        <>
          <div className={css.tipTitle}>
            {b.label} · stage {b.stage}
          </div>
          <div>
            {b.kind === 'F' ? 'Forward' : b.kind === 'B' ? 'Backward' : 'Weight gradients'} of micro-batch{' '}
            {b.microBatch}
            {layout.interleaved ? `, chunk ${b.chunk}${chunkName(layout, evaluation, b.chunk)}` : ''}
          </div>
          <dl>
            <dt>Starts</dt>
            <dd>{formatSeconds(b.start)}</dd>
            <dt>Lasts</dt>
            <dd>{formatSeconds(b.end - b.start)}</dd>
            {b.commSeconds > 0 && !layout.commSplit && (
              <>
                <dt>Exposed comm inside</dt>
                <dd>{formatSeconds(b.commSeconds)}</dd>
              </>
            )}
            {layout.commSplit && b.commSeconds - b.epSeconds > 0 && (
              <>
                <dt>Exposed TP comm inside</dt>
                <dd>{formatSeconds(b.commSeconds - b.epSeconds)}</dd>
              </>
            )}
            {layout.commSplit && b.epSeconds > 0 && (
              <>
                <dt>Exposed EP all-to-all inside</dt>
                <dd>{formatSeconds(b.epSeconds)}</dd>
              </>
            )}
          </dl>
        </>
      ) : g ? (
        <>
          <div className={css.tipTitle}>Idle · stage {g.stage}</div>
          <div>
            Idle for {formatSeconds(g.end - g.start)} (from {formatSeconds(g.start)})
          </div>
        </>
      ) : null}
    </ChartTooltip>
  );
}

/** " (upward: stage P−1−i)": what the chunk is, when the schedule names it. */
function chunkName(layout: GanttLayout, e: Evaluation, chunk: number): string {
  if (!layout.interleaved) return '';
  const name = scheduleById(e.pipeline.schedule).chunkNames(e.pipeline.virtualStages)[chunk];
  return name ? ` (${name})` : '';
}
