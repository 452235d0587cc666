/**
 * "Block durations the simulation used": per stage F, B, W (schedules that
 * split the backward) and the exposed comm inside F and B, in ms, plus the
 * transfer per micro-batch and the textbook bubble next to the simulated one.
 */
import { BUBBLE_TERMS, scheduleById, type PipelineSummary } from '../../core';
import { formatSeconds, sig3 } from '../format';
import { compareBubble } from './bubbleNote';
import css from './Gantt.module.css';

/** Milliseconds to three significant figures, the model's accuracy. */
const ms = (s: number) => (s === 0 ? '0' : sig3(s * 1e3));

export function DurationsTable({ pipeline, forwardOnly }: { pipeline: PipelineSummary; forwardOnly: boolean }) {
  const schedule = scheduleById(pipeline.schedule);
  const zb = schedule.backwardSplit !== 'none' && !forwardOnly;
  const bubble = compareBubble(pipeline);
  return (
    <div data-testid="gantt-durations">
      <div className={css.tableWrap}>
        <table className={css.table}>
          <caption>
            Block durations the simulation used{' '}
            <span>(ms per micro-batch; comm = exposed TP/EP communication inside the block)</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">F</th>
              {!forwardOnly && <th scope="col">B</th>}
              {zb && <th scope="col">W</th>}
              <th scope="col" title="Exposed TP/EP communication inside F">
                F comm
              </th>
              {!forwardOnly && (
                <th scope="col" title="Exposed TP/EP communication inside B">
                  B comm
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {stageRanges(pipeline).map(({ first, last }) => (
              <tr key={first}>
                <th scope="row">{first === last ? first : `${first}–${last}`}</th>
                <td>{ms(pipeline.forwardSeconds[first])}</td>
                {!forwardOnly && <td>{ms(pipeline.backwardSeconds[first] ?? 0)}</td>}
                {zb && <td>{ms(pipeline.weightGradSeconds[first] ?? 0)}</td>}
                <td>{ms(pipeline.forwardCommSeconds[first] ?? 0)}</td>
                {!forwardOnly && <td>{ms(pipeline.backwardCommSeconds[first] ?? 0)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={css.fine}>
        Transfer between neighbouring stages: <span className="num">{formatSeconds(pipeline.transferSeconds)}</span> per
        micro-batch.
        {chunkNote(pipeline) && ` ${chunkNote(pipeline)}`}
        {forwardOnly && ' Inference: the timeline is forward-only, so only F blocks exist.'}
        {!forwardOnly && !zb && ' B is the whole backward (input and weight gradients).'}
        {zb &&
          schedule.backwardSplit === 'all' &&
          ` ${schedule.label} splits the backward: B computes input gradients only, W the weight gradients later.`}
        {zb &&
          schedule.backwardSplit === 'some' &&
          ` ${schedule.label} splits some backwards into B (input gradients) and a later W (weight gradients); a B with no W after it does both, and takes B + W.`}
      </p>
      <dl className={css.bubble} data-testid="gantt-bubble">
        <dt title={BUBBLE_TERMS.textbook.definition}>{BUBBLE_TERMS.textbook.label}</dt>
        <dd>{bubble.formula}</dd>
        {bubble.paperFormula && (
          <>
            <dt>The paper’s form</dt>
            <dd>{bubble.paperFormula}</dd>
          </>
        )}
        <dt title={BUBBLE_TERMS.simulated.definition}>{BUBBLE_TERMS.simulated.label}</dt>
        <dd className="num">{bubble.simulatedPct.toFixed(1)}%</dd>
      </dl>
      {bubble.note && (
        <p className={css.fine} data-testid="gantt-bubble-gap">
          {bubble.note}
        </p>
      )}
    </div>
  );
}

/** Consecutive stages with the same block durations share one row ("3–14"), so 64 equal stages take one line. */
export function stageRanges(p: PipelineSummary): { first: number; last: number }[] {
  const key = (s: number) =>
    [
      p.forwardSeconds[s],
      p.backwardSeconds[s],
      p.weightGradSeconds[s],
      p.forwardCommSeconds[s],
      p.backwardCommSeconds[s],
    ]
      .map((x) => (x ?? 0).toPrecision(9))
      .join('|');
  const out: { first: number; last: number }[] = [];
  for (let s = 0; s < p.forwardSeconds.length; s++) {
    const prev = out[out.length - 1];
    if (prev && key(prev.last) === key(s)) prev.last = s;
    else out.push({ first: s, last: s });
  }
  return out;
}

/** What one block is when a GPU holds several model chunks (from the schedule's placement). */
function chunkNote(p: PipelineSummary): string {
  const v = Math.max(1, p.virtualStages);
  if (v === 1) return '';
  const schedule = scheduleById(p.schedule);
  const lane = schedule.placement(p.stages, v).lanes[0];
  const passes = Math.max(1, (lane.last - lane.first + 1) / Math.max(1, p.stages));
  const names = schedule.chunkNames(v).join('; ');
  return passes > 1
    ? `Each GPU runs ${v} model chunks (${names}) and a micro-batch passes each of them, so a block lasts about 1/${passes} of these times.`
    : `Each GPU holds ${v} model chunks (${names}) and a micro-batch passes one of them, so these times are per block, averaged over the chunks.`;
}
