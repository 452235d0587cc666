/** Canvas rendering of a heatmap layout (above 1024 GPUs). */
import { useCallback } from 'react';
import { ChartCanvas } from '../chart/ChartCanvas';
import type { Ctx2D } from '../chart/canvas';
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
  const draw = useCallback(
    (ctx: Ctx2D, dpr: number, resolve: (c: string) => string) =>
      drawHeatmap(ctx, layout, { dpr, outlines, related, resolve }),
    [layout, outlines, related],
  );
  return (
    <ChartCanvas
      width={layout.width}
      height={layout.height}
      className="heatmap-canvas"
      ariaLabel={ariaLabel}
      draw={draw}
    />
  );
}
