/**
 * A pool of search workers (one per core, navigator.hardwareConcurrency):
 * each searches every k-th group of strategies, rows stream back as they are
 * found, and cancel terminates the workers at once. Workers that finished a
 * search wait for the next one: a second search starts with compiled code and
 * filled caches (the first one in a fresh worker spends about a third of its
 * time warming up).
 */
import * as Comlink from 'comlink';
import type { Scenario } from '../core';
import type { Narrowing, SearchRow } from '../core';
import type { SearchWorkerApi } from './searchProtocol';

export interface PoolCallbacks {
  /** New rows of any worker; `found` counts the rows of all workers so far. */
  onRows(rows: SearchRow[], found: number): void;
  onDone(summary: { enumerated: number; evaluated: number; current: SearchRow; seconds: number }): void;
  onError(message: string): void;
}

export interface RunningSearch {
  cancel(): void;
}

export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(cores, 8));
}

export function createSearchWorker(): Worker {
  return new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
}

interface PooledWorker { worker: Worker; api: Comlink.Remote<SearchWorkerApi> }

/** Workers of the default kind whose search finished, waiting for the next one. */
const idle: PooledWorker[] = [];

function pooled(worker: Worker): PooledWorker {
  return { worker, api: Comlink.wrap<SearchWorkerApi>(worker) };
}

export function startSearch(
  scenario: Scenario,
  narrowing: Narrowing,
  callbacks: PoolCallbacks,
  options: { workers?: number; createWorker?: () => Worker } = {},
): RunningSearch {
  const k = options.workers ?? poolSize();
  // Only the page's own workers are kept between searches (a caller's createWorker gets fresh ones each time).
  const reuse = !options.createWorker;
  const create = options.createWorker ?? createSearchWorker;
  const started = performance.now();
  const workers = Array.from({ length: k }, () => (reuse && idle.pop()) || pooled(create()));
  let found = 0;
  let stopped = false;
  let released = false;
  const stop = () => {
    stopped = true;
    // Released workers belong to the pool now (a later search may be using them).
    if (released) return;
    for (const w of workers) w.worker.terminate();
  };
  /** After a search that ended well: the workers wait for the next search (the pool never holds more than one search's worth). */
  const release = () => {
    if (!reuse) return stop();
    stopped = true;
    released = true;
    for (const w of workers) {
      if (idle.length < k) idle.push(w);
      else w.worker.terminate();
    }
  };
  const runs = workers.map(({ api }, index) => {
    const onRows = Comlink.proxy((rows: SearchRow[]) => {
      if (stopped) return;
      found += rows.length;
      callbacks.onRows(rows, found);
    });
    return api.run(scenario, narrowing, { index, of: k }, onRows);
  });
  Promise.all(runs).then(
    (parts) => {
      if (stopped) return;
      release();
      callbacks.onDone({
        enumerated: parts.reduce((a, p) => a + p.enumerated, 0),
        evaluated: parts.reduce((a, p) => a + p.evaluated, 0),
        current: parts[0].current,
        seconds: (performance.now() - started) / 1000,
      });
    },
    (err: unknown) => {
      if (stopped) return;
      stop();
      callbacks.onError(err instanceof Error ? err.message : String(err));
    },
  );
  return { cancel: stop };
}

/** How long each worker warms up on the scenario's own space. */
const WARM_UP_MS = 400;

/**
 * Starts the pool's workers ahead of a search and warms each one up on its
 * part of the scenario's space (the search panel calls it when it opens), so
 * the user's first search runs on compiled code. A search started meanwhile
 * queues behind the warm-up.
 */
export function warmSearchPool(scenario: Scenario, workers = poolSize()): void {
  const k = workers;
  while (idle.length < k) {
    const w = pooled(createSearchWorker());
    // Warmed on the part a search of k workers would give it (any part serves: the plans are shared by shape).
    Promise.resolve(w.api.warm(scenario, { index: idle.length, of: k }, WARM_UP_MS)).catch(() => {});
    idle.push(w);
  }
}

/** Counts the strategies of a narrowed space in a worker of its own; cancel terminates it (a newer count replaces it). */
export function countInWorker(
  scenario: Scenario,
  narrowing: Narrowing,
  onCount: (n: number) => void,
  options: { createWorker?: () => Worker } = {},
): RunningSearch {
  const w = (options.createWorker ?? createSearchWorker)();
  let stopped = false;
  const stop = () => { stopped = true; w.terminate(); };
  Comlink.wrap<SearchWorkerApi>(w).count(scenario, narrowing).then(
    (n) => { if (!stopped) { stop(); onCount(n); } },
    () => { if (!stopped) stop(); },
  );
  return { cancel: stop };
}
