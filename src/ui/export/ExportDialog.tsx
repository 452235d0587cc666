/**
 * Export (issue 9, item 7): the scenario as JSON (and loading one back), a
 * printable one-page report, and every chart as SVG or PNG and every table as
 * CSV. Everything is made in the page; nothing is sent anywhere.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useExplorerStore } from '../../state/react';
import { shownScenario } from '../../state/store';
import { findExportables, type Exportable } from './exportables';
import { scenarioFileText, fileStem } from './scenarioFile';
import { canvasToPng, downloadBlob, standaloneSvg, svgSize, svgToPng } from './svg';
import { tableRows, toCsv } from './csv';
import { loadScenarioFile } from './loadScenario';
import css from '../presenter/presenter.module.css';
import ecss from './export.module.css';

function background(): string {
  return getComputedStyle(document.body).backgroundColor || '#ffffff';
}

export function ExportDialog({ onClose }: { onClose(): void }) {
  const store = useExplorerStore();
  const [message, setMessage] = useState<string | null>(null);
  const items = useMemo(() => findExportables(document), []);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const stem = () => {
    const s = shownScenario(store.getState());
    return fileStem(s.model.name, s.parallel);
  };
  const saveScenario = () =>
    downloadBlob(`${stem()}.json`, new Blob([scenarioFileText(store.getState().doc)], { type: 'application/json' }));
  const onLoad = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (file)
      loadScenarioFile(store, file).then((ok) =>
        ok ? onClose() : setMessage('That file is not a scenario: see the message at the top of the page.'),
      );
  };
  const run = (f: () => Promise<void> | void) => {
    Promise.resolve()
      .then(f)
      .catch((err: unknown) => setMessage(`Export failed: ${err instanceof Error ? err.message : String(err)}`));
  };
  const exportSvg = (x: Exportable) =>
    downloadBlob(
      `${stem()}-${x.id}.svg`,
      new Blob([standaloneSvg(x.el as SVGSVGElement, background())], { type: 'image/svg+xml' }),
    );
  const exportPng = async (x: Exportable) => {
    if (x.kind === 'canvas')
      return downloadBlob(`${stem()}-${x.id}.png`, await canvasToPng(x.el as HTMLCanvasElement, background()));
    const svg = x.el as SVGSVGElement;
    const { width, height } = svgSize(svg);
    downloadBlob(`${stem()}-${x.id}.png`, await svgToPng(standaloneSvg(svg, background()), width, height));
  };
  const exportCsv = (x: Exportable) =>
    downloadBlob(`${stem()}-${x.id}.csv`, new Blob([toCsv(tableRows(x.el as HTMLTableElement))], { type: 'text/csv' }));

  return (
    <div className={css.backdrop} onClick={onClose}>
      <div
        className={css.dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <div className={css.dialogHead}>
          <h2 id="export-title">Export</h2>
          <button type="button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        <h3 className={ecss.h3}>Scenario</h3>
        <div className={ecss.row}>
          <button type="button" ref={first} onClick={saveScenario} data-testid="export-scenario">
            Download as JSON
          </button>
          <label className={ecss.fileButton}>
            Load a JSON file…
            <input type="file" accept=".json,application/json" onChange={onLoad} data-testid="load-scenario" />
          </label>
          <button
            type="button"
            data-testid="print-report"
            onClick={() => {
              onClose();
              setTimeout(() => window.print(), 50);
            }}
          >
            Print a one-page report
          </button>
        </div>
        <p className="what">
          A scenario file can also be dropped anywhere on the page. It is the same document the CLI reads.
        </p>
        <h3 className={ecss.h3}>Charts and tables</h3>
        <ul className={ecss.list}>
          {items.map((x) => (
            <li key={x.id}>
              <span>{x.label}</span>
              <span className={ecss.row}>
                {x.kind === 'svg' ? (
                  <button type="button" data-testid={`export-svg-${x.id}`} onClick={() => run(() => exportSvg(x))}>
                    SVG
                  </button>
                ) : null}
                {x.kind !== 'table' ? (
                  <button type="button" data-testid={`export-png-${x.id}`} onClick={() => run(() => exportPng(x))}>
                    PNG
                  </button>
                ) : null}
                {x.kind === 'table' ? (
                  <button type="button" data-testid={`export-csv-${x.id}`} onClick={() => run(() => exportCsv(x))}>
                    CSV
                  </button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
        {message ? <p role="alert">{message}</p> : null}
      </div>
    </div>
  );
}
