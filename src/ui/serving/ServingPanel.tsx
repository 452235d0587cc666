/**
 * Serving as its users measure it (inference only): time to first token, time
 * per output token, end to end for the static batch, throughputs and the
 * KV-limited batch, each with its definition.
 */
import { useId } from 'react';
import type { Evaluation } from '../../core';
import { servingLinesWithBands } from './servingLines';
import { ErrorBandLink } from '../summary/ErrorBandLink';
import css from './ServingPanel.module.css';

export function ServingPanel({ evaluation }: { evaluation: Evaluation }) {
  const titleId = useId();
  const lines = servingLinesWithBands(evaluation);
  if (!lines) return null;
  const fits = evaluation.serving!.fits;
  return (
    <section className="panel" aria-labelledby={titleId} data-testid="serving">
      <div className="panel-header">
        <h2 id={titleId}>Serving the batch</h2>
        <span className="muted">prefill, then decode</span>
      </div>
      <dl className={css.list}>
        {lines.map((l) => (
          <div key={l.key} className={css.item} data-metric={l.key}>
            <dt>{l.label}</dt>
            <dd className={`num ${css.value}`}>{l.value}</dd>
            {l.band ? (
              <dd className={css.band}>
                <ErrorBandLink band={l.band} figure={l.label} testId={`serving-band-${l.key}`} />
              </dd>
            ) : null}
            <dd className={css.definition}>{l.definition}</dd>
          </div>
        ))}
      </dl>
      {fits ? null : (
        <p className={css.bad}>The batch does not fit in GPU memory through both phases (see the warnings above).</p>
      )}
    </section>
  );
}
