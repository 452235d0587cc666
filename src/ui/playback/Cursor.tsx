/**
 * The playback cursor over the Gantt: a vertical line at the cursor time, an
 * HTML element above the plot, so the SVG and the canvas renderings both get
 * it. data-time carries the cursor in seconds (for tests and scripts).
 */
import { formatSeconds } from '../format';
import type { GanttLayout } from '../gantt/layout';
import { usePlayback } from './store';
import css from './playback.module.css';

export function Cursor({ layout }: { layout: GanttLayout }) {
  const cursor = usePlayback((s) => s.cursor);
  if (cursor === null) return null;
  const t = Math.min(cursor, layout.makespan);
  const [t0, t1] = layout.domain;
  const inside = t >= t0 && t <= t1;
  const x = layout.scale(t);
  return (
    <div
      className={css.cursor}
      data-testid="gantt-cursor"
      data-time={t}
      data-visible={inside ? 'true' : 'false'}
      style={{ left: x, top: 0, height: layout.axisY, display: inside ? undefined : 'none' }}
      aria-hidden="true"
    >
      <span className={css.cursorLabel} style={x > (layout.plot.x0 + layout.plot.x1) / 2 ? { right: 4 } : { left: 4 }}>
        {formatSeconds(t)}
      </span>
    </div>
  );
}
