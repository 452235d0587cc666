/**
 * The address bar and the store in step, with a fake window: what each kind
 * of edit writes to the history (a commit adds an entry, a drag rewrites
 * one, quick keyboard steps share one), that delayed writes land before the
 * next commit, and that going back restores the state. Fake timers drive
 * both the write delay and the clock the step grouping reads.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodePermalink } from './permalink';
import { createExplorerStore, type ExplorerStore } from './store';
import { permalinkOf, readUrl, syncUrl } from './urlSync';

/** A window with just what syncUrl uses: location, a history of entries, popstate listeners. */
function fakeWindow(search = '') {
  const entries: string[] = [`/explorer/${search}`];
  let at = 0;
  const listeners = new Set<() => void>();
  const location = { origin: 'https://example.org', pathname: '/explorer/', search, hash: '' };
  const show = () => {
    const url = new URL(entries[at], location.origin);
    location.pathname = url.pathname;
    location.search = url.search;
    location.hash = url.hash;
  };
  const calls: { kind: 'push' | 'replace'; url: string }[] = [];
  const history = {
    pushState: (_: unknown, __: string, url: string) => {
      entries.splice(at + 1, Infinity, url);
      at++;
      show();
      calls.push({ kind: 'push', url });
    },
    replaceState: (_: unknown, __: string, url: string) => {
      entries[at] = url;
      show();
      calls.push({ kind: 'replace', url });
    },
  };
  const win = {
    location,
    history,
    addEventListener: (type: string, fn: () => void) => type === 'popstate' && listeners.add(fn),
    removeEventListener: (type: string, fn: () => void) => type === 'popstate' && listeners.delete(fn),
  };
  return {
    win: win as unknown as Window,
    entries,
    calls,
    get at() {
      return at;
    },
    listeners,
    /** The browser's Back button: move one entry back and fire popstate. */
    back() {
      at--;
      show();
      for (const fn of [...listeners]) fn();
    },
  };
}

/** The store and the URL sync as main.tsx wires them, from an address. */
function setup(search = '') {
  const w = fakeWindow(search);
  const initial = readUrl(search);
  const store = createExplorerStore(initial);
  const stop = syncUrl(store, w.win);
  return { w, store, stop };
}

const link = (store: ExplorerStore) => `/explorer/${encodePermalink(store.getState().doc, store.getState().view)}`;
const tp = (store: ExplorerStore) => store.getState().scenario.parallel.tp;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('readUrl', () => {
  it('reads the document and the view, with no banner for a clean link', () => {
    const r = readUrl('?v=1&parallel.tp=8&view.metric=busy');
    expect(r.doc).toEqual({ parallel: { tp: 8 } });
    expect(r.view.metric).toBe('busy');
    expect(r.banner).toBeNull();
  });

  it('warns, naming each problem, when parts of a link cannot be used', () => {
    const r = readUrl('?v=1&parallel.tp=banana&nonsense=3');
    expect(r.banner?.kind).toBe('warning');
    expect(r.banner?.messages).toHaveLength(2);
    expect(r.banner?.messages.join(' ')).toMatch(/parallel\.tp/);
    expect(r.banner?.messages.join(' ')).toMatch(/nonsense/);
  });
});

describe('syncUrl', () => {
  it('normalizes the address once at start, rewriting the entry: aliases become field paths', () => {
    const { w, store } = setup('?tp=8');
    expect(tp(store)).toBe(8);
    expect(w.calls).toEqual([{ kind: 'replace', url: '/explorer/?v=1&parallel.tp=8' }]);
    expect(w.entries).toEqual(['/explorer/?v=1&parallel.tp=8']);
  });

  it('a commit adds one history entry at once', () => {
    const { w, store } = setup();
    store.getState().setField('parallel.tp', 8);
    expect(w.entries).toHaveLength(2);
    expect(w.entries[1]).toBe(link(store));
    expect(w.win.location.search).toBe('?v=1&parallel.tp=8');
    store.getState().setView({ metric: 'comm' });
    expect(w.entries).toHaveLength(3);
    expect(w.entries[2]).toContain('view.metric=comm');
  });

  it('a drag writes a moment later, adds one entry for its first move, rewrites it on later moves, and its release ends the drag', () => {
    const { w, store } = setup();
    const start = w.entries[0];
    store.getState().setField('parallel.tp', 2, 'drag');
    expect(w.entries).toEqual([start]); // not yet: the write waits for the frame to paint
    vi.advanceTimersByTime(120);
    expect(w.entries).toHaveLength(2);
    expect(w.entries[0]).toBe(start); // the state before the drag stays one Back away
    store.getState().setField('parallel.tp', 8, 'drag');
    vi.advanceTimersByTime(120);
    expect(w.entries).toHaveLength(2);
    expect(w.entries[1]).toBe(link(store));
    // The release commits its value into the drag's entry; the next commit adds one.
    store.getState().setField('parallel.tp', 16, 'commit');
    expect(w.entries).toHaveLength(2);
    expect(w.entries[1]).toContain('parallel.tp=16');
    store.getState().setField('parallel.pp', 2, 'commit');
    expect(w.entries).toHaveLength(3);
    expect(w.calls.map((c) => c.kind)).toEqual(['replace', 'push', 'replace', 'replace', 'push']);
  });

  it('keyboard steps closer than 400 ms share one entry; a pause starts a new one', () => {
    const { w, store } = setup();
    for (const v of [2, 8, 16]) {
      store.getState().setField('parallel.tp', v, 'step');
      vi.advanceTimersByTime(150); // a held arrow key
    }
    expect(w.entries).toHaveLength(2);
    expect(w.win.location.search).toContain('parallel.tp=16');
    vi.advanceTimersByTime(1000);
    store.getState().setField('parallel.tp', 8, 'step');
    vi.advanceTimersByTime(150);
    expect(w.entries).toHaveLength(3);
    expect(w.win.location.search).toContain('parallel.tp=8');
  });

  it('a commit first writes a step still waiting, so no state is skipped in the history', () => {
    const { w, store } = setup();
    store.getState().setField('parallel.tp', 8, 'step');
    store.getState().setField('parallel.pp', 2, 'commit'); // before the step's write was due
    expect(w.entries).toHaveLength(3);
    expect(w.entries[1]).toContain('parallel.tp=8');
    expect(w.entries[1]).not.toContain('parallel.pp');
    expect(w.entries[2]).toContain('parallel.pp=2');
    vi.advanceTimersByTime(1000);
    expect(w.entries).toHaveLength(3); // and it is not written twice
  });

  it('an edit that changes nothing in the link writes nothing', () => {
    const { w, store } = setup();
    store.getState().setView({ metric: 'memory' }); // the default: the link stays the same
    expect(w.calls).toHaveLength(1); // only the normalization at start
  });

  it('Back restores the previous state without adding an entry, and drops a write still waiting', () => {
    const { w, store } = setup();
    store.getState().setField('parallel.tp', 8);
    store.getState().setField('parallel.tp', 2, 'step'); // waiting to be written
    w.back();
    expect(w.at).toBe(0);
    expect(tp(store)).toBe(4); // the seed's TP
    vi.advanceTimersByTime(1000);
    expect(w.entries).toHaveLength(2);
    expect(w.at).toBe(0);
    expect(w.calls.filter((c) => c.kind === 'push')).toHaveLength(1);
  });

  it('Back to a link with problems shows them in a banner', () => {
    const { w, store } = setup('?v=1&parallel.tp=banana');
    expect(store.getState().banner?.kind).toBe('warning');
    store.getState().setBanner(null);
    w.entries[0] = '/explorer/?v=1&parallel.tp=banana'; // the entry as first typed
    store.getState().setField('parallel.tp', 8);
    w.back();
    expect(store.getState().banner?.messages.join(' ')).toMatch(/parallel\.tp/);
  });

  it('stops writing and listening once stopped', () => {
    const { w, store, stop } = setup();
    stop();
    expect(w.listeners.size).toBe(0);
    store.getState().setField('parallel.tp', 8);
    vi.advanceTimersByTime(1000);
    expect(w.entries).toHaveLength(1);
  });
});

describe('permalinkOf', () => {
  it('is the full address of what the store holds, even while the address bar trails a drag', () => {
    const { w, store } = setup();
    store.getState().setField('parallel.tp', 8, 'drag');
    expect(w.win.location.search).not.toContain('parallel.tp=8');
    expect(permalinkOf(store, w.win)).toBe('https://example.org/explorer/?v=1&parallel.tp=8');
  });
});

describe('readUrl on a link of thousands of bad parameters', () => {
  it('lists the first 20 problems and counts the rest', () => {
    const query = '?' + Array.from({ length: 2000 }, (_, k) => `p${k}=${k}`).join('&');
    const { banner, doc } = readUrl(query);
    expect(doc).toEqual({});
    expect(banner!.messages).toHaveLength(21);
    expect(banner!.messages[0]).toMatch(/^p0/);
    expect(banner!.messages[20]).toBe('… and 1980 more problems with this link, not listed');
  });
});
