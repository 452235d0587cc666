/**
 * Compare (issue 9, item 6): scenario A (pinned) beside scenario B (the one
 * on screen): each one's strategy and verdict, every headline metric with
 * the change from A to B, and both pipeline Gantt charts on one time axis,
 * so a shorter step draws shorter. Everything shown comes from the two
 * evaluations in the store; the deltas from the pure module ./deltas.
 */
import { useMemo, useState } from 'react';
import type { Evaluation } from '../../core';
import { useExplorer } from '../../state/react';
import { ErrorBoundary } from '../panel/ErrorBoundary';
import { Gantt } from '../gantt';
import { firstScreen } from '../summary/firstScreen';
import { formatSeconds } from '../format';
import { compareEvaluations, compareSummary, type MetricDelta } from './deltas';
import css from './compare.module.css';
import { AccuracyLink } from '../summary/ErrorBandLink';

export function ComparePanel() {
  const compare = useExplorer((s) => s.compare);
  const b = useExplorer((s) => s.evaluation);
  const swap = useExplorer((s) => s.swapCompare);
  const show = useExplorer((s) => s.showCompare);
  const setCompare = useExplorer((s) => s.setCompare);
  if (!compare) return null;
  return (
    <CompareView
      a={compare.evaluation}
      aError={compare.error}
      b={b}
      onSwap={swap}
      onShowA={show}
      onUnpin={() => setCompare(null)}
    />
  );
}

export interface CompareViewProps {
  /** A's evaluation (null while evaluating) and the evaluator's message when it failed on A. */
  a: Evaluation | null;
  aError: string | null;
  b: Evaluation | null;
  onSwap(): void;
  onShowA(): void;
  onUnpin(): void;
}

export function CompareView({ a, aError, b, onSwap, onShowA, onUnpin }: CompareViewProps) {
  return (
    <section
      className={`panel ${css.root}`}
      id="compare"
      aria-labelledby="compare-title"
      data-testid="compare"
      data-state={a && b ? 'ready' : aError ? 'failed' : 'evaluating'}
    >
      <div className="panel-header">
        <h2 id="compare-title">Compare A and B</h2>
        <div className={css.actions}>
          <button
            type="button"
            onClick={onSwap}
            data-testid="compare-swap"
            title="A goes on screen, and the scenario on screen becomes A"
          >
            Swap A ↔ B
          </button>
          <button
            type="button"
            onClick={onShowA}
            data-testid="compare-show-a"
            title="Put A on screen (A stays pinned), to change it into another B"
          >
            Put A on screen
          </button>
          <button type="button" onClick={onUnpin} data-testid="compare-unpin">
            Unpin A
          </button>
        </div>
      </div>
      <p className="what">
        A is the scenario you pinned; B is the scenario on screen: change any control and B follows. Each change reads
        from A to B, and is called better or worse by the metric’s own direction.
      </p>
      <div className={css.sides}>
        <Side which="A" role="pinned" evaluation={a} error={aError} />
        <Side which="B" role="on screen" evaluation={b} error={null} />
      </div>
      {a && b ? (
        <ErrorBoundary name="Compare">
          <Comparison a={a} b={b} />
        </ErrorBoundary>
      ) : null}
    </section>
  );
}

function Side({
  which,
  role,
  evaluation,
  error,
}: {
  which: 'A' | 'B';
  role: string;
  evaluation: Evaluation | null;
  error: string | null;
}) {
  const first = evaluation ? firstScreen(evaluation) : null;
  return (
    <div className={css.side} data-testid={`compare-side-${which.toLowerCase()}`}>
      <div className={css.sideHead}>
        <span className={css.letter} aria-hidden="true">
          {which}
        </span>
        <span className="muted">{`${which}, ${role}`}</span>
      </div>
      {first ? (
        <>
          <p className={css.strategy} data-testid={`compare-strategy-${which.toLowerCase()}`}>
            {first.strategy}
          </p>
          <p className={`${css.verdict} ${css[first.tone]}`}>{first.verdict}</p>
        </>
      ) : (
        <p className="muted">{error ?? 'Evaluating…'}</p>
      )}
    </div>
  );
}

const VERDICT_MARK: Record<MetricDelta['verdict'], string> = { better: '▲', worse: '▼', same: '=', 'n/a': '–' };

function Comparison({ a, b }: { a: Evaluation; b: Evaluation }) {
  const rows = useMemo(() => compareEvaluations(a, b), [a, b]);
  return (
    <>
      <p className={css.summary} data-testid="compare-summary">
        {compareSummary(rows)}.
      </p>
      {rows.some((r) => r.withinError) ? (
        <p className={css.withinError} data-testid="compare-within-error">
          Differences marked ≈ are smaller than the model’s error on published runs: the model cannot tell A and B apart
          on them (<AccuracyLink>how accurate the numbers are</AccuracyLink>).
        </p>
      ) : null}
      <table className={css.table} data-testid="compare-table">
        <caption className={css.srOnly}>Every headline metric of A and B, and the change from A to B</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Change, B − A</th>
            <th scope="col">B vs A</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`compare-row-${r.id}`} data-verdict={r.verdict} title={r.sentence}>
              <th scope="row">
                {r.label}
                <span className={css.direction}>{r.directionText}</span>
              </th>
              <td className="num" data-label="A" data-testid="compare-a">
                {r.aText}
              </td>
              <td className="num" data-label="B" data-testid="compare-b">
                {r.bText}
              </td>
              <td className="num" data-label="Change">
                {/* The change alone under this id; the note on the model's error beside it. */}
                <span data-testid="compare-delta">
                  {r.verdict === 'n/a' ? '–' : [r.deltaText, r.pctText].filter(Boolean).join(' · ')}
                </span>
                {r.withinErrorText ? (
                  <span className={css.withinErrorNote} data-testid="compare-within-error-note">
                    ≈ {r.withinErrorText}
                  </span>
                ) : null}
              </td>
              <td
                data-label="B vs A"
                className={css[r.verdict === 'n/a' ? 'na' : r.verdict]}
                data-testid="compare-verdict"
              >
                <span aria-hidden="true">{VERDICT_MARK[r.verdict]} </span>
                {r.verdict === 'n/a' ? 'not comparable' : r.verdict === 'same' ? 'same' : r.verdict}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CompareGantts a={a} b={b} />
    </>
  );
}

/** End of a step's last block: the axis both charts share runs to the longer one. */
export function stepEnd(e: Evaluation): number {
  let end = e.pipeline.makespanSeconds;
  for (const block of e.timeline) if (block.end > end) end = block.end;
  return end;
}

function CompareGantts({ a, b }: { a: Evaluation; b: Evaluation }) {
  // One zoom for both charts, so they stay on one axis when zoomed too.
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const span = Math.max(stepEnd(a), stepEnd(b));
  const stages = Math.max(a.pipeline.stages, b.pipeline.stages);
  return (
    <div className={css.gantts}>
      <h3 className={css.subhead}>Pipeline schedules on one time axis</h3>
      <p className="what">
        Both charts run from 0 to {formatSeconds(span)}, so the shorter pipeline ends earlier; zooming one zooms both.
      </p>
      {(
        [
          ['A', a],
          ['B', b],
        ] as const
      ).map(([which, e]) => (
        <figure
          key={which}
          className={css.figure}
          data-testid={`compare-gantt-${which.toLowerCase()}`}
          data-step-end={stepEnd(e)}
          data-time-span={span}
        >
          <figcaption>
            <span className={css.letter} aria-hidden="true">
              {which}
            </span>{' '}
            {which}: the pipeline ends at {formatSeconds(stepEnd(e))}
          </figcaption>
          <Gantt evaluation={e} zoom={zoom} onZoom={setZoom} axisEnd={span} gutterStages={stages} compact />
        </figure>
      ))}
    </div>
  );
}

/** "Pin as A" (key A), and a link to the comparison once one is pinned. */
export function PinButton({ className }: { className?: string }) {
  const pin = useExplorer((s) => s.pinCompare);
  const pinned = useExplorer((s) => s.compare !== null);
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={pin}
        data-testid="pin-a"
        title="Pin the scenario on screen as A, then change it into B to compare (A)"
      >
        {pinned ? 'Pin again as A' : 'Pin as A'}
      </button>
      {pinned ? (
        <a href="#compare" className={css.jump} data-testid="go-compare">
          Compare ↓
        </a>
      ) : null}
    </>
  );
}
