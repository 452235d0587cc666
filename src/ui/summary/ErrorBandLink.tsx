/**
 * "± 11% (MoE training)": the model's out-of-sample error on a predicted
 * figure, a link that opens the page's own table of how accurate the numbers
 * are (AccuracyPanel) with its class highlighted, with the class and its
 * published runs in the tooltip.
 */
import type { ReactNode } from 'react';
import type { ErrorBand } from '../../core';
import { formatErrorBand, MIN_BAND_ROWS } from '../../core';
import { ACCURACY_HASH, onAccuracyClick } from './AccuracyPanel';
import css from './Badges.module.css';

/** The page's accuracy panel: a fragment, so it works on any static host and offline (the README does not ship). */
export const ACCURACY_HREF = `#${ACCURACY_HASH}`;

/** "how accurate the numbers are" in running text: opens the panel, no class highlighted. */
export function AccuracyLink({ children }: { children: ReactNode }) {
  return (
    <a href={ACCURACY_HREF} onClick={(e) => onAccuracyClick(e)}>
      {children}
    </a>
  );
}

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
      onClick={(e) => onAccuracyClick(e, band)}
      title={errorBandTitle(band, figure)}
      data-testid={testId}
      data-band-class={band.key}
    >
      <span className="num">{formatErrorBand(band.pct)}</span> <span className={css.bandClass}>({band.label})</span>
    </a>
  );
}
