/**
 * `window.explorer`: a read-only scripting hook for tests and for people who
 * script the explorer from the browser console (scenario-format.md).
 *   explorer.scenario()   the normalized scenario on screen
 *   explorer.evaluation() the evaluation on screen (the JSON the CLI prints)
 *   explorer.ready()      settles when the evaluation on screen matches the scenario on screen
 */
import type { Evaluation, Scenario } from '../core';
import type { ExplorerStore } from './store';
import { permalinkOf } from './urlSync';

export interface ExplorerHook {
  scenario(): Scenario;
  evaluation(): Evaluation | null;
  ready(): Promise<void>;
  /** The permalink of what is on screen. */
  link(): string;
}

declare global {
  interface Window {
    explorer?: ExplorerHook;
  }
}

function settled(store: ExplorerStore): boolean {
  const s = store.getState();
  return s.requestedId > 0 && s.shownId >= s.requestedId;
}

export function installExplorerHook(store: ExplorerStore, win: Window = window): ExplorerHook {
  const hook: ExplorerHook = {
    scenario: () => structuredClone(store.getState().scenario),
    evaluation: () => {
      const e = store.getState().evaluation;
      return e ? structuredClone(e) : null;
    },
    ready: () =>
      new Promise<void>((resolve) => {
        // React commits a store update in a microtask; a task later it is on screen (in the DOM).
        const done = () => setTimeout(resolve, 0);
        if (settled(store)) return done();
        const unsubscribe = store.subscribe(() => {
          if (settled(store)) {
            unsubscribe();
            done();
          }
        });
      }),
    link: () => permalinkOf(store, win),
  };
  Object.defineProperty(win, 'explorer', { value: Object.freeze(hook), configurable: true, writable: false });
  return hook;
}
