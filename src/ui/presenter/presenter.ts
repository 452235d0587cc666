/**
 * Presenter mode (issue 9, item 1): a page-wide switch, kept outside the
 * scenario store (it is how the page is shown, not what it shows). It sets
 * `data-presenter` on <html>; theme.css does the rest.
 */
import { useSyncExternalStore } from 'react';

let on = false;
const listeners = new Set<() => void>();

export function presenterOn(): boolean {
  return on;
}

export function setPresenter(next: boolean): void {
  if (next === on) return;
  on = next;
  if (typeof document !== 'undefined') {
    if (on) document.documentElement.dataset.presenter = 'on';
    else delete document.documentElement.dataset.presenter;
  }
  for (const l of listeners) l();
}

export function togglePresenter(): void {
  setPresenter(!on);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function usePresenter(): boolean {
  return useSyncExternalStore(subscribe, presenterOn, () => false);
}
