/**
 * Keeps the URL and the store in step (scenario-format.md, Permalinks): the
 * query string holds the scenario (only what differs from the defaults) and
 * the view. Dragging rewrites the current history entry; a deliberate change
 * (or the start of a drag) adds one, so Back returns to the previous state.
 */
import { decodePermalink, encodePermalink } from './permalink';
import type { Banner, EditMode, ExplorerStore } from './store';
import type { ViewState } from './view';
import type { ScenarioDoc } from './permalink';

export interface InitialFromUrl {
  doc: ScenarioDoc;
  view: ViewState;
  /** Scenario A of a comparison (`compare=`), or null. */
  compare: ScenarioDoc | null;
  banner: Banner | null;
}

/** Most link problems the banner lists; a link of thousands of bad parameters gets a count, not thousands of lines. */
export const MAX_BANNER_MESSAGES = 20;

export function readUrl(search: string): InitialFromUrl {
  const { doc, view, compare, problems } = decodePermalink(search);
  const listed = problems.slice(0, MAX_BANNER_MESSAGES).map((p) => p.message);
  const more = problems.length - listed.length;
  if (more > 0) listed.push(`… and ${more} more problem${more === 1 ? '' : 's'} with this link, not listed`);
  const banner: Banner | null = problems.length
    ? {
        kind: 'warning',
        title: 'Parts of this link could not be used; the nearest valid scenario is shown.',
        messages: listed,
      }
    : null;
  return { doc, view, compare: compare ?? null, banner };
}

/** The query string of what the store holds: B's fields, the view, and A's fields in `compare=` when one is pinned. */
function queryOf(store: ExplorerStore): string {
  const s = store.getState();
  return encodePermalink(s.doc, s.view, s.compare?.doc ?? null);
}

/** The permalink of what the store holds (the address bar may trail a drag by a moment). */
export function permalinkOf(store: ExplorerStore, win: Window = window): string {
  return `${win.location.origin}${win.location.pathname}${queryOf(store)}${win.location.hash}`;
}

export function syncUrl(store: ExplorerStore, win: Window = window): () => void {
  let dragging = false;
  let applyingHistory = false;
  let lastStep = 0;
  /** Keyboard steps closer together than this (a held arrow key) share one history entry. */
  const PUSH_GAP_MS = 400;

  const urlOf = () => `${win.location.pathname}${queryOf(store)}${win.location.hash}`;

  /** Writes one state to the address bar, adding an entry or rewriting the current one. */
  const apply = (url: string, mode: EditMode) => {
    const current = `${win.location.pathname}${win.location.search}${win.location.hash}`;
    const now = Date.now();
    let push: boolean;
    if (mode === 'drag')
      push = !dragging; // the first move of a drag keeps the state before it
    else if (mode === 'step')
      push = !dragging && now - lastStep > PUSH_GAP_MS; // a held arrow key makes one entry
    else push = !dragging;
    dragging = mode === 'drag';
    if (mode === 'step') lastStep = now;
    if (url === current) return;
    if (push) win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
  };

  // Steps and drags write the address bar a moment later (it costs a millisecond
  // or two of main-thread time that the next frame needs); commits at once,
  // after any pending write, so no state is skipped in the history.
  let pending: { url: string; mode: EditMode } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const p = pending;
    pending = null;
    if (p) apply(p.url, p.mode);
  };
  const unsubscribe = store.subscribe((state, prev) => {
    if (applyingHistory) return;
    if (
      state.doc === prev.doc &&
      state.view === prev.view &&
      state.lastEdit === prev.lastEdit &&
      state.compare?.doc === prev.compare?.doc
    )
      return;
    const url = urlOf();
    if (state.lastEdit === 'commit') {
      flush();
      apply(url, 'commit');
      return;
    }
    pending = { url, mode: state.lastEdit };
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, 120);
  });

  const onPop = () => {
    // The entry the user went back to wins over a write still waiting.
    pending = null;
    if (timer) clearTimeout(timer);
    timer = null;
    const { doc, view, compare, banner } = readUrl(win.location.search);
    applyingHistory = true;
    try {
      const s = store.getState();
      s.replaceDoc(doc, 'commit');
      s.setView(view, 'commit');
      s.setCompare(compare, 'commit');
      s.setBanner(banner);
    } finally {
      applyingHistory = false;
    }
  };
  win.addEventListener('popstate', onPop);
  // Normalize the address bar once (aliases become field paths, bad parameters disappear).
  win.history.replaceState(null, '', urlOf());
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPop);
  };
}
