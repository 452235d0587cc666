/**
 * SVG rendering of a heatmap layout (up to 1024 GPUs): one <rect
 * class="gpu-cell"> per rank, keyed by rank. Pointer handling lives on the
 * parent box and uses the layout's hitTest, as for the canvas.
 */
import { useId } from 'react';
import { HatchPattern } from '../chart/HatchPattern';
import { ALARM_STROKE, MISSING_HATCH } from './colour';
import { RELATION_STYLES, type Outline } from './highlight';
import type { HeatmapLayout } from './layout';
import css from './Heatmap.module.css';

export interface HeatmapSvgProps {
  layout: HeatmapLayout;
  outlines: Outline[];
  related: Set<number> | null;
  ariaLabel: string;
}

export function HeatmapSvg({ layout, outlines, related, ariaLabel }: HeatmapSvgProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const missingId = `hm-missing-${uid}`;
  const alarmId = `hm-alarm-${uid}`;
  return (
    <svg width={layout.width} height={layout.height} role="img" aria-label={ariaLabel} className="heatmap-svg">
      <defs>
        <HatchPattern id={missingId} stroke={MISSING_HATCH} />
        <HatchPattern id={alarmId} stroke={ALARM_STROKE} />
      </defs>
      <g>
        {layout.frames.map((f) => (
          <g key={f.node} className="node-frame" data-node={f.node}>
            <rect className={css.frame} x={f.x + 0.5} y={f.y + 0.5} width={f.w - 1} height={f.h - 1} rx={2} />
            {layout.showNodeLabels && (
              <text className={css.frameLabel} x={f.x + 1} y={f.labelY}>
                {f.label}
              </text>
            )}
          </g>
        ))}
      </g>
      <g>
        {layout.cells.map((c) => (
          <rect
            key={c.rank}
            className={`gpu-cell${related && !related.has(c.rank) ? ` ${css.dimmed}` : ''}`}
            data-rank={c.rank}
            data-missing={c.inCluster ? undefined : 'true'}
            data-state={c.state}
            x={c.x}
            y={c.y}
            width={c.w}
            height={c.h}
            style={{ fill: c.fill }}
          />
        ))}
      </g>
      <g pointerEvents="none">
        {layout.cells.map((c) =>
          !c.inCluster ? (
            <rect key={c.rank} x={c.x} y={c.y} width={c.w} height={c.h} fill={`url(#${missingId})`} />
          ) : c.alarm ? (
            <rect
              key={c.rank}
              x={c.x + 1}
              y={c.y + 1}
              width={c.w - 2}
              height={c.h - 2}
              fill={`url(#${alarmId})`}
              style={{ stroke: ALARM_STROKE }}
              strokeWidth={2}
            />
          ) : null,
        )}
      </g>
      <g pointerEvents="none" fill="none">
        {outlines.map((o) => {
          const st = RELATION_STYLES[o.relation];
          return (
            <g key={`${o.relation}-${o.rank}`} className="gpu-outline" data-relation={o.relation}>
              <rect x={o.x} y={o.y} width={o.w} height={o.h} stroke="#fff" strokeWidth={st.width + 2} />
              <rect
                x={o.x}
                y={o.y}
                width={o.w}
                height={o.h}
                style={{ stroke: st.stroke }}
                strokeWidth={st.width}
                strokeDasharray={st.dash.join(' ') || undefined}
              />
            </g>
          );
        })}
      </g>
      {/* Values above the outlines so a selection never hides them. */}
      {layout.showCellText && (
        <g pointerEvents="none">
          {layout.cells.map((c) =>
            c.short ? (
              <text
                key={c.rank}
                className={css.cellText}
                x={c.x + c.w / 2}
                y={c.y + c.h / 2}
                dy="0.35em"
                textAnchor="middle"
                fill={c.textFill}
              >
                {c.short}
              </text>
            ) : null,
          )}
        </g>
      )}
    </svg>
  );
}
