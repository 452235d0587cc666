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
  /** Every strategy was searched; `restarted`: workers that died and whose part a fresh worker searched again. */
  onDone(summary: {
    enumerated: number;
    evaluated: number;
    current: SearchRow;
    seconds: number;
    restarted: number;
  }): void;
  /** The core threw (the search cannot go on), or a part was lost and the caller has no `onEndedEarly`. */
  onError(message: string): void;
  /**
   * A worker died on its part, and a fresh one on the same part too: the
   * other parts were searched to the end, the rows received are all there is.
   * `reason` says why the last worker stopped.
   */
  onEndedEarly?(summary: { found: number; seconds: number; reason: string }): void;
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

interface PooledWorker {
  worker: Worker;
  api: Comlink.Remote<SearchWorkerApi>;
}

/** Workers of the default kind whose search finished, waiting for the next one. */
const idle: PooledWorker[] = [];

function pooled(worker: Worker): PooledWorker {
  return { worker, api: Comlink.wrap<SearchWorkerApi>(worker) };
}

/**
 * A searching worker that sends nothing for this long is taken for dead (one
 * that closed itself or was killed sends no error event). A worker sends rows
 * every 100 strategies, milliseconds apart; a false alarm costs only a rerun
 * of that part (rows already received are not repeated).
 */
export const SEARCH_SILENCE_MS = 20_000;

/** Why a worker stopped: not the scenario's fault, so its part is searched again on a fresh worker. */
class WorkerStopped extends Error {}

type PartResult = { enumerated: number; evaluated: number; current: SearchRow };

export function startSearch(
  scenario: Scenario,
  narrowing: Narrowing,
  callbacks: PoolCallbacks,
  options: { workers?: number; createWorker?: () => Worker; silenceMs?: number } = {},
): RunningSearch {
  const k = options.workers ?? poolSize();
  const silenceMs = options.silenceMs ?? SEARCH_SILENCE_MS;
  // Only the page's own workers are kept between searches (a caller's createWorker gets fresh ones each time).
  const reuse = !options.createWorker;
  const create = options.createWorker ?? createSearchWorker;
  const started = performance.now();
  const workers = Array.from({ length: k }, () => (reuse && idle.pop()) || pooled(create()));
  /** Rows received from each part: a part searched again sends only the ones not received before. */
  const received = Array.from({ length: k }, () => new Set<number>());
  /** Workers taken for dead (terminated): never put back in the pool. */
  const dead = new Set<PooledWorker>();
  /** The watchdogs running, cleared when the search stops. */
  const watchdogs = new Set<ReturnType<typeof setTimeout>>();
  let found = 0;
  let restarted = 0;
  let stopped = false;
  let released = false;
  const stop = () => {
    stopped = true;
    for (const t of watchdogs) clearTimeout(t);
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
      if (dead.has(w)) continue;
      if (idle.length < k) idle.push(w);
      else w.worker.terminate();
    }
  };
  /** Searches part `index` on `workers[index]`; rejects with WorkerStopped when that worker dies. */
  const searchPart = (index: number): Promise<PartResult> =>
    new Promise((resolve, reject) => {
      const slot = workers[index];
      const { worker, api } = slot;
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        watchdogs.delete(timer!);
        worker.removeEventListener('error', onCrash);
      };
      const die = (reason: string) => {
        if (settled || stopped) return;
        settle();
        dead.add(slot);
        worker.terminate();
        reject(new WorkerStopped(reason));
      };
      const watch = () => {
        clearTimeout(timer);
        watchdogs.delete(timer!);
        timer = setTimeout(() => die(`it sent nothing for ${silenceMs / 1000} s`), silenceMs);
        watchdogs.add(timer);
      };
      const onCrash = (e: ErrorEvent) => die(`it crashed: ${e.message || 'worker error'}`);
      worker.addEventListener('error', onCrash);
      watch();
      const onRows = Comlink.proxy((rows: SearchRow[]) => {
        if (stopped || settled) return;
        watch();
        const seen = received[index];
        const fresh = rows.filter((r) => !seen.has(r.id));
        if (!fresh.length) return;
        for (const r of fresh) seen.add(r.id);
        found += fresh.length;
        callbacks.onRows(fresh, found);
      });
      Promise.resolve(api.run(scenario, narrowing, { index, of: k }, onRows)).then(
        (part) => {
          if (!settled) {
            settle();
            resolve(part);
          }
        },
        (err: unknown) => {
          if (!settled) {
            settle();
            reject(err);
          }
        },
      );
    });
  /** A part whose worker died is searched once more on a fresh worker; null when that one dies too. */
  const runs = workers.map((_, index) =>
    searchPart(index).catch((err: unknown) => {
      if (!(err instanceof WorkerStopped) || stopped) throw err;
      restarted++;
      workers[index] = pooled(create());
      return searchPart(index).catch((again: unknown) => {
        if (!(again instanceof WorkerStopped)) throw again;
        return again.message;
      });
    }),
  );
  Promise.all(runs).then(
    (parts) => {
      if (stopped) return;
      const lost = parts.find((p): p is string => typeof p === 'string');
      const done = parts.filter((p): p is PartResult => typeof p !== 'string');
      const seconds = (performance.now() - started) / 1000;
      if (lost !== undefined) {
        // The dead workers are terminated already; the others go back to the pool.
        release();
        const reason = `A search worker stopped (${lost}), and so did a fresh one on the same part`;
        if (callbacks.onEndedEarly) callbacks.onEndedEarly({ found, seconds, reason });
        else callbacks.onError(`${reason}: the search ended early`);
        return;
      }
      release();
      callbacks.onDone({
        enumerated: done.reduce((a, p) => a + p.enumerated, 0),
        evaluated: done.reduce((a, p) => a + p.evaluated, 0),
        current: done[0].current,
        seconds,
        restarted,
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
  const stop = () => {
    stopped = true;
    w.terminate();
  };
  Comlink.wrap<SearchWorkerApi>(w)
    .count(scenario, narrowing)
    .then(
      (n) => {
        if (!stopped) {
          stop();
          onCount(n);
        }
      },
      () => {
        if (!stopped) stop();
      },
    );
  return { cancel: stop };
}
