/**
 * What the Gantt's marks mean, in the schedule's words (the registry): B's
 * wording depends on whether it splits the backward, and a GPU with two or
 * more chunks gets a key for its darker and lighter blocks.
 */
import { useId } from 'react';
import { scheduleById, type PipelineSummary } from '../../core';
import { HatchPattern } from '../chart/HatchPattern';
import { BLOCK_FILL, BLOCK_FILL_ALT, BUBBLE_FILL, COMM_HATCH, TRANSFER_STROKE } from './colours';
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

export function GanttLegend({ pipeline, forwardOnly }: { pipeline: PipelineSummary; forwardOnly: boolean }) {
  const schedule = scheduleById(pipeline.schedule);
  const split = schedule.backwardSplit;
  const chunks = Math.max(1, pipeline.virtualStages);
  const names = schedule.chunkNames(chunks);
  return (
    <div className={css.legend} data-testid="gantt-legend">
      <span>
        <Box fill={BLOCK_FILL.F} /> F forward
      </span>
      {!forwardOnly && (
        <span>
          <Box fill={BLOCK_FILL.B} /> B backward ({split === 'none' ? 'input + weight gradients' : split === 'all' ? 'input gradients only' : 'input gradients only where a W follows'})
        </span>
      )}
      {!forwardOnly && split !== 'none' && (
        <span>
          <Box fill={BLOCK_FILL.W} /> W weight gradients
        </span>
      )}
      {chunks > 1 && (
        <span data-testid="gantt-legend-chunks">
          <Box fill={BLOCK_FILL.F} /> {chunks === 2 ? `chunk 0: ${names[0]}` : 'chunks 0, 2, …'}
          <Box fill={BLOCK_FILL_ALT.F} /> {chunks === 2 ? `chunk 1: ${names[1]}` : 'chunks 1, 3, … (lighter)'}
        </span>
      )}
      <span>
        <Box fill={BLOCK_FILL.F} hatch /> exposed TP/EP communication (end of a block)
      </span>
      <span>
        <Box fill={BUBBLE_FILL} /> idle: the GPU waits for an input
      </span>
      <span>
        <svg width={18} height={12} aria-hidden="true">
          <line x1={1} y1={1} x2={17} y2={11} style={{ stroke: TRANSFER_STROKE }} />
        </svg>
        transfer to another GPU
      </span>
    </div>
  );
}
