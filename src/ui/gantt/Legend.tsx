/**
 * What the Gantt's marks mean, in the schedule's words (the registry): B's
 * wording depends on whether it splits the backward, and a GPU with two or
 * more chunks gets a key for its darker and lighter blocks. TP and EP
 * communication each get a texture and their seconds per step.
 */
import { useId } from 'react';
import { scheduleById, type PipelineSummary, type TimeSummary } from '../../core';
import { DotPattern } from '../chart/DotPattern';
import { HatchPattern } from '../chart/HatchPattern';
import { formatSeconds } from '../format';
import { BLOCK_FILL, BLOCK_FILL_ALT, BUBBLE_FILL, COMM_EP_DOTS, COMM_HATCH, TRANSFER_STROKE } from './colours';
import css from './Gantt.module.css';

type Texture = 'hatch' | 'dots';

function Box({ fill, texture }: { fill: string; texture?: Texture }) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return (
    <svg width={18} height={12} aria-hidden="true" data-pattern={texture}>
      {texture && (
        <defs>
          {texture === 'hatch' ? (
            <HatchPattern id={`gl-${uid}`} stroke={COMM_HATCH} />
          ) : (
            <DotPattern id={`gl-${uid}`} fill={COMM_EP_DOTS} />
          )}
        </defs>
      )}
      <rect width={18} height={12} rx={1} style={{ fill }} />
      {texture && <rect width={18} height={12} fill={`url(#gl-${uid})`} />}
    </svg>
  );
}

export interface GanttLegendProps {
  pipeline: PipelineSummary;
  forwardOnly: boolean;
  /** The step's exposed TP and EP seconds (evaluation.time.exposedCommSeconds), shown beside their marks. */
  comm?: Pick<TimeSummary['exposedCommSeconds'], 'tp' | 'ep'>;
}

export function GanttLegend({ pipeline, forwardOnly, comm }: GanttLegendProps) {
  // Older evaluations do not tell TP from EP: one mark for both.
  const commSplit = pipeline.forwardEpCommSeconds !== undefined && pipeline.backwardEpCommSeconds !== undefined;
  const perStep = (s: number | undefined) =>
    s === undefined ? '' : s === 0 ? ': none in this step' : `: ${formatSeconds(s)} per step`;
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
          <Box fill={BLOCK_FILL.B} /> B backward (
          {split === 'none'
            ? 'input + weight gradients'
            : split === 'all'
              ? 'input gradients only'
              : 'input gradients only where a W follows'}
          )
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
      {commSplit ? (
        <>
          <span
            data-testid="gantt-legend-tp"
            title="Tensor-parallel collectives not hidden behind compute, on the GPU that sets the step; drawn at the end of each block"
          >
            <Box fill={BLOCK_FILL.F} texture="hatch" /> exposed TP communication (stripes){perStep(comm?.tp)}
          </span>
          <span
            data-testid="gantt-legend-ep"
            title="Expert-parallel all-to-all not hidden behind compute, on the GPU that sets the step; drawn at the very end of each block"
          >
            <Box fill={BLOCK_FILL.F} texture="dots" /> exposed EP all-to-all (dots){perStep(comm?.ep)}
          </span>
        </>
      ) : (
        <span data-testid="gantt-legend-comm">
          <Box fill={BLOCK_FILL.F} texture="hatch" /> exposed TP/EP communication (end of a block)
        </span>
      )}
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
