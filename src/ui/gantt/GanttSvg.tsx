/**
 * SVG rendering of a Gantt layout. With `marks` it draws every block
 * (<rect class="gantt-block" data-kind="F">), bubble, comm tail (TP
 * hatched, <rect class="gantt-comm">; EP dotted, <rect class="gantt-comm-ep">)
 * and transfer; without, only row labels, axis and the hover outline, as an
 * overlay on the canvas rendering.
 */
import { useId, type Ref } from 'react';
import { DotPattern } from '../chart/DotPattern';
import { HatchPattern } from '../chart/HatchPattern';
import { BUBBLE_FILL, COMM_EP_DOTS, COMM_HATCH, GHOST_FILL, GHOST_STROKE, TRANSFER_STROKE } from './colours';
import type { GhostMarks } from './ghost';
import type { GanttBlock, GanttLayout } from './layout';
import css from './Gantt.module.css';

export interface GanttSvgProps {
  layout: GanttLayout;
  marks: boolean;
  hovered: GanttBlock | null;
  ariaLabel: string;
  /** The previous schedule: faint spans behind the blocks (with marks), and where it ended. */
  ghost?: GhostMarks | null;
  /** The row labels' group, for the Gantt to measure their font and width. */
  labelsRef?: Ref<SVGGElement>;
}

export function GanttSvg({ layout, marks, hovered, ariaLabel, ghost = null, labelsRef }: GanttSvgProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const clipId = `gantt-clip-${uid}`;
  const hatchId = `gantt-hatch-${uid}`;
  const dotsId = `gantt-dots-${uid}`;
  const arrowId = `gantt-arrow-${uid}`;
  const { x0, x1, y0, y1 } = layout.plot;
  return (
    <svg
      width={layout.width}
      height={layout.height}
      className={marks ? 'gantt-svg' : `gantt-overlay ${css.overlay}`}
      role={marks ? 'img' : undefined}
      aria-label={marks ? ariaLabel : undefined}
      aria-hidden={marks ? undefined : true}
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={x0} y={y0} width={x1 - x0} height={y1 - y0} />
        </clipPath>
        {marks && <HatchPattern id={hatchId} stroke={COMM_HATCH} />}
        {marks && <DotPattern id={dotsId} fill={COMM_EP_DOTS} />}
        {marks && (
          <marker
            id={arrowId}
            viewBox="0 0 6 6"
            refX={5}
            refY={3}
            markerWidth={5}
            markerHeight={5}
            orient="auto-start-reverse"
          >
            <path d="M0,0L6,3L0,6z" style={{ fill: TRANSFER_STROKE }} />
          </marker>
        )}
      </defs>
      <g className={css.rowLabels} ref={labelsRef} data-testid="gantt-row-labels">
        {layout.rows.map((r) => (
          <text key={r.stage} x={x0 - 6} y={r.y + r.h / 2} dy="0.35em" textAnchor="end">
            {layout.useShortLabels ? r.short : r.label}
          </text>
        ))}
      </g>
      {marks && (
        <g clipPath={`url(#${clipId})`}>
          <g>
            {layout.bubbles.map((b) => (
              <rect
                key={`${b.stage}-${b.start}`}
                className="gantt-bubble"
                x={b.x}
                y={b.y}
                width={b.w}
                height={b.h}
                style={{ fill: BUBBLE_FILL }}
              />
            ))}
          </g>
          {ghost && (
            <g
              pointerEvents="none"
              style={{ fill: GHOST_FILL, stroke: GHOST_STROKE }}
              strokeOpacity={0.7}
              strokeDasharray="3 2"
            >
              {ghost.spans.map((g) => (
                <rect
                  key={`${g.stage}-${g.x}`}
                  className="gantt-ghost"
                  x={g.x}
                  y={g.y + g.h * 0.2}
                  width={g.w}
                  height={g.h * 0.6}
                />
              ))}
            </g>
          )}
          <g>
            {layout.blocks.map((b) => (
              <rect
                key={b.index}
                className="gantt-block"
                data-kind={b.kind}
                data-stage={b.stage}
                data-micro-batch={b.microBatch}
                data-chunk={b.chunk}
                x={b.x}
                y={b.y}
                width={b.w}
                height={b.h}
                style={{ fill: b.fill }}
                stroke={b.w > 3 ? 'var(--panel)' : undefined}
                strokeWidth={b.w > 3 ? 0.5 : undefined}
              />
            ))}
          </g>
          <g pointerEvents="none">
            {layout.blocks.map((b) =>
              b.comm ? (
                <rect
                  key={b.index}
                  className="gantt-comm"
                  x={b.comm.x}
                  y={b.y}
                  width={b.comm.w}
                  height={b.h}
                  fill={`url(#${hatchId})`}
                />
              ) : null,
            )}
            {layout.blocks.map((b) =>
              b.epComm ? (
                <rect
                  key={`ep${b.index}`}
                  className="gantt-comm-ep"
                  x={b.epComm.x}
                  y={b.y}
                  width={b.epComm.w}
                  height={b.h}
                  fill={`url(#${dotsId})`}
                />
              ) : null,
            )}
          </g>
          <g pointerEvents="none" className={css.blockLabels}>
            {layout.blocks.map((b) =>
              b.showLabel ? (
                <text
                  key={b.index}
                  x={b.x + b.w / 2}
                  y={b.y + b.h / 2}
                  dy="0.35em"
                  textAnchor="middle"
                  fill={b.textFill}
                >
                  {b.label}
                </text>
              ) : null,
            )}
          </g>
          <g pointerEvents="none" style={{ stroke: TRANSFER_STROKE }} strokeOpacity={0.6}>
            {layout.transfers.map((t) => (
              <line
                key={`${t.direction}-${t.fromStage}-${t.toStage}-${t.microBatch}-${t.start}`}
                className="gantt-transfer"
                x1={t.x1}
                y1={t.y1}
                x2={t.x2}
                y2={t.y2}
                markerEnd={`url(#${arrowId})`}
              />
            ))}
          </g>
        </g>
      )}
      {ghost?.endX != null && (
        <line
          className="gantt-ghost-end"
          x1={ghost.endX}
          x2={ghost.endX}
          y1={y0}
          y2={layout.axisY}
          style={{ stroke: GHOST_STROKE }}
          strokeDasharray="4 3"
          strokeWidth={1.5}
        />
      )}
      {layout.full[1] > layout.makespan && layout.scale(layout.makespan) <= x1 && (
        <line
          className="gantt-step-end"
          x1={layout.scale(layout.makespan)}
          x2={layout.scale(layout.makespan)}
          y1={y0}
          y2={layout.axisY}
          style={{ stroke: 'var(--text)' }}
          strokeWidth={1.5}
        />
      )}
      <g className={css.axis}>
        <line x1={x0} x2={x1} y1={layout.axisY} y2={layout.axisY} />
        {layout.ticks.map((t) => (
          <g key={t.t} transform={`translate(${t.x},${layout.axisY})`}>
            <line y2={4} />
            <text y={15} textAnchor={t.anchor}>
              {t.label}
            </text>
          </g>
        ))}
      </g>
      {hovered && (
        <rect
          className={css.hover}
          x={hovered.x - 0.5}
          y={hovered.y - 0.5}
          width={hovered.w + 1}
          height={hovered.h + 1}
          fill="none"
          pointerEvents="none"
        />
      )}
    </svg>
  );
}
