/**
 * Memory of one GPU in each pipeline stage, split by what it holds, against
 * the GPU's capacity. Hover or focus a stage to list its parts in GB; the
 * list starts on the peak stage, the one that decides whether it fits.
 */
import { useId, useMemo, useState } from 'react';
import type { Evaluation } from '../../core';
import { formatPct } from '../format';
import { HatchPattern } from '../chart/HatchPattern';
import { useWidth } from '../chart/useWidth';
import { memoryLayout, type MemoryRow } from './memoryLayout';
import { segmentClass, Swatch } from './Swatch';
import { gb } from './units';
import css from './Breakdown.module.css';

export interface MemoryBreakdownProps {
  evaluation: Evaluation;
}

export function MemoryBreakdown({ evaluation }: MemoryBreakdownProps) {
  const { memory } = evaluation;
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const layout = useMemo(() => memoryLayout(memory, { width }), [memory, width]);
  const [hovered, setHovered] = useState<number | null>(null);
  const uid = useId();
  const hatchId = `${uid}-over`;
  const titleId = `${uid}-title`;
  const active = layout.rows.find((r) => r.stage === hovered) ?? layout.rows.find((r) => r.isPeak) ?? layout.rows[0];
  const anyOver = layout.rows.some((r) => r.overBytes > 0);

  return (
    <section className="panel" aria-labelledby={titleId} data-testid="memory-breakdown">
      <div className="panel-header">
        <h2 id={titleId}>Memory per GPU, by pipeline stage</h2>
        <span className={`num ${anyOver ? css.bad : 'muted'}`}>
          {anyOver ? '✗ over capacity' : `peak ${gb(memory.peakBytes)} of ${gb(memory.capacityBytes)}`}
        </span>
      </div>
      <p className="what">
        What one GPU of each pipeline stage holds at its peak; the dashed line is the GPU's capacity. Hover or focus a
        stage for its parts in GB.
      </p>
      <div ref={ref} className={css.chart}>
        <svg
          width={layout.width}
          height={layout.height}
          role="group"
          aria-label="Memory per pipeline stage against capacity"
          className={css.svg}
        >
          <defs>
            <HatchPattern id={hatchId} stroke="var(--fail)" size={6} strokeWidth={3} />
          </defs>
          {layout.ticks.map((t) => (
            <g key={t.label} aria-hidden="true">
              <line x1={t.x} x2={t.x} y1={layout.plotTop} y2={layout.plotBottom} className={css.grid} />
              <text x={t.x} y={layout.plotBottom + 14} textAnchor="middle" className={css.tick}>
                {t.label}
              </text>
            </g>
          ))}
          <text x={layout.plotRight + 6} y={layout.plotBottom + 14} className={css.tick} aria-hidden="true">
            GB
          </text>
          {layout.rows.map((row) => (
            <StageRow
              key={row.stage}
              row={row}
              layout={layout}
              capacityBytes={memory.capacityBytes}
              hatchId={hatchId}
              active={row.stage === active?.stage}
              onActivate={setHovered}
            />
          ))}
          <g aria-hidden="true">
            <line
              x1={layout.capacityX}
              x2={layout.capacityX}
              y1={layout.plotTop - 6}
              y2={layout.plotBottom + 2}
              className={css.capacity}
            />
            {/* Near the left edge (a stage far over capacity) the label reads rightwards from the line. */}
            <text
              x={layout.capacityX}
              y={layout.plotTop - 9}
              textAnchor={layout.capacityX - layout.plotLeft < 110 ? 'start' : 'end'}
              className={css.capacityLabel}
            >
              capacity {gb(memory.capacityBytes)}
            </text>
          </g>
        </svg>
      </div>
      {active && <StageDetails row={active} capacityBytes={memory.capacityBytes} />}
    </section>
  );
}

interface StageRowProps {
  row: MemoryRow;
  layout: ReturnType<typeof memoryLayout>;
  capacityBytes: number;
  hatchId: string;
  active: boolean;
  onActivate(stage: number | null): void;
}

function StageRow({ row, layout, capacityBytes, hatchId, active, onActivate }: StageRowProps) {
  const parts = row.segments
    .filter((s) => s.bytes > 0)
    .map((s) => `${s.label} ${gb(s.bytes)}`)
    .join(', ');
  const label = `Stage ${row.stage}${row.isPeak ? ' (peak)' : ''}: ${gb(row.totalBytes)} of ${gb(capacityBytes)}${row.overBytes > 0 ? `, over capacity by ${gb(row.overBytes)}` : ''}. ${parts}.`;
  const midY = row.y + row.barHeight / 2;
  return (
    <g
      tabIndex={0}
      role="img"
      aria-label={label}
      className={`${css.row} ${active ? css.rowActive : ''}`}
      onMouseEnter={() => onActivate(row.stage)}
      onMouseLeave={() => onActivate(null)}
      onFocus={() => onActivate(row.stage)}
      onBlur={() => onActivate(null)}
      data-stage={row.stage}
    >
      {/* Transparent hit area over the whole row, so thin bars are easy to hover. */}
      <rect x={0} y={row.y - 2} width={layout.width} height={row.barHeight + 4} className={css.hit} />
      {row.showLabel && (
        <text
          x={layout.plotLeft - 6}
          y={midY}
          textAnchor="end"
          dominantBaseline="middle"
          className={`${css.label} ${row.overBytes > 0 ? css.bad : ''}`}
        >
          {row.overBytes > 0 ? '✗ ' : ''}Stage {row.stage}
        </text>
      )}
      {row.segments.map((s) =>
        s.width > 0 ? (
          <rect
            key={s.part}
            x={s.x}
            y={row.y}
            width={s.width}
            height={row.barHeight}
            style={{ fill: s.color }}
            className={segmentClass(s.part)}
            data-part={s.part}
          />
        ) : null,
      )}
      {row.overBytes > 0 && (
        <rect
          x={layout.capacityX}
          y={row.y}
          width={row.barEnd - layout.capacityX}
          height={row.barHeight}
          fill={`url(#${hatchId})`}
          opacity={0.55}
        />
      )}
      {row.barHeight >= 8 && (
        <text
          x={layout.plotRight + 6}
          y={midY}
          dominantBaseline="middle"
          className={`num ${css.value} ${row.overBytes > 0 ? css.bad : ''}`}
        >
          {gb(row.totalBytes)}
          {row.isPeak ? ' ▲' : ''}
        </text>
      )}
    </g>
  );
}

/** The legend, filled with the focused stage's numbers. */
function StageDetails({ row, capacityBytes }: { row: MemoryRow; capacityBytes: number }) {
  return (
    <div className={css.details} aria-live="polite" data-testid="memory-details">
      <p className={css.detailsHead}>
        <strong>Stage {row.stage}</strong>
        {row.isPeak && <span className={css.peakTag}>▲ peak stage</span>}
        <span className="muted">
          {row.layers} layers · {row.inFlightMicroBatches} micro-batch{row.inFlightMicroBatches === 1 ? '' : 'es'} in
          flight
        </span>
      </p>
      <ul className={css.legend}>
        {row.segments.map((s) => (
          <li key={s.part} className={s.bytes === 0 ? css.zero : ''}>
            <Swatch part={s.part} color={s.color} />
            {s.label} <span className="num">{gb(s.bytes)}</span>
          </li>
        ))}
      </ul>
      <p className={`num ${css.total} ${row.overBytes > 0 ? css.bad : ''}`}>
        Total {gb(row.totalBytes)} of {gb(capacityBytes)} ({formatPct((row.totalBytes / capacityBytes) * 100)})
        {row.overBytes > 0 ? ` ✗ over capacity by ${gb(row.overBytes)}` : ' ✓ fits'}
      </p>
    </div>
  );
}
