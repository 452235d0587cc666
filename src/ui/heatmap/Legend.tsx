/**
 * Heatmap legend: the colour bar (gradient, ticks, unit), the missing-GPU
 * and over-capacity swatches, and, with a selection, the outline styles of
 * the GPU's groups.
 */
import { useId } from 'react';
import { HatchPattern } from '../chart/HatchPattern';
import { HEATMAP_METRICS, type HeatmapMetric } from '../../state/view';
import { ALARM_STROKE, MISSING_FILL, MISSING_HATCH, NA_FILL } from './colour';
import type { GpuGroups } from './groups';
import { RELATION_STYLES, type Relation } from './highlight';
import type { HeatmapLayout } from './layout';
import type { StateCounts } from './playState';
import { STATE_STYLE } from '../gantt/playStates';
import { PLAY_STATES } from '../gantt/playStates';
import css from './Heatmap.module.css';

const BAR_H = 10;

export function unitOf(metric: HeatmapMetric): string {
  return HEATMAP_METRICS.find((m) => m.id === metric)?.unit ?? '';
}

export function ColourBar({ layout, width }: { layout: HeatmapLayout; width: number }) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const meta = HEATMAP_METRICS.find((m) => m.id === layout.metric);
  const w = Math.max(120, Math.min(260, width - 16));
  const pad = 18; // room for the end tick labels ("4,000")
  return (
    <div className="heatmap-colourbar">
      <div className={css.legendTitle}>
        {meta?.label} ({meta?.unit})
      </div>
      <svg width={w + 2 * pad} height={BAR_H + 16} className={css.legendBar} aria-hidden="true">
        <defs>
          <linearGradient id={`hm-grad-${uid}`} x1="0" x2="1" y1="0" y2="0">
            {layout.stops.map((s) => (
              <stop key={s.offset} offset={s.offset} stopColor={s.color} />
            ))}
          </linearGradient>
        </defs>
        <rect x={pad} y={0} width={w} height={BAR_H} fill={`url(#hm-grad-${uid})`} />
        {layout.ticks.map((t) => (
          <g key={t.value} transform={`translate(${pad + t.offset * w},0)`}>
            <line y1={0} y2={BAR_H + 3} stroke="currentColor" strokeOpacity={0.6} />
            <text y={BAR_H + 13} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}

function Swatch({
  fill,
  hatch,
  outline,
  size = 14,
}: {
  fill: string;
  hatch?: string;
  outline?: string;
  size?: number;
}) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return (
    <svg width={size} height={size} aria-hidden="true">
      {hatch && (
        <defs>
          <HatchPattern id={`sw-${uid}`} stroke={hatch} />
        </defs>
      )}
      <rect
        x={0.5}
        y={0.5}
        width={size - 1}
        height={size - 1}
        style={{ fill, stroke: outline ?? 'var(--panel-border)' }}
        strokeWidth={outline ? 2 : 1}
      />
      {hatch && <rect x={1} y={1} width={size - 2} height={size - 2} fill={`url(#sw-${uid})`} />}
    </svg>
  );
}

export function RelationSwatch({ relation }: { relation: Relation }) {
  const st = RELATION_STYLES[relation];
  return (
    <svg width={22} height={14} aria-hidden="true">
      <rect
        x={2}
        y={2}
        width={18}
        height={10}
        style={{ fill: 'var(--na-bg)', stroke: st.stroke }}
        strokeWidth={st.width}
        strokeDasharray={st.dash.join(' ') || undefined}
      />
    </svg>
  );
}

export function HeatmapLegend({ layout, width }: { layout: HeatmapLayout; width: number }) {
  return (
    <div className={css.legend} data-testid="heatmap-legend">
      {layout.applicable ? (
        <ColourBar layout={layout} width={width} />
      ) : (
        <span className={css.legendItem}>
          <Swatch fill={NA_FILL} /> expert load: not applicable (dense model)
        </span>
      )}
      {layout.metric === 'memory' && (
        <span className={css.legendItem}>
          <Swatch fill="#fde725" hatch={ALARM_STROKE} outline={ALARM_STROKE} /> over 100%: does not fit in memory
        </span>
      )}
      {layout.missing > 0 && (
        <span className={css.legendItem}>
          <Swatch fill={MISSING_FILL} hatch={MISSING_HATCH} /> missing GPU (rank beyond the cluster)
        </span>
      )}
    </div>
  );
}

const RELATIONS: Relation[] = ['selected', 'tp', 'ep', 'dp', 'stage'];

/** Which outline is which, with the size of each group. */
export function RelationLegend({ groups, showEp }: { groups: GpuGroups; showEp: boolean }) {
  const size: Record<Relation, number> = {
    selected: 1,
    tp: groups.tp.size,
    ep: groups.ep.size,
    dp: groups.dp.size,
    stage: groups.stage.size,
  };
  return (
    <ul className={css.relations} aria-label="Outline styles">
      {RELATIONS.filter((r) => showEp || r !== 'ep').map((r) => (
        <li key={r}>
          <RelationSwatch relation={r} />
          {RELATION_STYLES[r].label}
          {r !== 'selected' && <span className="num muted">({size[r]} GPUs)</span>}
        </li>
      ))}
    </ul>
  );
}

/** During playback: what each colour means, and how many GPUs are in it now (weight gradients only when the schedule has them). */
export function StateLegend({ counts, weights = false }: { counts: StateCounts; weights?: boolean }) {
  return (
    <div className={css.legend} data-testid="heatmap-state-legend">
      <span className={css.legendTitle}>At the cursor, each GPU is:</span>
      {PLAY_STATES.filter((s) => s !== 'weights' || weights || counts.weights > 0).map((s) => (
        <span key={s} className={css.legendItem} data-state={s}>
          <Swatch fill={STATE_STYLE[s].fill} /> {STATE_STYLE[s].label} <span className="num">({counts[s]})</span>
        </span>
      ))}
    </div>
  );
}
