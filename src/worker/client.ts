/**
 * The page's side of the evaluator worker.
 *
 * - Latest wins: while one request runs, newer ones replace each other and
 *   only the newest is sent next, so a fast slider never builds a queue.
 * - A worker that dies (an uncaught error, or no answer within `timeoutMs`)
 *   is terminated and replaced; the newest request is sent again.
 * - An error thrown by the evaluator comes back as `{ kind: 'error' }` and the
 *   worker keeps serving.
 */
import * as Comlink from 'comlink';
import type { EvaluateResponse, EvaluatorApi } from './protocol';

export type ClientResult =
  | { kind: 'result'; id: number; response: EvaluateResponse }
  | { kind: 'error'; id: number; message: string };

export interface EvaluatorClient {
  /** Asks for an evaluation; results arrive through `onResult`, tagged with this id. */
  request(doc: unknown): number;
  /** Replaces the worker (tests and recovery). */
  restart(reason: string): void;
  dispose(): void;
}

export interface ClientOptions {
  createWorker: () => Worker;
  onResult: (r: ClientResult) => void;
  /** Called when the worker had to be restarted. */
  onRestart?: (reason: string) => void;
  timeoutMs?: number;
}

export function createEvaluatorClient(options: ClientOptions): EvaluatorClient {
  const timeoutMs = options.timeoutMs ?? 20_000;
  let worker: Worker;
  let api: Comlink.Remote<EvaluatorApi>;
  let nextId = 0;
  let inFlight: { id: number; doc: unknown; timer: ReturnType<typeof setTimeout> } | null = null;
  let pending: { id: number; doc: unknown } | null = null;
  let generation = 0;

  function start() {
    generation++;
    worker = options.createWorker();
    api = Comlink.wrap<EvaluatorApi>(worker);
    const gen = generation;
    worker.addEventListener('error', (e) => {
      if (gen === generation) restart(`the evaluator crashed (${e.message || 'worker error'})`);
    });
  }

  function pump() {
    if (inFlight || !pending) return;
    const job = pending;
    pending = null;
    const gen = generation;
    const timer = setTimeout(() => {
      if (gen === generation && inFlight?.id === job.id) restart(`the evaluator did not answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    inFlight = { ...job, timer };
    api.evaluate(job.doc).then(
      (response) => finish(gen, job.id, { kind: 'result', id: job.id, response }),
      (err: unknown) => finish(gen, job.id, { kind: 'error', id: job.id, message: err instanceof Error ? err.message : String(err) }),
    );
  }

  function finish(gen: number, id: number, result: ClientResult) {
    if (gen !== generation || inFlight?.id !== id) return; // a replaced worker's late answer
    clearTimeout(inFlight.timer);
    inFlight = null;
    options.onResult(result);
    pump();
  }

  function restart(reason: string) {
    const lost = inFlight;
    if (lost) clearTimeout(lost.timer);
    inFlight = null;
    worker.terminate();
    start();
    options.onRestart?.(reason);
    // Resend the newest request: the pending one if any, else the one that was lost.
    if (!pending && lost) pending = { id: lost.id, doc: lost.doc };
    pump();
  }

  start();
  return {
    request(doc) {
      const id = ++nextId;
      pending = { id, doc };
      pump();
      return id;
    },
    restart,
    dispose() {
      if (inFlight) clearTimeout(inFlight.timer);
      worker.terminate();
    },
  };
}

export function createModuleWorker(): Worker {
  return new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module', name: 'evaluator' });
}
