/** Canvas rendering of a Gantt layout's marks (above 2000 blocks), sharp on high-DPI screens. */
import { useEffect, useRef } from 'react';
import { colorResolver } from '../heatmap/resolveColor';
import { drawGantt } from './drawCanvas';
import type { GanttLayout } from './layout';

export function GanttCanvas({ layout, ariaLabel }: { layout: GanttLayout; ariaLabel: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    drawGantt(ctx, layout, { dpr, resolve: colorResolver(canvas) });
  }, [layout, dpr]);
  return (
    <canvas
      ref={ref}
      className="gantt-canvas"
      width={Math.round(layout.width * dpr)}
      height={Math.round(layout.height * dpr)}
      style={{ width: layout.width, height: layout.height }}
      role="img"
      aria-label={ariaLabel}
    />
  );
}
