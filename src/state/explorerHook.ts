/**
 * `window.explorer`: a read-only scripting hook for tests and for people who
 * script the explorer from the browser console (scenario-format.md).
 *   explorer.scenario()   the normalized scenario on screen
 *   explorer.evaluation() the evaluation on screen (the JSON the CLI prints)
 *   explorer.ready()      resolves when the evaluation on screen matches the scenario on screen;
 *                         rejects with the message when the evaluator failed on that scenario
 *   explorer.search(doc, narrowing)  runs a strategy search in the worker pool (the bench times it); changes nothing on screen
 *   explorer.compare()    {a, b}: the pinned scenario A and the scenario on screen B, each with its evaluation; a is null when none is pinned
 */
import type { Evaluation, Scenario } from '../core';
import type { ExplorerStore } from './store';
import { permalinkOf } from './urlSync';
import { parseScenario } from '../core';
import type { Narrowing } from '../core';
import { poolSize, startSearch } from '../worker/searchPool';

export interface ExplorerHook {
  scenario(): Scenario;
  evaluation(): Evaluation | null;
  /**
   * Settles when everything on screen shows the evaluation of the scenario on
   * screen. With `{ visible: true }`: as soon as the first screen does (the
   * views further down follow a moment later).
   */
  ready(options?: { visible?: boolean }): Promise<void>;
  /** The permalink of what is on screen. */
  link(): string;
  /**
   * The comparison on screen: A (pinned; null when none is) and B (the
   * scenario on screen), each as its normalized scenario and evaluation.
   * `ready()` also waits for A's evaluation.
   */
  compare(): { a: CompareSide | null; b: CompareSide };
  /** Searches every strategy of a scenario document in the worker pool; resolves with the counts and the wall time. */
  search(
    doc: unknown,
    narrowing?: Narrowing,
  ): Promise<{ enumerated: number; evaluated: number; seconds: number; workers: number }>;
}

export interface CompareSide {
  scenario: Scenario;
  evaluation: Evaluation | null;
}

declare global {
  interface Window {
    explorer?: ExplorerHook;
  }
}

/** 'ok' when the screen shows the evaluation of the newest scenario, 'failed' when the evaluator failed on it, else null. */
function settled(store: ExplorerStore, visibleOnly: boolean): 'ok' | 'failed' | null {
  const s = store.getState();
  if (s.requestedId > 0 && s.failedId >= s.requestedId) return 'failed';
  const shown = s.requestedId > 0 && s.shownId >= s.requestedId;
  // A pinned A is on screen too: wait for its evaluation (or its failure, which the compare panel shows).
  const compared = !s.compare || s.compare.evaluation !== null || s.compare.error !== null;
  return shown && compared && (visibleOnly || s.renderedId >= s.shownId) ? 'ok' : null;
}

export function installExplorerHook(store: ExplorerStore, win: Window = window): ExplorerHook {
  const hook: ExplorerHook = {
    scenario: () => structuredClone(store.getState().scenario),
    evaluation: () => {
      const e = store.getState().evaluation;
      return e ? structuredClone(e) : null;
    },
    ready: (options = {}) =>
      new Promise<void>((resolve, reject) => {
        const visibleOnly = options.visible === true;
        // React commits a store update in a microtask queued while the store
        // notifies; a microtask queued after it runs once the DOM holds the update.
        const done = (state: 'ok' | 'failed') =>
          queueMicrotask(() =>
            state === 'ok' ? resolve() : reject(new Error(store.getState().evaluatorError ?? 'the evaluator failed')),
          );
        const now = settled(store, visibleOnly);
        if (now) return done(now);
        const unsubscribe = store.subscribe(() => {
          const state = settled(store, visibleOnly);
          if (state) {
            unsubscribe();
            done(state);
          }
        });
      }),
    link: () => permalinkOf(store, win),
    compare: () => {
      const s = store.getState();
      const a = s.compare ? { scenario: s.compare.scenario, evaluation: s.compare.evaluation } : null;
      return structuredClone({ a, b: { scenario: s.scenario, evaluation: s.evaluation } });
    },
    search: (doc, narrowing = {}) =>
      new Promise((resolve, reject) => {
        const parsed = parseScenario(doc);
        if (!parsed.ok) return reject(new Error(parsed.errors.map((e) => e.message).join('\n')));
        const workers = poolSize();
        startSearch(
          parsed.scenario,
          narrowing,
          {
            onRows() {},
            onDone: (r) => resolve({ enumerated: r.enumerated, evaluated: r.evaluated, seconds: r.seconds, workers }),
            onError: (message) => reject(new Error(message)),
          },
          { workers },
        );
      }),
  };
  Object.defineProperty(win, 'explorer', { value: Object.freeze(hook), configurable: true, writable: false });
  return hook;
}
