/**
 * The first thing on the page, and all of a phone's first screen: the
 * verdict, the strategy in one line, the top reason, links that jump to the
 * Issues and the claims, and the loaded preset's description.
 */
import type { Evaluation } from '../../core';
import { firstScreen } from './firstScreen';
import css from './FirstScreen.module.css';

export function FirstScreen({ evaluation, description }: { evaluation: Evaluation; description?: string | null }) {
  const f = firstScreen(evaluation);
  const claims = evaluation.claimsAudit.length;
  return (
    <section
      className={`${css.root} ${css[f.tone]}`}
      aria-label="Verdict"
      data-testid="first-screen"
      data-tone={f.tone}
    >
      <p className={css.verdict} data-testid="verdict">
        <span aria-hidden="true">{f.tone === 'fail' ? '✗' : f.tone === 'warn' ? '!' : '✓'}</span> {f.verdict}
      </p>
      <p className={`num ${css.strategy}`} data-testid="strategy-line">
        {f.strategy}
      </p>
      <p className={css.reason} data-testid="top-reason">
        {f.reason}
      </p>
      <p className={css.links}>
        <a href="#issues" data-testid="jump-issues">
          Issues ({f.errors} {f.errors === 1 ? 'error' : 'errors'}, {f.warnings}{' '}
          {f.warnings === 1 ? 'warning' : 'warnings'})
        </a>
        {claims > 0 ? (
          <a href="#claims" data-testid="jump-claims">
            Claims audit ({claims})
          </a>
        ) : null}
      </p>
      {description ? (
        <p className={css.description} data-testid="first-screen-description">
          {description}
        </p>
      ) : null}
    </section>
  );
}
