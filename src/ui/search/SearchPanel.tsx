/**
 * "Find a strategy": every strategy for the model, cluster, workload and
 * targets on screen, searched in a worker pool and ranked (issue 8). The
 * count shows before it runs; results stream in; a row click loads that
 * strategy into the explorer; the search lives in the permalink.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
// Only the light parts of the search on the page; the evaluator runs in the workers.
import { scheduleIds, type Narrowing } from '../../core';
import { useStrategyCount } from './useStrategyCount';
import { bestIds, OBJECTIVES, rankRows, type Objective } from '../../core';
import { exportRow, rowsToCsv } from '../../core';
import { formatErrorBand, objectiveBand, tiedIds } from '../../core';
import type { SearchRow } from '../../core';
import type { Scenario } from '../../core';
import { DEFAULT_SEARCH, type SearchView } from '../../state/view';
import { useExplorer, useExplorerStore } from '../../state/react';
import { fieldByPath } from '../../core';
import { ResultsTable } from './ResultsTable';
import { ParetoChart } from './ParetoChart';
import { withoutEquivalents, type ParetoAxis } from './pareto';
import { docWithStrategy, selectedIdOf } from './strategyDoc';
import { useSearchRun } from './useSearchRun';
import { warmSearchPool } from '../../worker/searchPool';
import { download } from './download';
import css from './search.module.css';

export function narrowingOf(v: SearchView): Narrowing {
  return {
    ...(v.tpMax !== null ? { tp: { max: v.tpMax } } : {}),
    ...(v.schedule !== null ? { schedules: [v.schedule as never] } : {}),
    ...(v.microBatchesMax !== null ? { microBatches: { max: v.microBatchesMax } } : {}),
    ...(v.recompute != null ? { recompute: [v.recompute] } : {}),
    ...(v.zeroStage != null ? { zeroStages: [v.zeroStage] } : {}),
    ...(v.sequenceParallel != null ? { sequenceParallel: [v.sequenceParallel] } : {}),
  };
}

/** The search space depends on everything but the strategy: a key that changes only when the space does. */
function spaceKey(s: Scenario): string {
  return JSON.stringify({
    model: s.model,
    hardware: s.hardware,
    workload: {
      ...s.workload,
      microBatches: 0,
      recompute: s.workload.mode === 'training' ? '' : s.workload.recompute,
      zeroStage: s.workload.mode === 'training' ? 0 : s.workload.zeroStage,
      sequenceParallel: s.workload.mode === 'training' ? false : s.workload.sequenceParallel,
    },
    targets: s.targets,
    parallel: { ...s.parallel, tp: 0, pp: 0, dp: 0, ep: 0, etp: 0, schedule: '', virtualStages: 0 },
  });
}

export function SearchPanel() {
  const store = useExplorerStore();
  const scenario = useExplorer((s) => s.scenario);
  const searchView = useExplorer((s) => s.view.search ?? null);
  // Why the strategy on screen cannot run (it may lie outside the space, e.g. on the wrong GPU count).
  const onScreenError = useExplorer(
    (s) => s.evaluation?.violations.find((v) => v.severity === 'error')?.message ?? null,
  );
  const setView = useExplorer((s) => s.setView);
  const [draft, setDraft] = useState<SearchView>(searchView ?? DEFAULT_SEARCH);
  const [axis, setAxis] = useState<ParetoAxis>('throughput');
  const [hoveredId, setHoveredId] = useState<number | null>(null);
  const [open, setOpen] = useState(searchView !== null);
  const { state, run, cancel } = useSearchRun();
  const training = scenario.workload.mode === 'training';
  const key = spaceKey(scenario);
  // Counted in a worker: a huge space takes a while and must not hold up the page.
  const draftNarrowing = useMemo(
    () => narrowingOf(draft),
    [draft.tpMax, draft.schedule, draft.microBatchesMax, draft.recompute, draft.zeroStage, draft.sequenceParallel],
  );
  const count = useStrategyCount(open, scenario, key, draftNarrowing);

  // The model, cluster, workload or targets the shown results were searched for.
  const [ranKey, setRanKey] = useState<string | null>(null);
  const started = useRef(false);
  const start = (v: SearchView) => {
    // The view change below must not start it a second time as a link's search.
    started.current = true;
    setRanKey(key);
    setView({ search: v });
    run(scenario, narrowingOf(v), v === draft ? count : null);
  };
  // A link with a search opens with it run.
  useEffect(() => {
    if (!started.current && searchView) {
      started.current = true;
      setRanKey(key);
      run(scenario, narrowingOf(searchView), null);
    }
  }, [searchView, scenario, run, key]);
  // Opened by hand: start and warm the workers while the user narrows the space.
  useEffect(() => {
    if (open && !started.current) warmSearchPool(scenario);
  }, [open]);

  const objective = searchView?.objective ?? draft.objective;
  const ranked = useMemo(() => rankRows(state.rows, objective), [state.rows, objective]);
  const [hideSame, setHideSame] = useState(true);
  const best = useMemo(() => bestIds(state.rows), [state.rows]);
  const band = useMemo(() => objectiveBand(scenario, objective), [scenario, objective]);
  const tied = useMemo(() => tiedIds(state.rows, objective, band), [state.rows, objective, band]);
  const selectedId = useMemo(() => selectedIdOf(state.rows, scenario), [state.rows, scenario]);
  const shown = useMemo(
    () => (hideSame ? withoutEquivalents(ranked, selectedId) : ranked),
    [ranked, hideSame, selectedId],
  );
  // Rows hidden as giving the same results tie trivially: the note counts the rows listed.
  const tiedShown = useMemo(() => shown.filter((r) => tied.has(r.id)).length, [shown, tied]);
  const pick = (r: SearchRow) => store.getState().replaceDoc(docWithStrategy(store.getState().doc, r.strategy));
  const exportJson = () =>
    download(
      'strategies.json',
      'application/json',
      JSON.stringify(
        {
          enumerated: state.total,
          evaluated: state.evaluated,
          seconds: state.seconds,
          objective,
          rows: ranked.map((r, i) => exportRow(scenario, r, i + 1, tied.has(r.id))),
        },
        null,
        2,
      ),
    );
  const running = state.status === 'running';
  const progress = state.total > 0 ? state.found / state.total : 0;

  if (!open) {
    return (
      <section className={`panel ${css.root}`} aria-labelledby="search-title">
        <div className="panel-header">
          <h2 id="search-title">Find a strategy</h2>
          <button type="button" className={css.primary} onClick={() => setOpen(true)} data-testid="search-open">
            Search every strategy…
          </button>
        </div>
        <p className="what">
          Evaluate every split of this model over these GPUs that the rules allow, ranked, and see which meet the
          targets.
        </p>
      </section>
    );
  }
  return (
    <section className={`panel ${css.root}`} aria-labelledby="search-title" data-testid="search-panel">
      <div className="panel-header">
        <h2 id="search-title">Find a strategy</h2>
        <span className="muted num">
          {state.status === 'done' ? doneText(state.total, state.evaluated, state.seconds) : ''}
        </span>
      </div>
      <div className={css.controls}>
        <label>
          Rank by{' '}
          <select
            value={draft.objective}
            onChange={(e) => {
              const v = { ...draft, objective: e.target.value as Objective };
              setDraft(v);
              if (searchView) setView({ search: v });
            }}
            data-testid="search-objective"
          >
            {OBJECTIVES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          TP ≤{' '}
          <input
            type="number"
            min={1}
            className={css.small}
            value={draft.tpMax ?? ''}
            placeholder="any"
            onChange={(e) =>
              setDraft({ ...draft, tpMax: e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : null })
            }
            data-testid="search-tpmax"
          />
        </label>
        <label>
          Schedule{' '}
          <select
            value={draft.schedule ?? ''}
            onChange={(e) => setDraft({ ...draft, schedule: e.target.value || null })}
          >
            <option value="">every one</option>
            {scheduleIds().map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Micro-batches ≤{' '}
          <input
            type="number"
            min={1}
            className={css.small}
            value={draft.microBatchesMax ?? ''}
            placeholder="any"
            onChange={(e) =>
              setDraft({
                ...draft,
                microBatchesMax: e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : null,
              })
            }
          />
        </label>
        {training ? (
          <>
            <label>
              Recompute{' '}
              <select
                value={draft.recompute ?? ''}
                onChange={(e) => setDraft({ ...draft, recompute: (e.target.value || null) as SearchView['recompute'] })}
              >
                <option value="">every one</option>
                {(fieldByPath('workload.recompute')?.values ?? []).map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <label>
              ZeRO{' '}
              <select
                value={draft.zeroStage ?? ''}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    zeroStage: e.target.value === '' ? null : (Number(e.target.value) as 0 | 1 | 2 | 3),
                  })
                }
              >
                <option value="">every stage</option>
                {[0, 1, 2, 3].map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Sequence parallel{' '}
              <select
                value={draft.sequenceParallel == null ? '' : draft.sequenceParallel ? '1' : '0'}
                onChange={(e) =>
                  setDraft({ ...draft, sequenceParallel: e.target.value === '' ? null : e.target.value === '1' })
                }
              >
                <option value="">both</option>
                <option value="1">on</option>
                <option value="0">off</option>
              </select>
            </label>
          </>
        ) : null}
        <span className="num" data-testid="search-count">
          {count === null ? 'counting…' : `${count.toLocaleString('en-US')} strategies`}
        </span>
        {running ? (
          <button type="button" onClick={cancel} data-testid="search-cancel">
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className={css.primary}
            onClick={() => start(draft)}
            disabled={count === 0}
            data-testid="search-run"
          >
            Search
          </button>
        )}
        <button
          type="button"
          onClick={() => download('strategies.csv', 'text/csv', rowsToCsv(ranked, tied))}
          disabled={state.rows.length === 0}
          data-testid="search-csv"
        >
          CSV
        </button>
        <button type="button" onClick={exportJson} disabled={state.rows.length === 0} data-testid="search-json">
          JSON
        </button>
      </div>
      {state.status !== 'idle' ? (
        <div className={css.progressLine}>
          <progress max={1} value={progress} aria-label="Search progress" data-testid="search-progress" />
          <span className="muted num">
            {state.found.toLocaleString('en-US')} / {state.total.toLocaleString('en-US')}
            {state.status === 'cancelled'
              ? ' (cancelled)'
              : state.status === 'error'
                ? ` (failed: ${state.error})`
                : state.status === 'ended-early'
                  ? ' (ended early)'
                  : ''}
          </span>
        </div>
      ) : null}
      {state.note && state.status !== 'running' ? (
        <p
          className={css.current}
          role="status"
          data-testid={state.status === 'ended-early' ? 'search-ended-early' : 'search-note'}
        >
          {state.note}
        </p>
      ) : null}
      {ranKey !== null && ranKey !== key && state.rows.length > 0 ? (
        <p className={css.current} data-testid="search-stale">
          These results are for a different model, cluster, workload or targets than on screen: search again to update
          them.
        </p>
      ) : null}
      {state.status !== 'idle' && onScreenError ? (
        <p className={css.current} data-testid="search-current">
          The strategy on screen cannot run: {onScreenError}
        </p>
      ) : null}
      {state.status === 'done' && !state.rows.some((r) => r.meetsTargets) ? (
        <p className={css.current} data-testid="search-none">
          No strategy meets every target; ranked by {objective}, the closest is first.
        </p>
      ) : null}
      {state.rows.length > 0 ? (
        <>
          <label className={css.hideSame}>
            <input
              type="checkbox"
              checked={hideSame}
              onChange={(e) => setHideSame(e.target.checked)}
              data-testid="search-hide-same"
            />{' '}
            Hide schedules that give the same results as one listed (
            {(ranked.length - shown.length).toLocaleString('en-US')} hidden)
          </label>
          {tiedShown > 1 && band ? (
            <p className={css.current} data-testid="search-ties">
              {tiedShown.toLocaleString('en-US')} strategies listed (marked ≈) are tied within the model’s error: their{' '}
              {objective} is within {formatErrorBand(band.pct)} ({band.label}) of the best, closer than the model can
              tell apart.
            </p>
          ) : null}
          <ResultsTable
            rows={shown}
            training={training}
            best={best}
            tied={tiedShown > 1 ? tied : undefined}
            tiedTitle={
              band
                ? `Tied within the model’s error: ${objective} within ${formatErrorBand(band.pct)} (${band.label}) of the best`
                : ''
            }
            selectedId={selectedId}
            done={state.status === 'done'}
            hoveredId={hoveredId}
            onHover={setHoveredId}
            onPick={pick}
          />
          <ParetoChart
            rows={state.rows}
            axis={axis}
            onAxis={setAxis}
            selectedId={selectedId}
            hoveredId={hoveredId}
            onHover={setHoveredId}
            onPick={pick}
            training={training}
          />
        </>
      ) : null}
    </section>
  );
}

function doneText(total: number, evaluated: number, seconds: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const pruned = total - evaluated;
  return `${n(total)} strategies in ${seconds.toFixed(2)} s${pruned > 0 ? ` (${n(pruned)} cannot fit in memory: not timed)` : ''}`;
}
