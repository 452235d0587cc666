/**
 * "How accurate are these numbers" (issue 14, item 4): the model's error per
 * class of run, in the page itself, so every "± N%" band has a target that
 * ships with the built site (the README does not). Opened by any band, by the
 * header's "How accurate?", or by `#accuracy` in the address (on load too).
 * The permalink lives in the query string and keeps the hash as it is, so the
 * two never clash.
 */
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { ERROR_BAND_README_ANCHOR, ERROR_BANDS, formatErrorBand, MIN_BAND_ROWS } from '../../core';
import type { ErrorBand, ErrorBandRow } from '../../core';
import pcss from '../presenter/presenter.module.css';
import css from './AccuracyPanel.module.css';

/** The address fragment that opens the panel. */
export const ACCURACY_HASH = 'accuracy';

/** The README's full table and its list of constants (for a checkout or a host that ships the README). */
export const README_ACCURACY_HREF = `README.md#${ERROR_BAND_README_ANCHOR}`;

/** Window event that opens the panel; its detail names the band the user came from, if any. */
export const ACCURACY_EVENT = 'explorer:accuracy';

/** Opens the panel, with the row of `band`'s class highlighted when given. */
export function openAccuracy(band?: ErrorBand | null): void {
  window.dispatchEvent(new CustomEvent<ErrorBand | null>(ACCURACY_EVENT, { detail: band ?? null }));
}

/**
 * A link's click that opens the panel in place; a click that asks for a new
 * tab or window (modifier keys, middle button) follows the href instead, and
 * the new page opens the panel from `#accuracy` on load.
 */
export function onAccuracyClick(e: MouseEvent<HTMLAnchorElement>, band?: ErrorBand | null): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  openAccuracy(band);
}

/** A mean absolute error in per cent, one decimal: "13.8%". */
export function formatMaePct(pct: number): string {
  return Number.isFinite(pct) ? `${pct.toFixed(1)}%` : '–';
}

/** Published runs over every class: "all" when the table has it, else the largest class. */
function totalRuns(bands: Readonly<Record<string, ErrorBandRow>>): number {
  return bands.all?.rows ?? Math.max(0, ...Object.values(bands).map((r) => r.rows));
}

/** The table and how it is measured: no state, so it renders on the server in tests. */
export function AccuracyTable({
  band,
  bands = ERROR_BANDS,
}: {
  band?: ErrorBand | null;
  bands?: Readonly<Record<string, ErrorBandRow>>;
}) {
  const wanted = band && band.wanted !== band.key ? bands[band.wanted] : undefined;
  return (
    <>
      {band ? (
        <p className={css.from} data-testid="accuracy-from">
          The figure you came from carries <strong className="num">{formatErrorBand(band.pct)}</strong>, the error of
          its class, <strong>{band.label}</strong> ({band.rows} published runs), highlighted below.
          {band.wanted !== band.key
            ? ` Its narrower class${wanted ? `, ${wanted.label},` : ''} has fewer than ${MIN_BAND_ROWS} published runs, so the wider one stands in.`
            : null}
        </p>
      ) : null}
      <p className={css.how}>
        Each predicted time and throughput is checked against {totalRuns(bands)} published runs. <em>In sample</em>:
        every run predicted with the committed constants. <em>Out of sample</em>: the runs of one model family are left
        out at a time, and separately those of one source; the fitted constant, the compute efficiency per GPU
        generation, is refitted on the runs kept, and the runs left out are predicted. The band is the larger of the two
        leave-out errors (mean absolute error). A figure&apos;s band is its class&apos;s; a class with fewer than{' '}
        {MIN_BAND_ROWS} published runs falls back to the wider class it belongs to.
      </p>
      <table className={css.table} data-testid="accuracy-table">
        <caption className={css.caption}>Mean absolute error against published runs, by class of run</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col" className="num">
              Published runs
            </th>
            <th scope="col" className="num">
              In sample
            </th>
            <th scope="col" className="num">
              Out of sample
            </th>
            <th scope="col" className="num">
              Band shown
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(bands).map(([key, row]) => {
            const current = band?.key === key;
            const thin = row.rows < MIN_BAND_ROWS;
            return (
              <tr
                key={key}
                className={current ? css.current : undefined}
                aria-current={current ? 'true' : undefined}
                data-testid="accuracy-row"
                data-band-class={key}
              >
                <th scope="row">{row.label}</th>
                <td className="num">{row.rows}</td>
                <td className="num">{formatMaePct(row.inSampleMaePct)}</td>
                <td className="num">{formatMaePct(row.outOfSampleMaePct)}</td>
                <td className="num">
                  {thin ? (
                    <span className="muted">wider class used</span>
                  ) : (
                    <strong>{formatErrorBand(row.outOfSampleMaePct)}</strong>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={css.more}>
        The full table with every run, and the list of constants and where each comes from:{' '}
        <a href={README_ACCURACY_HREF}>How accurate the numbers are</a> in the README.
      </p>
    </>
  );
}

function AccuracyDialog({ band, onClose }: { band: ErrorBand | null; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, [onClose]);
  return (
    <div className={pcss.backdrop} onClick={onClose}>
      <div
        id={ACCURACY_HASH}
        className={`${pcss.dialog} ${css.dialog}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="accuracy-title"
        data-testid="accuracy-panel"
        data-band-class={band?.key}
        onClick={(e) => e.stopPropagation()}
      >
        <div className={pcss.dialogHead}>
          <h2 id="accuracy-title">How accurate are these numbers</h2>
          <button type="button" ref={close} onClick={onClose} aria-label="Close" data-testid="accuracy-close">
            ×
          </button>
        </div>
        <AccuracyTable band={band} />
      </div>
    </div>
  );
}

function hashIsAccuracy(): boolean {
  return window.location.hash === `#${ACCURACY_HASH}`;
}

/** Mounted once: opens the panel on the event, on `#accuracy` (at load or typed), and closes it. */
export function AccuracyPanelHost() {
  const [open, setOpen] = useState<{ band: ErrorBand | null } | null>(() =>
    typeof window !== 'undefined' && hashIsAccuracy() ? { band: null } : null,
  );
  useEffect(() => {
    const onOpen = (e: Event) => {
      setOpen({ band: (e as CustomEvent<ErrorBand | null>).detail ?? null });
      // The address names the open panel (a reload reopens it); replaced, not pushed, so Back stays where it was.
      if (!hashIsAccuracy()) window.history.replaceState(window.history.state, '', `#${ACCURACY_HASH}`);
    };
    const onHash = () => {
      if (hashIsAccuracy()) setOpen((o) => o ?? { band: null });
      else setOpen(null);
    };
    window.addEventListener(ACCURACY_EVENT, onOpen);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener(ACCURACY_EVENT, onOpen);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  const onClose = useCallback(() => {
    setOpen(null);
    // Closed: the address drops the fragment, so a reload or a copied link does not reopen it.
    if (hashIsAccuracy())
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  }, []);
  return open ? <AccuracyDialog band={open.band} onClose={onClose} /> : null;
}
