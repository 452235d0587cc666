/**
 * The page: controls on the left, the evaluation's views on the right. Views
 * only draw what the store holds; none computes physics.
 */
import { memo, useDeferredValue, useEffect, useMemo } from 'react';
import { useExplorer } from '../../state/react';
import type { ViewState } from '../../state/view';
import { ErrorBoundary } from '../panel/ErrorBoundary';
import { BannerView, Header } from './Header';
import { ControlPanel } from '../controls/ControlPanel';
import { Badges } from '../summary/Badges';
import { FirstScreen } from '../summary/FirstScreen';
import { loadedPreset } from '../../state/presetMatch';
import { TargetButtons } from '../controls/TargetButtons';
import { Issues } from '../summary/Issues';
import { PlaybackGantt, PlaybackHeatmap } from '../playback';
import { MemoryBreakdown } from '../breakdown/MemoryBreakdown';
import { TimeBreakdown } from '../breakdown/TimeBreakdown';
import { ServingPanel } from '../serving/ServingPanel';
import { SweepChart } from '../sweep/SweepChart';
import { ParameterChart } from '../sweep/ParameterChart';
import { ClaimsAudit } from '../claims/ClaimsAudit';
import { SearchPanel } from '../search/SearchPanel';
import { scheduleById, type Evaluation } from '../../core';
import { plural } from '../format';
import { Shortcuts } from '../presenter/Shortcuts';
import { AccuracyPanelHost } from '../summary/AccuracyPanel';
import { useScenarioDrop } from '../export/useScenarioDrop';
import { ComparePanel } from '../compare/ComparePanel';
import { WalkPanel } from '../walk/WalkPanel';
import css from './app.module.css';

export function App() {
  useScenarioDrop();
  return (
    <div className={css.page}>
      <a href="#results" className="skip-link">
        Skip to the results
      </a>
      <Shortcuts />
      <AccuracyPanelHost />
      <ErrorBoundary name="Guided walk">
        <WalkPanel />
      </ErrorBoundary>
      <Header />
      <BannerView />
      {/* Desktop: controls beside the results. Phone: the verdict first, then the controls, then the charts. */}
      <div className={css.layout}>
        <aside className={css.sidebar} aria-label="Scenario controls">
          <ErrorBoundary name="Controls">
            <ControlPanel />
          </ErrorBoundary>
        </aside>
        <div className={css.summary} id="results" tabIndex={-1}>
          <Summary />
        </div>
        <main className={css.main}>
          <ComparePanel />
          <div data-advanced>
            <ErrorBoundary name="Strategy search">
              <SearchPanel />
            </ErrorBoundary>
          </div>
          <Views />
        </main>
      </div>
    </div>
  );
}

function Summary() {
  const evaluation = useExplorer((s) => s.evaluation);
  const preset = useExplorer((s) => loadedPreset(s.doc));
  const failed = useExplorer((s) => s.evaluatorError !== null);
  if (!evaluation)
    return (
      <p className="panel">
        {failed
          ? 'Nothing to show: the evaluator failed on this scenario (see the message above).'
          : 'Evaluating the scenario…'}
      </p>
    );
  return (
    <ErrorBoundary name="Targets">
      <FirstScreen evaluation={evaluation} description={preset?.description} />
      <Badges evaluation={evaluation} actions={<TargetButtons clearOnly />} />
    </ErrorBoundary>
  );
}

function Views() {
  const evaluation = useExplorer((s) => s.evaluation);
  const shownId = useExplorer((s) => s.shownId);
  const view = useExplorer((s) => s.view);
  const setView = useExplorer((s) => s.setView);
  const highlight = useExplorer((s) => s.highlight);
  // The views further down the page render in a second, interruptible pass
  // (React's deferred value): a slider step repaints the first screen without
  // waiting for them. window.explorer.ready() waits for both.
  const current = useMemo(() => ({ id: shownId, evaluation }), [shownId, evaluation]);
  const later = useDeferredValue(current);
  if (!evaluation) return null;
  const focusField = (path: string) => {
    highlight([path]);
    const el = document.querySelector(`[data-field="${CSS.escape(path)}"]`);
    if (el) {
      const details = el.closest('details');
      if (details) details.open = true;
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el.querySelector<HTMLElement>('input, select')?.focus({ preventScroll: true });
    }
  };
  return (
    <>
      <ErrorBoundary name="Violations and assumptions">
        <Issues evaluation={evaluation} onFieldFocus={focusField} />
      </ErrorBoundary>
      <div className={css.grid}>
        <section className="panel" aria-labelledby="heatmap-title" data-print="skip">
          <div className="panel-header">
            <h2 id="heatmap-title">GPU grid</h2>
            <span className="muted num">{gridSummary(evaluation)}</span>
          </div>
          <ErrorBoundary name="GPU grid">
            <PlaybackHeatmap
              evaluation={evaluation}
              metric={view.metric}
              onMetricChange={(metric) => setView({ metric })}
              selectedRank={view.gpu}
              onSelect={(gpu) => setView({ gpu })}
            />
          </ErrorBoundary>
        </section>
        <div className={css.stack}>
          <ErrorBoundary name="Memory">
            <MemoryBreakdown evaluation={evaluation} />
          </ErrorBoundary>
          <ErrorBoundary name="Time">
            <TimeBreakdown evaluation={evaluation} />
          </ErrorBoundary>
          {evaluation.serving ? (
            <ErrorBoundary name="Serving">
              <ServingPanel evaluation={evaluation} />
            </ErrorBoundary>
          ) : null}
        </div>
      </div>
      {later.evaluation ? <LaterViews id={later.id} evaluation={later.evaluation} zoom={view.zoom} /> : null}
    </>
  );
}

/** Gantt, sequence-length chart and claims: drawn in the deferred pass. */
const LaterViews = memo(function LaterViews({
  id,
  evaluation,
  zoom,
}: {
  id: number;
  evaluation: Evaluation;
  zoom: ViewState['zoom'];
}) {
  const setView = useExplorer((s) => s.setView);
  const markRendered = useExplorer((s) => s.markRendered);
  useEffect(() => markRendered(id), [id, markRendered]);
  return (
    <>
      <section className="panel" aria-labelledby="gantt-title">
        <div className="panel-header">
          <h2 id="gantt-title">Pipeline schedule, simulated</h2>
          <span className="muted num">{ganttSummary(evaluation)}</span>
        </div>
        <ErrorBoundary name="Pipeline">
          <PlaybackGantt evaluation={evaluation} zoom={zoom} onZoom={(z) => setView({ zoom: z }, 'drag')} />
        </ErrorBoundary>
      </section>
      <div className={css.gridFit}>
        <div data-print="skip">
          <ErrorBoundary name="Sequence length">
            <SweepChart evaluation={evaluation} targets={evaluation.scenario.targets} />
          </ErrorBoundary>
        </div>
        <div data-print="skip">
          <ErrorBoundary name="Metric against a parameter">
            <ParameterChart evaluation={evaluation} />
          </ErrorBoundary>
        </div>
        <ErrorBoundary name="Claims">
          <ClaimsAudit evaluation={evaluation} />
        </ErrorBoundary>
      </div>
    </>
  );
});

function gridSummary(e: Evaluation): string {
  const hw = e.scenario.hardware;
  const p = e.scenario.parallel;
  // The strategy's ranks (perGpu is empty above the listing limit, so count them from the degrees).
  const ranks = p.tp * p.pp * p.dp;
  const nodes = Math.ceil(ranks / hw.gpusPerNode);
  return ranks === hw.count
    ? `${plural(ranks, 'GPU')} on ${plural(nodes, 'node')}`
    : `${plural(ranks, 'rank')} asked for, ${plural(hw.count, 'GPU')} in the cluster`;
}

function ganttSummary(e: Evaluation): string {
  const p = e.pipeline;
  const sched = `${scheduleById(p.schedule).label}${p.virtualStages > 1 ? `, ${p.virtualStages} chunks per GPU` : ''}`;
  const w = e.scenario.workload;
  const mode =
    w.mode === 'training'
      ? sched
      : w.phase === 'decode'
        ? `one decode step of the ${w.decodeTokens} (forward only)`
        : 'forward only (inference)';
  return `${plural(p.stages, 'stage')} × ${plural(p.microBatches, 'micro-batch', 'micro-batches')}, ${mode}`;
}
