/**
 * "Block durations the simulation used": per stage F, B, W (ZB-H1 only) and
 * the exposed comm inside F and B, in ms, plus the transfer per micro-batch
 * and the textbook bubble next to the simulated one.
 */
import type { PipelineSummary } from '../../core';
import { formatSeconds } from '../format';
import { compareBubble } from './bubbleNote';
import css from './Gantt.module.css';

const ms = (s: number) => (s * 1e3).toFixed(2);

export function DurationsTable({ pipeline, forwardOnly }: { pipeline: PipelineSummary; forwardOnly: boolean }) {
  const zb = pipeline.schedule === 'zb-h1' && !forwardOnly;
  const v = Math.max(1, pipeline.virtualStages);
  const bubble = compareBubble(pipeline);
  return (
    <div className={css.side} data-testid="gantt-durations">
      <div className={css.tableWrap}>
      <table className={css.table}>
        <caption>
          Block durations the simulation used <span>(ms per micro-batch; comm = exposed TP/EP communication inside the block)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">F</th>
            {!forwardOnly && <th scope="col">B</th>}
            {zb && <th scope="col">W</th>}
            <th scope="col" title="Exposed TP/EP communication inside F">F comm</th>
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
        Transfer between neighbouring stages: <span className="num">{formatSeconds(pipeline.transferSeconds)}</span> per micro-batch.
        {v > 1 && ` Interleaved: each GPU runs ${v} chunks, so each chunk block lasts 1/${v} of these.`}
        {forwardOnly && ' Inference: the timeline is forward-only, so only F blocks exist.'}
        {!forwardOnly && !zb && ' B is the whole backward (input and weight gradients).'}
        {zb && ' ZB-H1 splits the backward: B computes input gradients only, W the weight gradients later.'}
      </p>
      <dl className={css.bubble} data-testid="gantt-bubble">
        <dt>Textbook bubble</dt>
        <dd>{bubble.formula}</dd>
        <dt>Simulated bubble</dt>
        <dd className="num">{bubble.simulatedPct.toFixed(1)}%</dd>
      </dl>
      {bubble.note && <p className={css.fine}>{bubble.note}</p>}
    </div>
  );
}

/** Consecutive stages with the same block durations share one row ("3–14"), so 64 equal stages take one line. */
export function stageRanges(p: PipelineSummary): { first: number; last: number }[] {
  const key = (s: number) =>
    [p.forwardSeconds[s], p.backwardSeconds[s], p.weightGradSeconds[s], p.forwardCommSeconds[s], p.backwardCommSeconds[s]]
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
