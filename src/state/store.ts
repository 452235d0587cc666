/**
 * The explorer's store (Zustand, vanilla, so the worker glue and tests use it
 * without React). It owns the scenario document (only what the user set), the
 * normalized scenario, the view state, and the latest evaluation.
 *
 * Invariant: `doc` always parses. An edit that does not parse is refused with
 * a message on that field (`fieldErrors`) and the last good scenario stays.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseScenario, type Evaluation, type FieldError, type Scenario } from '../core';
import { scenarioPreset } from '../presets/scenarios';
import { withNewModelTargets } from '../presets/targets';
import { deleteAtPath, pruneDefaults, setAtPath, type ScenarioDoc } from './permalink';
import { DEFAULT_VIEW, type ViewState } from './view';

/**
 * How an edit is recorded in the browser history: a drag rewrites one entry,
 * keyboard steps in quick succession share one, a commit adds one.
 */
export type EditMode = 'drag' | 'step' | 'commit';

export interface Banner {
  kind: 'warning' | 'error';
  title: string;
  messages: string[];
}

/**
 * Scenario A of a comparison (issue 9, item 6): pinned by the user or read
 * from the link's `compare=`; the page's scenario is B. Evaluated by the same
 * worker as the page.
 */
export interface CompareState {
  doc: ScenarioDoc;
  scenario: Scenario;
  evaluation: Evaluation | null;
  /** Request id of A's evaluation asked for (0: none asked, e.g. taken from the screen). */
  requestedId: number;
  /** The evaluator failed on A. */
  error: string | null;
}

export interface ExplorerState {
  doc: ScenarioDoc;
  scenario: Scenario;
  view: ViewState;
  evaluation: Evaluation | null;
  /** Request id of the newest scenario asked for, and of the evaluation shown. */
  requestedId: number;
  shownId: number;
  /** Request id whose evaluation the views below the fold have drawn (they render a moment after the rest). */
  renderedId: number;
  /** Milliseconds the worker took for the evaluation shown. */
  evaluationMillis: number;
  /** Inputs refused, by field path, with the reason. */
  fieldErrors: Record<string, string>;
  /** A problem with the evaluator itself (the page keeps the last evaluation). */
  evaluatorError: string | null;
  /** Request id of the newest scenario the evaluator failed on (0: none); `ready()` rejects while it is the newest asked for. */
  failedId: number;
  /**
   * How many times the controls were put back on the scenario on screen after
   * the evaluator failed on a newer one: a control holding typed text starts
   * again from the value shown when it changes.
   */
  restoredAfterFailure: number;
  banner: Banner | null;
  /** Field paths to highlight (from a violation the user pointed at). */
  highlighted: string[];
  /** The last history mode, read by the URL sync. */
  lastEdit: EditMode;
  /** Scenario A pinned for comparison, or null. */
  compare: CompareState | null;

  setField(path: string, value: unknown, mode?: EditMode): boolean;
  /** Removes a field so its default (or preset value) applies. */
  resetField(path: string, mode?: EditMode): void;
  replaceDoc(doc: ScenarioDoc, mode?: EditMode): boolean;
  applyPreset(id: string): void;
  setModelPreset(id: string | null): void;
  setGpuPreset(id: string): void;
  setView(patch: Partial<ViewState>, mode?: EditMode): void;
  setBanner(b: Banner | null): void;
  highlight(paths: string[]): void;
  /** Called by the evaluator glue. */
  markRequested(id: number): void;
  receiveEvaluation(id: number, evaluation: Evaluation, millis: number): void;
  receiveFailure(id: number, message: string): void;
  /**
   * The evaluator failed on request `id` (the newest): the scenario goes back
   * to `shownDoc`, the one whose evaluation is on screen, so controls, link and
   * numbers agree; `message` says what failed and what is shown.
   */
  restoreAfterFailure(id: number, shownDoc: ScenarioDoc, message: string): void;
  markRendered(id: number): void;

  /** Pins the scenario on screen as A (its evaluation too, when the screen shows it). */
  pinCompare(): void;
  /** Sets A from a document (a link, the history), or unpins with null; false when it does not parse. */
  setCompare(doc: ScenarioDoc | null, mode?: EditMode): boolean;
  /** A becomes the scenario on screen and the scenario on screen becomes A. */
  swapCompare(): void;
  /** Puts A on screen (B := A); A stays pinned. */
  showCompare(): void;
  /** Called by the evaluator glue for A. */
  markCompareRequested(id: number): void;
  receiveCompareEvaluation(id: number, evaluation: Evaluation): void;
  receiveCompareFailure(id: number, message: string): void;
}

export type ExplorerStore = StoreApi<ExplorerState>;

/**
 * The scenario the page shows: the one the evaluation on screen is of. Controls
 * read it too, so controls and charts always describe the same scenario, and
 * an edit appears everywhere at once when its evaluation arrives (one repaint,
 * not a repaint of the controls and another of the charts).
 */
/** Whether an error of the evaluation on screen involves this field. */
export function inError(s: ExplorerState, path: string): boolean {
  return s.evaluation?.violations.some((v) => v.severity === 'error' && v.fields.includes(path)) ?? false;
}

export function shownScenario(s: ExplorerState): Scenario {
  return s.evaluation?.scenario ?? s.scenario;
}

function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => e.message).join('; ');
}

/** A pinned scenario for a document, or null when it does not parse. */
function compareOf(doc: ScenarioDoc, evaluation: Evaluation | null = null): CompareState | null {
  const pruned = pruneDefaults(doc);
  const r = parseScenario(pruned);
  return r.ok ? { doc: pruned, scenario: r.scenario, evaluation, requestedId: 0, error: null } : null;
}

/** The evaluation on screen when it is of the newest scenario asked for (else null: still evaluating). */
function currentEvaluation(s: ExplorerState): Evaluation | null {
  return s.evaluation && s.requestedId > 0 && s.shownId >= s.requestedId && s.failedId < s.requestedId
    ? s.evaluation
    : null;
}

export function createExplorerStore(
  initial: { doc?: ScenarioDoc; view?: ViewState; banner?: Banner | null; compare?: ScenarioDoc | null } = {},
): ExplorerStore {
  const startDoc = initial.doc ?? {};
  const parsed = parseScenario(startDoc);
  // The caller hands a doc that parses (a decoded link is repaired first); fall back to the seed otherwise.
  const doc = parsed.ok ? startDoc : {};
  const scenario = parsed.ok ? parsed.scenario : (parseScenario({}) as { ok: true; scenario: Scenario }).scenario;

  return createStore<ExplorerState>()((set, get) => {
    /** Commits a doc when it parses; otherwise records why, on the fields named. */
    function commit(next: ScenarioDoc, mode: EditMode, editedPath?: string): boolean {
      const pruned = pruneDefaults(next);
      const r = parseScenario(pruned);
      if (!r.ok) {
        const fieldErrors = { ...get().fieldErrors };
        for (const e of r.errors) fieldErrors[e.path] = e.message;
        if (editedPath && !r.errors.some((e) => e.path === editedPath))
          fieldErrors[editedPath] = describeErrors(r.errors);
        set({ fieldErrors });
        return false;
      }
      const fieldErrors = { ...get().fieldErrors };
      if (editedPath) delete fieldErrors[editedPath];
      set({ doc: pruned, scenario: r.scenario, fieldErrors, lastEdit: mode });
      return true;
    }

    return {
      doc,
      scenario,
      view: initial.view ?? DEFAULT_VIEW,
      evaluation: null,
      requestedId: 0,
      shownId: 0,
      renderedId: 0,
      evaluationMillis: 0,
      fieldErrors: {},
      evaluatorError: null,
      failedId: 0,
      restoredAfterFailure: 0,
      banner: initial.banner ?? null,
      highlighted: [],
      lastEdit: 'commit',
      compare: initial.compare ? compareOf(initial.compare) : null,

      setField(path, value, mode = 'commit') {
        return commit(setAtPath(get().doc, path, value), mode, path);
      },
      resetField(path, mode = 'commit') {
        commit(deleteAtPath(get().doc, path), mode, path);
      },
      replaceDoc(next, mode = 'commit') {
        const ok = commit(next, mode);
        if (ok) set({ fieldErrors: {}, highlighted: [] });
        return ok;
      },
      applyPreset(id) {
        const preset = scenarioPreset(id);
        if (!preset) return;
        if (commit(structuredClone(preset.scenario), 'commit'))
          set({ fieldErrors: {}, highlighted: [], view: { ...get().view, gpu: null, zoom: null } });
      },
      setModelPreset(id) {
        // A new model replaces every model field the user set; the seed's implicit targets go with the seed model.
        const next = { ...get().doc, model: id ? { preset: id } : {} };
        commit(id ? withNewModelTargets(next) : next, 'commit', 'model.preset');
      },
      setGpuPreset(id) {
        // Keep the cluster's shape; the new GPU's specs replace any overridden ones.
        const hw = (get().doc.hardware ?? {}) as Record<string, unknown>;
        const keep: Record<string, unknown> = { gpu: id };
        for (const k of ['count', 'gpusPerNode', 'runtimeReserveGB', 'linkLatencyUs']) if (k in hw) keep[k] = hw[k];
        commit({ ...get().doc, hardware: keep }, 'commit', 'hardware.gpu');
      },
      setView(patch, mode = 'commit') {
        set({ view: { ...get().view, ...patch }, lastEdit: mode });
      },
      setBanner(banner) {
        set({ banner });
      },
      highlight(paths) {
        set({ highlighted: paths });
      },
      markRequested(id) {
        set({ requestedId: id });
      },
      receiveEvaluation(id, evaluation, millis) {
        // Newest wins: an answer for an older scenario never replaces a newer one.
        if (id <= get().shownId) return;
        const view = get().view;
        const gpu = view.gpu !== null && view.gpu >= evaluation.perGpu.length ? null : view.gpu;
        set({
          evaluation,
          shownId: id,
          evaluationMillis: millis,
          evaluatorError: null,
          view: gpu === view.gpu ? view : { ...view, gpu },
        });
      },
      markRendered(id) {
        if (id > get().renderedId) set({ renderedId: id });
      },
      receiveFailure(id, message) {
        if (id < get().shownId) return;
        set({ evaluatorError: message, shownId: Math.max(get().shownId, id), failedId: id });
      },
      restoreAfterFailure(id, shownDoc, message) {
        const r = parseScenario(shownDoc);
        if (id < get().shownId || !r.ok) return get().receiveFailure(id, message);
        // requestedId stays the failed request's: ready() rejects with the message (the user's edit was not evaluated).
        set({
          doc: shownDoc,
          scenario: r.scenario,
          lastEdit: 'commit',
          evaluatorError: message,
          shownId: Math.max(get().shownId, id),
          failedId: id,
          restoredAfterFailure: get().restoredAfterFailure + 1,
        });
      },

      pinCompare() {
        const s = get();
        set({ compare: compareOf(s.doc, currentEvaluation(s)), lastEdit: 'commit' });
      },
      setCompare(doc, mode = 'commit') {
        if (doc === null) {
          if (get().compare) set({ compare: null, lastEdit: mode });
          return true;
        }
        const next = compareOf(doc);
        if (!next) return false;
        const now = get().compare;
        // The same A again (a history entry that did not change it) keeps its evaluation.
        if (now && JSON.stringify(now.doc) === JSON.stringify(next.doc)) return true;
        set({ compare: next, lastEdit: mode });
        return true;
      },
      swapCompare() {
        const s = get();
        const a = s.compare;
        if (!a) return;
        const b = compareOf(s.doc, currentEvaluation(s));
        const r = parseScenario(a.doc);
        if (!b || !r.ok) return;
        // One update, so the history gets one entry for the swap.
        set({ doc: a.doc, scenario: r.scenario, compare: b, fieldErrors: {}, highlighted: [], lastEdit: 'commit' });
      },
      showCompare() {
        const a = get().compare;
        if (a && commit(a.doc, 'commit')) set({ fieldErrors: {}, highlighted: [] });
      },
      markCompareRequested(id) {
        const c = get().compare;
        if (c) set({ compare: { ...c, requestedId: id, error: null } });
      },
      receiveCompareEvaluation(id, evaluation) {
        const c = get().compare;
        // Only the answer for the A pinned now (an older A's answer is dropped).
        if (c && c.requestedId === id) set({ compare: { ...c, evaluation, error: null } });
      },
      receiveCompareFailure(id, message) {
        const c = get().compare;
        if (c && c.requestedId === id) set({ compare: { ...c, error: message } });
      },
    };
  });
}
