/** Canvas rendering of a heatmap layout (above 1024 GPUs), sharp on high-DPI screens. */
import { useEffect, useRef } from 'react';
import { colorResolver } from './resolveColor';
import { drawHeatmap } from './drawCanvas';
import type { Outline } from './highlight';
import type { HeatmapLayout } from './layout';

export interface HeatmapCanvasProps {
  layout: HeatmapLayout;
  outlines: Outline[];
  related: Set<number> | null;
  ariaLabel: string;
}

export function HeatmapCanvas({ layout, outlines, related, ariaLabel }: HeatmapCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    drawHeatmap(ctx, layout, { dpr, outlines, related, resolve: colorResolver(canvas) });
  }, [layout, outlines, related, dpr]);
  return (
    <canvas
      ref={ref}
      className="heatmap-canvas"
      width={Math.round(layout.width * dpr)}
      height={Math.round(Math.max(1, layout.height) * dpr)}
      style={{ width: layout.width, height: layout.height }}
      role="img"
      aria-label={ariaLabel}
    />
  );
}
