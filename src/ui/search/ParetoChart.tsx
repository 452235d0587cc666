/**
 * Pareto chart of the search: throughput (or latency) against memory per
 * GPU. Every strategy that can run is a dot (canvas, so 100,000 stay
 * light); the front (no other strategy better on both axes) is a line with
 * clickable points. Hover and click are shared with the table.
 */
import { useEffect, useMemo, useRef } from 'react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { Delaunay } from 'd3-delaunay';
import { format } from 'd3-format';
import type { SearchRow } from '../../core';
import { useWidth } from '../chart/useWidth';
import { paretoFront, yValue, type ParetoAxis } from './pareto';
import css from './search.module.css';

export interface ParetoChartProps {
  rows: SearchRow[];
  axis: ParetoAxis;
  onAxis(axis: ParetoAxis): void;
  selectedId: number | null;
  hoveredId: number | null;
  onHover(id: number | null): void;
  onPick(row: SearchRow): void;
  training: boolean;
}

const HEIGHT = 280;
const M = { top: 12, right: 14, bottom: 40, left: 64 };
const si = format('.3~s');

export function ParetoChart({
  rows,
  axis,
  onAxis,
  selectedId,
  hoveredId,
  onHover,
  onPick,
  training,
}: ParetoChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pts = useMemo(() => rows.filter((r) => r.feasible && yValue(r, axis) !== null), [rows, axis]);
  const front = useMemo(() => paretoFront(rows, axis), [rows, axis]);
  const innerW = Math.max(120, width - M.left - M.right);
  const innerH = HEIGHT - M.top - M.bottom;
  const scales = useMemo(() => {
    const xs = pts.map((r) => r.memoryPerGpuGB);
    const ys = pts.map((r) => yValue(r, axis)!);
    const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
    const xPad = Math.max((x1 - x0) * 0.05, x1 * 0.02, 0.1);
    const x = scaleLinear()
      .domain([Math.max(0, x0 - xPad), x1 + xPad])
      .range([0, innerW])
      .nice();
    const [y0, y1] = ys.length ? [Math.max(1e-9, Math.min(...ys)), Math.max(...ys)] : [1, 10];
    // A log axis when the values span more than a decade; a linear one (tighter) otherwise.
    const y =
      y1 / y0 > 10
        ? scaleLog()
            .domain([y0 / 1.2, y1 * 1.2])
            .range([innerH, 0])
            .nice()
        : scaleLinear()
            .domain([y0 - (y1 - y0) * 0.08 - y0 * 0.01, y1 + (y1 - y0) * 0.08 + y1 * 0.01])
            .range([innerH, 0])
            .nice();
    return { x, y, log: y1 / y0 > 10 };
  }, [pts, axis, innerW, innerH]);
  const delaunay = useMemo(
    () =>
      Delaunay.from(
        pts,
        (r) => scales.x(r.memoryPerGpuGB),
        (r) => scales.y(yValue(r, axis)!),
      ),
    [pts, scales, axis],
  );

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = innerW * dpr;
    c.height = innerH * dpr;
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, innerW, innerH);
    g.fillStyle = 'rgba(0, 114, 178, 0.35)';
    for (const r of pts) g.fillRect(scales.x(r.memoryPerGpuGB) - 1.5, scales.y(yValue(r, axis)!) - 1.5, 3, 3);
  }, [pts, scales, axis, innerW, innerH]);

  const at = (id: number | null) => (id === null ? undefined : pts.find((r) => r.id === id));
  const selected = at(selectedId);
  const hovered = at(hoveredId);
  const path =
    line<SearchRow>()
      .x((r) => scales.x(r.memoryPerGpuGB))
      .y((r) => scales.y(yValue(r, axis)!))(front) ?? '';
  const yLabel = `${axis === 'throughput' ? 'Throughput (tokens/s' : `${training ? 'Step time' : 'Latency'} (ms`}${scales.log ? ', log)' : ')'}`;
  const nearest = (e: React.MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const i = delaunay.find(e.clientX - box.left, e.clientY - box.top);
    return pts[i];
  };

  return (
    <div className={css.chartBlock} ref={ref}>
      <div className={css.chartHead}>
        <span className="muted">
          {front.length} strategies on the front of {pts.length.toLocaleString('en-US')} that can run
        </span>
        <label>
          Against memory:{' '}
          <select value={axis} onChange={(e) => onAxis(e.target.value as ParetoAxis)} data-testid="pareto-axis">
            <option value="throughput">throughput</option>
            <option value="latency">{training ? 'step time' : 'latency'}</option>
          </select>
        </label>
      </div>
      <div className={css.chart} style={{ width, height: HEIGHT }}>
        <canvas
          ref={canvas}
          style={{ position: 'absolute', left: M.left, top: M.top, width: innerW, height: innerH }}
        />
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={`Pareto chart: ${yLabel} against memory per GPU`}
          data-testid="pareto-chart"
        >
          <g transform={`translate(${M.left},${M.top})`}>
            {scales.x.ticks(Math.max(2, Math.floor(innerW / 90))).map((t) => (
              <g key={`x${t}`} transform={`translate(${scales.x(t)},${innerH})`}>
                <line y2={5} stroke="currentColor" />
                <text y={18} textAnchor="middle" className={css.tick}>
                  {t}
                </text>
              </g>
            ))}
            {scales.y
              .ticks(5)
              .filter((_, i, a) => a.length <= 7 || i % Math.ceil(a.length / 7) === 0)
              .map((t) => (
                <g key={`y${t}`} transform={`translate(0,${scales.y(t)})`}>
                  <line x2={-5} stroke="currentColor" />
                  <line x2={innerW} stroke="var(--panel-border)" strokeDasharray="2 3" />
                  <text x={-8} dy="0.32em" textAnchor="end" className={css.tick}>
                    {si(t)}
                  </text>
                </g>
              ))}
            <line y1={innerH} y2={innerH} x2={innerW} stroke="currentColor" />
            <text x={innerW / 2} y={innerH + 34} textAnchor="middle" className={css.axisLabel}>
              Memory per GPU (GB)
            </text>
            <text
              transform={`translate(${-52},${innerH / 2}) rotate(-90)`}
              textAnchor="middle"
              className={css.axisLabel}
            >
              {yLabel}
            </text>
            <path d={path} fill="none" stroke="var(--oi-vermillion)" strokeWidth={2} />
            {front.map((r) => (
              <circle
                key={r.id}
                cx={scales.x(r.memoryPerGpuGB)}
                cy={scales.y(yValue(r, axis)!)}
                r={4}
                fill="var(--oi-vermillion)"
                data-testid="pareto-point"
              />
            ))}
            {hovered ? (
              <circle
                cx={scales.x(hovered.memoryPerGpuGB)}
                cy={scales.y(yValue(hovered, axis)!)}
                r={7}
                fill="none"
                stroke="var(--text)"
                strokeWidth={1.5}
              />
            ) : null}
            {selected ? (
              <circle
                cx={scales.x(selected.memoryPerGpuGB)}
                cy={scales.y(yValue(selected, axis)!)}
                r={8}
                fill="none"
                stroke="var(--accent)"
                strokeWidth={3}
                data-testid="pareto-selected"
              />
            ) : null}
            <rect
              width={innerW}
              height={innerH}
              fill="transparent"
              onMouseMove={(e) => onHover(nearest(e)?.id ?? null)}
              onMouseLeave={() => onHover(null)}
              onClick={(e) => {
                const r = nearest(e);
                if (r) onPick(r);
              }}
            />
          </g>
        </svg>
      </div>
    </div>
  );
}
