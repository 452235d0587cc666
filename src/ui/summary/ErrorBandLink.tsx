/**
 * "± 11% (MoE training)": the model's out-of-sample error on a predicted
 * figure, a link to the README's table of how accurate the numbers are, with
 * the class and its published runs in the tooltip.
 */
import type { ErrorBand } from '../../core';
import { ERROR_BAND_README_ANCHOR, formatErrorBand, MIN_BAND_ROWS } from '../../core';
import css from './Badges.module.css';

/** The README's accuracy table (the page ships beside its README). */
export const ACCURACY_HREF = `README.md#${ERROR_BAND_README_ANCHOR}`;

/** The tooltip: what the band is, its class, and why a wider class stands in for a thin one. */
export function errorBandTitle(band: ErrorBand, figure?: string): string {
  const thin =
    band.key === band.wanted
      ? ''
      : ` The narrower class "${band.wanted}" has fewer than ${MIN_BAND_ROWS} published runs, so the wider one stands in.`;
  return (
    `${figure ? `${figure}: ` : ''}${formatErrorBand(band.pct)} is the model's mean error, out of sample, on the ${band.rows} published runs of its class, ${band.label}.` +
    `${thin} Open the table of how accurate the numbers are.`
  );
}

export function ErrorBandLink({ band, figure, testId }: { band: ErrorBand; figure?: string; testId?: string }) {
  return (
    <a
      className={css.band}
      href={ACCURACY_HREF}
      title={errorBandTitle(band, figure)}
      data-testid={testId}
      data-band-class={band.key}
    >
      <span className="num">{formatErrorBand(band.pct)}</span> <span className={css.bandClass}>({band.label})</span>
    </a>
  );
}
