/** Canvas rendering of a Gantt layout's marks (above 2000 blocks). */
import { useCallback } from 'react';
import { ChartCanvas } from '../chart/ChartCanvas';
import type { Ctx2D } from '../chart/canvas';
import { drawGantt } from './drawCanvas';
import type { GanttLayout } from './layout';

export function GanttCanvas({ layout, ariaLabel }: { layout: GanttLayout; ariaLabel: string }) {
  const draw = useCallback((ctx: Ctx2D, dpr: number, resolve: (c: string) => string) => drawGantt(ctx, layout, { dpr, resolve }), [layout]);
  return <ChartCanvas width={layout.width} height={layout.height} className="gantt-canvas" ariaLabel={ariaLabel} draw={draw} />;
}
