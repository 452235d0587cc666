/**
 * Headline numbers and one badge per target: is the strategy good enough?
 * Status is told three ways (colour, icon, word) so it never relies on colour.
 */
import { useId, type ReactNode } from 'react';
import type { Evaluation } from '../../core';
import { badgeModel, type BadgeModel } from './compliance';
import { headlineItems } from './headline';
import { explainMetric, explainTarget } from '../../core';
import { ErrorBandLink } from './ErrorBandLink';
import { MathButton } from '../math/MathButton';
import css from './Badges.module.css';

export interface BadgesProps {
  evaluation: Evaluation;
  /** Called with a target name (e.g. "latencyMs") when its badge is clicked, to reveal its control. */
  onFocusTarget?(target: string): void;
  /** Buttons beside the title (the page's "Clear all targets"). */
  actions?: ReactNode;
}

export function Badges({ evaluation, onFocusTarget, actions }: BadgesProps) {
  const titleId = useId();
  const badges = evaluation.compliance.map((c) => badgeModel(c, evaluation));
  const failing = badges.filter((b) => b.status === 'fail').length;
  const set = badges.filter((b) => b.status !== 'na').length;
  return (
    <section className={`panel ${css.root}`} aria-labelledby={titleId} data-testid="summary-badges">
      <div className="panel-header">
        <h2 id={titleId}>Targets and key numbers</h2>
        {actions}
        <span className="muted num">
          {set === 0
            ? 'no targets set'
            : failing === 0
              ? set === 1
                ? 'the target is met'
                : `all ${set} targets met`
              : `${failing} of ${set} target${set === 1 ? '' : 's'} missed`}
        </span>
      </div>
      <p className="what">
        The strategy's headline numbers, and whether each target you set is met (✓ pass, ✗ fail, – no target).
      </p>
      {evaluation.fromInfeasibleStrategy && <InfeasibleNotice />}
      <Headline evaluation={evaluation} />
      <ul className={css.badges} aria-label="Target compliance">
        {badges.map((b) => (
          <li key={b.target}>
            <Badge
              model={b}
              onFocusTarget={onFocusTarget}
              math={<TargetMath evaluation={evaluation} target={b.target} label={b.label} />}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function InfeasibleNotice() {
  return (
    <div className={css.notice} role="note" data-testid="infeasible-notice">
      <span aria-hidden="true" className={css.noticeIcon}>
        ⚠
      </span>
      <div>
        <strong>Computed for a strategy that cannot run as configured.</strong> The numbers show what this layout would
        cost; fix the errors under <a href="#issues">Issues</a> before trusting them.
      </div>
    </div>
  );
}

function Headline({ evaluation }: { evaluation: Evaluation }) {
  return (
    <dl className={css.headline} data-testid="headline">
      {headlineItems(evaluation).map((h) => (
        <div key={h.id} className={`${css.stat} ${h.bad ? css.statBad : ''}`} data-testid={`headline-${h.id}`}>
          <dt>{h.label}</dt>
          <dd className={`num ${css.statValue}`}>{h.value}</dd>
          {h.sub && <dd className={`num ${css.statSub}`}>{h.sub}</dd>}
          {h.band && (
            <dd className={css.statBand}>
              <ErrorBandLink band={h.band} figure={h.label} testId={`band-${h.id}`} />
            </dd>
          )}
          <dd>
            <MathButton
              label={h.label}
              testId={`math-open-headline-${h.id}`}
              derive={() => explainMetric(evaluation, h.id)}
            />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The derivation of a target's figure and its check. */
function TargetMath({ evaluation, target, label }: { evaluation: Evaluation; target: string; label: string }) {
  const entry = evaluation.compliance.find((c) => c.target === target);
  return (
    <MathButton
      label={label}
      testId={`math-open-badge-${target}`}
      derive={() => (entry ? explainTarget(evaluation, entry) : null)}
    />
  );
}

function Badge({
  model: b,
  onFocusTarget,
  math,
}: {
  model: BadgeModel;
  onFocusTarget?: (target: string) => void;
  math?: ReactNode;
}) {
  const content = (
    <>
      <span className={css.badgeLabel}>{b.label}</span>
      <span className={`num ${css.badgeValue}`}>
        {b.value}
        {b.limit && <span className={css.badgeLimit}> {b.limit}</span>}
      </span>
      {b.detail && <span className={`num ${css.badgeDetail}`}>{b.detail}</span>}
      <span className={css.badgeStatus}>
        <span aria-hidden="true">{b.icon}</span> {b.word}
      </span>
    </>
  );
  const common = {
    className: `${css.badge} ${css[b.status]}`,
    'data-testid': `badge-${b.target}`,
    'data-status': b.status,
    title: b.sentence,
  };
  if (!onFocusTarget) {
    return (
      <div {...common} role="group" aria-label={b.sentence}>
        {content}
        {math}
      </div>
    );
  }
  // A button holds no other button: the math sits beside it.
  return (
    <>
      <button
        type="button"
        {...common}
        aria-label={`${b.sentence} Show this target's control.`}
        onClick={() => onFocusTarget(b.target)}
      >
        {content}
      </button>
      {math}
    </>
  );
}
