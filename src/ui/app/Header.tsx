/** Title, status, "Copy link", and the banner for a link that could not be read. */
import { useEffect, useState } from 'react';
import { useExplorer, useExplorerStore } from '../../state/react';
import { permalinkOf } from '../../state/urlSync';
import { togglePresenter, usePresenter } from '../presenter/presenter';
import { HELP_EVENT } from '../presenter/Shortcuts';
import pcss from '../presenter/presenter.module.css';
import { ExportDialog } from '../export/ExportDialog';
import { openAccuracy } from '../summary/AccuracyPanel';
import { PinButton } from '../compare/ComparePanel';
import { WalkButton } from '../walk/WalkPanel';
import { nearerScenarios } from '../../state/nearest';
import { describeScenario } from '../../state/evaluator';
import type { ScenarioDoc } from '../../state/permalink';
import css from './app.module.css';

export function Header() {
  const pending = useDelayed(
    useExplorer((s) => s.requestedId > s.shownId),
    150,
  );
  const millis = useExplorer((s) => s.evaluationMillis);
  const nothingEvaluated = useExplorer((s) => s.evaluation === null && s.evaluatorError !== null);
  const [copied, setCopied] = useState<string | null>(null);
  const store = useExplorerStore();
  const presenter = usePresenter();
  const [exporting, setExporting] = useState(false);
  const copy = async () => {
    const url = permalinkOf(store);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      // Clipboard refused (permissions, insecure context): select the link for manual copy.
      window.prompt('Copy this link:', url);
      setCopied('Link shown for copying');
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <header className={css.header}>
      <div>
        <h1 className={css.title}>MoE Strategy Explorer</h1>
        <p className={css.subtitle}>
          How a Mixture-of-Experts model splits across GPUs: memory, time, communication, load — with every assumption
          named.
        </p>
      </div>
      <div className={css.headerActions}>
        <span className={css.status} aria-live="polite" data-testid="status">
          {pending ? 'Evaluating…' : nothingEvaluated ? 'Not evaluated' : `Evaluated in ${millis.toFixed(1)} ms`}
        </span>
        <WalkButton />
        <button
          type="button"
          className={css.ghost}
          onClick={() => openAccuracy()}
          data-testid="accuracy-open"
          title="The model's error against published runs, by class of run"
        >
          How accurate?
        </button>
        <button
          type="button"
          className={`${css.ghost} ${pcss.toggle}`}
          aria-pressed={presenter}
          onClick={togglePresenter}
          data-testid="presenter-toggle"
          title="Presenter mode (P)"
        >
          Presenter
        </button>
        <button
          type="button"
          className={css.ghost}
          onClick={() => window.dispatchEvent(new CustomEvent(HELP_EVENT))}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          data-testid="help-button"
        >
          ?
        </button>
        <button type="button" className={css.ghost} onClick={() => setExporting(true)} data-testid="export-button">
          Export…
        </button>
        {exporting ? <ExportDialog onClose={() => setExporting(false)} /> : null}
        <PinButton className={css.ghost} />
        <button type="button" className={css.copy} onClick={copy} data-testid="copy-link">
          {copied ?? 'Copy link'}
        </button>
      </div>
    </header>
  );
}

export function BannerView() {
  const banner = useExplorer((s) => s.banner);
  const error = useExplorer((s) => s.evaluatorError);
  const nothingShown = useExplorer((s) => s.evaluation === null);
  const setBanner = useExplorer((s) => s.setBanner);
  return (
    <>
      {banner ? (
        <div className={banner.kind === 'error' ? css.bannerError : css.bannerWarn} role="alert" data-testid="banner">
          <div>
            <strong>{banner.title}</strong>
            <ul>
              {banner.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
          <button type="button" aria-label="Dismiss" onClick={() => setBanner(null)}>
            ×
          </button>
        </div>
      ) : null}
      {error ? (
        <div className={css.bannerError} role="alert" data-testid="evaluator-error">
          <div>{error}</div>
          {nothingShown ? <NearestOffer /> : null}
        </div>
      ) : null}
    </>
  );
}

/**
 * With nothing on screen after a failure: the nearest scenario that runs
 * (state/nearest.ts). If that one fails too, the next is offered, down to
 * the default scenario.
 */
function NearestOffer() {
  const doc = useExplorer((s) => s.doc);
  const replaceDoc = useExplorer((s) => s.replaceDoc);
  const setBanner = useExplorer((s) => s.setBanner);
  // The scenario the user asked for, and which offer is on screen now.
  const [tried, setTried] = useState<{ origin: ScenarioDoc; step: number } | null>(null);
  // Failing on the offer itself moves on to the next one; failing anywhere else starts again from there.
  const shown = tried ? nearerScenarios(tried.origin)[tried.step] : undefined;
  const onOffer = tried !== null && shown !== undefined && JSON.stringify(shown.doc) === JSON.stringify(doc);
  const origin = onOffer ? tried.origin : doc;
  const step = onOffer ? tried.step + 1 : 0;
  const offer = nearerScenarios(origin)[step];
  if (!offer) return null;
  const open = () => {
    setTried({ origin, step });
    replaceDoc(offer.doc, 'commit');
    setBanner({
      kind: 'warning',
      title: 'Shown instead of the scenario the evaluator failed on',
      messages: [
        `The evaluator failed on ${describeScenario(origin)}. This is the nearest scenario that runs: the same with ${offer.reset} put back to the default.`,
      ],
    });
  };
  return (
    <button type="button" className={css.bannerAction} data-testid="show-nearest" onClick={open}>
      Show the nearest scenario that runs ({offer.reset} back to the default)
    </button>
  );
}

/**
 * `value` once it has held for `ms`: "Evaluating…" appears only for slow
 * evaluations, so a fast slider step changes nothing on screen until its
 * result arrives (one repaint, not two).
 */
function useDelayed(value: boolean, ms: number): boolean {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (!value) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}
