/**
 * Compare (issue 9, item 6) in the state layer: scenario A in the link's
 * `compare=` parameter, in the store, through the evaluator glue (one
 * worker for A and B), and in window.explorer.
 */
import { describe, expect, it } from 'vitest';
import { COMPARE_PARAM, decodePermalink, encodePermalink } from './permalink';
import { DEFAULT_VIEW } from './view';
import { createExplorerStore } from './store';
import { connectEvaluator } from './evaluator';
import { installExplorerHook } from './explorerHook';
import { readUrl, syncUrl } from './urlSync';
import type { ClientResult, EvaluatorClient } from '../worker/client';

const mb1 = { workload: { microBatches: 1 } };
const mb16 = { workload: { microBatches: 16 } };

describe('the compare= link parameter', () => {
  it('carries A as its own field=value query, URL-encoded, after B and the view', () => {
    const link = encodePermalink(
      { parallel: { tp: 8 } },
      { ...DEFAULT_VIEW, metric: 'busy' },
      { parallel: { pp: 2 }, workload: { microBatches: 1 } },
    );
    expect(link).toBe('?v=1&parallel.tp=8&view.metric=busy&compare=workload.microBatches%3D1%26parallel.pp%3D2');
    const back = decodePermalink(link);
    expect(back.doc).toEqual({ parallel: { tp: 8 } });
    expect(back.compare).toEqual({ parallel: { pp: 2 }, workload: { microBatches: 1 } });
    expect(back.problems).toEqual([]);
  });

  it('a link without it reads as before (no compare key); an empty one pins the default scenario', () => {
    expect('compare' in decodePermalink('?v=1&parallel.tp=8')).toBe(false);
    expect(encodePermalink({ parallel: { tp: 8 } }, DEFAULT_VIEW)).toBe('?v=1&parallel.tp=8');
    expect(encodePermalink({}, DEFAULT_VIEW, {})).toBe('?v=1&compare=');
    expect(decodePermalink('?v=1&compare=').compare).toEqual({});
  });

  it('a bad field inside names compare and the field, and pins the nearest valid A', () => {
    const d = decodePermalink(
      `?tp=8&${COMPARE_PARAM}=${encodeURIComponent('parallel.pp=banana&workload.microBatches=1')}`,
    );
    expect(d.doc).toEqual({ parallel: { tp: 8 } });
    expect(d.compare).toEqual({ workload: { microBatches: 1 } });
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0].message).toMatch(/^compare \(scenario A\): parallel\.pp: "banana"/);
    expect(d.problems[0].param).toBe('compare');
    expect(d.problems[0].path).toBe('parallel.pp');
  });

  it('nothing usable inside: no A, and the banner says so; B stays as the link gives it', () => {
    const r = readUrl('?v=1&parallel.tp=8&compare=garbage');
    expect(r.doc).toEqual({ parallel: { tp: 8 } });
    expect(r.compare).toBeNull();
    expect(r.banner?.messages[0]).toMatch(/^compare \(scenario A\): garbage: unknown parameter/);
    expect(r.banner?.messages[1]).toMatch(/^compare: nothing in it could be used.*no scenario pinned as A$/);
  });

  it('no view and no nested compare inside A; given twice, the last counts', () => {
    const inner = encodeURIComponent('view.gpu=3&compare=x&parallel.tp=2');
    const d = decodePermalink(`?compare=${encodeURIComponent('parallel.tp=1')}&compare=${inner}`);
    expect(d.compare).toEqual({ parallel: { tp: 2 } });
    expect(d.view).toEqual(DEFAULT_VIEW);
    expect(d.problems.map((p) => p.message)).toEqual([
      'compare: given more than once; the last one counts',
      'compare (scenario A): view.gpu: the view belongs to the page, not to scenario A; ignored',
      'compare (scenario A): compare: scenario A cannot hold another comparison; ignored',
    ]);
  });

  it('a mistyped name is guessed', () => {
    expect(decodePermalink('?Compare=x').problems[0].message).toBe(
      'Compare: unknown parameter, ignored; did you mean compare?',
    );
  });
});

function fakeClient() {
  let onResult: (r: ClientResult) => void = () => {};
  const requests: { id: number; doc: unknown }[] = [];
  const client: EvaluatorClient = {
    request: (doc) => (requests.push({ id: requests.length + 1, doc }), requests.length),
    restart() {},
    dispose() {},
  };
  const make = (r: (x: ClientResult) => void) => ((onResult = r), client);
  /** Answers request `id` with a stand-in evaluation that names its micro-batches. */
  const answer = (id: number) => {
    const doc = requests[id - 1].doc as { workload?: { microBatches?: number } };
    const evaluation = { perGpu: [], tag: doc.workload?.microBatches ?? 8 } as never;
    onResult({ kind: 'result', id, response: { ok: true, evaluation, millis: 1 } });
  };
  return {
    make,
    requests,
    answer,
    fail: (id: number, message: string) => onResult({ kind: 'error', id, message, cause: 'worker' }),
  };
}
const tag = (e: unknown) => (e as { tag: number } | null)?.tag;
const fakeWindow = () => ({ location: { origin: 'http://x', pathname: '/', hash: '' } }) as unknown as Window;

describe('the store and the evaluator glue', () => {
  it('pinning takes the evaluation on screen; changing B leaves A alone; swap and show move the docs', () => {
    const store = createExplorerStore({ doc: mb1 });
    const fake = fakeClient();
    connectEvaluator(store, fake.make);
    fake.answer(1);
    store.getState().pinCompare();
    const a = store.getState().compare!;
    expect(a.doc).toEqual(mb1);
    expect(tag(a.evaluation)).toBe(1);
    expect(fake.requests).toHaveLength(1); // nothing new asked: A's evaluation was on screen
    store.getState().setField('workload.microBatches', 16);
    expect(store.getState().compare!.doc).toEqual(mb1);
    fake.answer(2);
    store.getState().swapCompare();
    expect(store.getState().doc).toEqual(mb1);
    expect(store.getState().compare!.doc).toEqual(mb16);
    expect(tag(store.getState().compare!.evaluation)).toBe(16);
    fake.answer(3);
    store.getState().showCompare();
    expect(store.getState().doc).toEqual(mb16);
    expect(store.getState().compare!.doc).toEqual(mb16);
    store.getState().setCompare(null);
    expect(store.getState().compare).toBeNull();
  });

  it('pinned while B is still being evaluated: A is asked of the worker', () => {
    const store = createExplorerStore({ doc: mb1 });
    const fake = fakeClient();
    connectEvaluator(store, fake.make);
    store.getState().pinCompare();
    expect(fake.requests.map((r) => r.doc)).toEqual([mb1, mb1]);
    fake.answer(1);
    fake.answer(2);
    expect(tag(store.getState().compare!.evaluation)).toBe(1);
  });

  it('A from a link is evaluated by the same worker; a request displaced by the other kind is sent again', () => {
    const store = createExplorerStore({ doc: mb16, compare: mb1 });
    const fake = fakeClient();
    connectEvaluator(store, fake.make);
    expect(fake.requests.map((r) => r.doc)).toEqual([mb16, mb1]);
    const hook = installExplorerHook(store, fakeWindow());
    let ready = false;
    void hook.ready({ visible: true }).then(() => (ready = true));
    // The worker ran B (1); A (2) waited and was displaced by a newer B (3), which it answered.
    store.getState().setField('parallel.tp', 2);
    fake.answer(1);
    fake.answer(3);
    // A was never answered: it is asked again (4); B is not.
    expect(fake.requests.map((r) => r.doc)).toEqual([mb16, mb1, { ...mb16, parallel: { tp: 2 } }, mb1]);
    expect(store.getState().compare!.evaluation).toBeNull();
    fake.answer(4);
    expect(tag(store.getState().compare!.evaluation)).toBe(1);
    expect(tag(store.getState().evaluation)).toBe(16);
    return Promise.resolve()
      .then(() => Promise.resolve())
      .then(() => {
        expect(ready).toBe(true);
        const c = hook.compare();
        expect(c.a?.scenario.workload.microBatches).toBe(1);
        expect(c.b.scenario.workload.microBatches).toBe(16);
        expect(tag(c.a?.evaluation)).toBe(1);
      });
  });

  it('a B displaced by A is sent again; a failure on A is A’s, not the page’s', () => {
    const store = createExplorerStore({ doc: mb16 });
    const fake = fakeClient();
    connectEvaluator(store, fake.make);
    store.getState().setField('parallel.tp', 2); // B (2) waits behind B (1)
    store.getState().setCompare(mb1); // A (3) displaces it
    fake.answer(1);
    fake.fail(3, 'the evaluator crashed');
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests[3].doc).toEqual({ ...mb16, parallel: { tp: 2 } });
    expect(store.getState().compare!.error).toBe(
      'The evaluator failed on scenario A (the scenario workload.microBatches=1): the evaluator crashed.',
    );
    expect(store.getState().evaluatorError).toBeNull();
  });
});

describe('the URL keeps A', () => {
  function win(search: string) {
    const location = { origin: 'https://example.org', pathname: '/', search, hash: '' };
    const entries: string[] = [`/${search}`];
    const listeners = new Set<() => void>();
    const set = (url: string) => (location.search = new URL(url, location.origin).search);
    const history = {
      pushState: (_: unknown, __: string, url: string) => (entries.push(url), set(url)),
      replaceState: (_: unknown, __: string, url: string) => ((entries[entries.length - 1] = url), set(url)),
    };
    return {
      win: {
        location,
        history,
        addEventListener: (_: string, fn: () => void) => listeners.add(fn),
        removeEventListener: () => {},
      } as unknown as Window,
      entries,
      back() {
        entries.pop();
        set(entries[entries.length - 1]);
        for (const fn of listeners) fn();
      },
    };
  }

  it('pin, unpin and Back: each a history entry with compare= in it or not', () => {
    const w = win('?mb=1');
    const store = createExplorerStore(readUrl('?mb=1'));
    syncUrl(store, w.win);
    store.getState().pinCompare();
    store.getState().setField('workload.microBatches', 16);
    expect(w.entries).toEqual([
      '/?v=1&workload.microBatches=1',
      '/?v=1&workload.microBatches=1&compare=workload.microBatches%3D1',
      '/?v=1&workload.microBatches=16&compare=workload.microBatches%3D1',
    ]);
    store.getState().setCompare(null);
    expect(w.entries[3]).toBe('/?v=1&workload.microBatches=16');
    w.back();
    expect(store.getState().compare?.doc).toEqual(mb1);
    expect(store.getState().doc).toEqual(mb16);
  });
});
