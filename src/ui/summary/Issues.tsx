/**
 * What is wrong with the strategy (errors, then warnings) in plain words, each
 * with buttons for the fields involved, followed by the model's assumptions.
 */
import { useId } from 'react';
import type { Evaluation, Violation } from '../../core';
import { ASSUMPTIONS_OPEN_MAX, fieldLabel, sortViolations } from './issues';
import css from './Issues.module.css';

export interface IssuesProps {
  evaluation: Evaluation;
  /** Called with a scenario path (e.g. "parallel.tp") so the lead can highlight that control. */
  onFieldFocus?(path: string): void;
}

export function Issues({ evaluation, onFieldFocus }: IssuesProps) {
  const titleId = useId();
  const violations = sortViolations(evaluation.violations);
  const errors = violations.filter((v) => v.severity === 'error').length;
  const warnings = violations.length - errors;
  const { assumptions } = evaluation;
  return (
    <section className={`panel ${css.root}`} aria-labelledby={titleId} data-testid="issues" id="issues" tabIndex={-1}>
      <div className="panel-header">
        <h2 id={titleId}>Issues</h2>
        <span className="muted num">
          {errors} {errors === 1 ? 'error' : 'errors'}, {warnings} {warnings === 1 ? 'warning' : 'warnings'}
        </span>
      </div>
      <p className="what">
        Errors stop the strategy from running; warnings flag a statement that looks wrong. Press a field to find its
        control.
      </p>
      {violations.length === 0 ? (
        <p className={css.ok} data-testid="no-violations">
          <span aria-hidden="true">✓</span> No issues: the strategy meets every constraint.
        </p>
      ) : (
        <ul className={css.list}>
          {violations.map((v, i) => (
            <ViolationItem key={`${v.code}-${i}`} violation={v} onFieldFocus={onFieldFocus} />
          ))}
        </ul>
      )}
      {assumptions.length > 0 && (
        <details
          className={css.assumptions}
          open={assumptions.length <= ASSUMPTIONS_OPEN_MAX}
          data-testid="assumptions"
        >
          <summary>
            Assumptions <span className="muted num">({assumptions.length})</span>
          </summary>
          <ul>
            {assumptions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function ViolationItem({
  violation: v,
  onFieldFocus,
}: {
  violation: Violation;
  onFieldFocus?: (path: string) => void;
}) {
  const isError = v.severity === 'error';
  return (
    <li
      className={`${css.item} ${isError ? css.error : css.warning}`}
      data-testid={`violation-${v.code}`}
      data-severity={v.severity}
    >
      <div className={css.head}>
        <span className={css.severity}>
          <span aria-hidden="true">{isError ? '✗' : '⚠'}</span> {isError ? 'Error' : 'Warning'}
        </span>
        <code className={css.code}>{v.code}</code>
      </div>
      <p className={css.message}>{v.message}</p>
      {v.fields.length > 0 && (
        <div className={css.fields}>
          <span className="muted">Fields:</span>
          {v.fields.map((path) =>
            onFieldFocus ? (
              <button
                key={path}
                type="button"
                className={css.field}
                title={path}
                aria-label={`Show ${fieldLabel(path)} (${path})`}
                onClick={() => onFieldFocus(path)}
              >
                {fieldLabel(path)}
              </button>
            ) : (
              <span key={path} className={css.field} title={path}>
                {fieldLabel(path)}
              </span>
            ),
          )}
        </div>
      )}
    </li>
  );
}
