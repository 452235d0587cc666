/** Canvas rendering of a Gantt layout's marks (above 2000 blocks). */
import { useCallback } from 'react';
import { ChartCanvas } from '../chart/ChartCanvas';
import type { Ctx2D } from '../chart/canvas';
import { drawGantt } from './drawCanvas';
import type { GhostMarks } from './ghost';
import type { GanttLayout } from './layout';

export function GanttCanvas({
  layout,
  ghost = null,
  ariaLabel,
}: {
  layout: GanttLayout;
  ghost?: GhostMarks | null;
  ariaLabel: string;
}) {
  const draw = useCallback(
    (ctx: Ctx2D, dpr: number, resolve: (c: string) => string) => drawGantt(ctx, layout, { dpr, resolve, ghost }),
    [layout, ghost],
  );
  return (
    <ChartCanvas
      width={layout.width}
      height={layout.height}
      className="gantt-canvas"
      ariaLabel={ariaLabel}
      draw={draw}
    />
  );
}
