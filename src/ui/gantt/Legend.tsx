/** What the Gantt's marks mean. B's wording depends on the schedule (ZB-H1 splits the backward). */
import { useId } from 'react';
import { HatchPattern } from '../chart/HatchPattern';
import { BLOCK_FILL, BUBBLE_FILL, COMM_HATCH, TRANSFER_STROKE } from './colours';
import css from './Gantt.module.css';

function Box({ fill, hatch }: { fill: string; hatch?: boolean }) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return (
    <svg width={18} height={12} aria-hidden="true">
      {hatch && (
        <defs>
          <HatchPattern id={`gl-${uid}`} stroke={COMM_HATCH} />
        </defs>
      )}
      <rect width={18} height={12} rx={1} style={{ fill }} />
      {hatch && <rect width={18} height={12} fill={`url(#gl-${uid})`} />}
    </svg>
  );
}

export function GanttLegend({ schedule, forwardOnly }: { schedule: string; forwardOnly: boolean }) {
  const zb = schedule === 'zb-h1';
  return (
    <div className={css.legend} data-testid="gantt-legend">
      <span>
        <Box fill={BLOCK_FILL.F} /> F forward
      </span>
      {!forwardOnly && (
        <span>
          <Box fill={BLOCK_FILL.B} /> B backward ({zb ? 'input gradients only' : 'input + weight gradients'})
        </span>
      )}
      {!forwardOnly && zb && (
        <span>
          <Box fill={BLOCK_FILL.W} /> W weight gradients
        </span>
      )}
      <span>
        <Box fill={BLOCK_FILL.F} hatch /> exposed TP/EP communication (end of a block)
      </span>
      <span>
        <Box fill={BUBBLE_FILL} /> bubble (idle)
      </span>
      <span>
        <svg width={18} height={12} aria-hidden="true">
          <line x1={1} y1={1} x2={17} y2={11} style={{ stroke: TRANSFER_STROKE }} />
        </svg>
        transfer to the next stage
      </span>
    </div>
  );
}
