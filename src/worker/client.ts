/**
 * The page's side of the evaluator worker.
 *
 * - Latest wins: while one request runs, newer ones replace each other and
 *   only the newest is sent next, so a fast slider never builds a queue.
 * - A worker that dies (an uncaught error, no answer within `timeoutMs`, or
 *   no answer to an idle heartbeat: a worker that closed itself) is
 *   terminated and replaced. A death is the machine's, not the scenario's:
 *   the request it was working on is sent once more, to the fresh worker,
 *   unless a newer request is waiting (the newest wins). Only when the fresh
 *   worker dies on it too does it come back as an error (`cause: 'worker'`),
 *   and it is not sent a third time: a scenario that kills two workers would
 *   kill the next.
 * - An error thrown by the evaluator comes back as `{ kind: 'error', cause:
 *   'thrown' }` and the worker keeps serving (the same input throws again).
 */
import * as Comlink from 'comlink';
import type { EvaluateResponse, EvaluatorApi } from './protocol';

export type ClientResult =
  | { kind: 'result'; id: number; response: EvaluateResponse }
  /**
   * `thrown`: the evaluator threw on this input (its worker is alive);
   * `worker`: the worker died on this input twice, the second time a fresh one.
   */
  | { kind: 'error'; id: number; message: string; cause: 'thrown' | 'worker' };

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
  /** Called when the worker had to be restarted; `retrying`: the request it died on is sent again. */
  onRestart?: (reason: string, retrying: boolean) => void;
  /** No answer within this long: the worker is stuck (every scenario evaluates in well under a second). */
  timeoutMs?: number;
  /** While idle, ping the worker this often; no answer by the next ping restarts it (0: off). */
  heartbeatMs?: number;
}

/** The default no-answer limit: 50 times the core's 100 ms budget per evaluation, for slow machines. */
export const EVALUATION_TIMEOUT_MS = 5000;

export function createEvaluatorClient(options: ClientOptions): EvaluatorClient {
  const timeoutMs = options.timeoutMs ?? EVALUATION_TIMEOUT_MS;
  const heartbeatMs = options.heartbeatMs ?? 0;
  let worker: Worker;
  let api: Comlink.Remote<EvaluatorApi>;
  let nextId = 0;
  /** `retry`: the request is on its second worker (the first died on it). */
  let inFlight: { id: number; doc: unknown; retry: boolean; timer: ReturnType<typeof setTimeout> } | null = null;
  let pending: { id: number; doc: unknown; retry: boolean } | null = null;
  let generation = 0;
  let pingOutstanding = false;
  let disposed = false;

  function start() {
    generation++;
    pingOutstanding = false;
    worker = options.createWorker();
    api = Comlink.wrap<EvaluatorApi>(worker);
    const gen = generation;
    worker.addEventListener('error', (e) => {
      if (gen === generation) restart(`the evaluator crashed (${e.message || 'worker error'})`);
    });
  }

  const heartbeat =
    heartbeatMs > 0
      ? setInterval(() => {
          if (inFlight || disposed) return; // a busy worker cannot answer; the request's timeout watches it
          if (pingOutstanding) {
            restart(`the evaluator stopped answering (no heartbeat within ${heartbeatMs / 1000} s)`);
            return;
          }
          pingOutstanding = true;
          const gen = generation;
          api.ping().then(
            () => {
              if (gen === generation) pingOutstanding = false;
            },
            () => {},
          );
        }, heartbeatMs)
      : null;

  function pump() {
    if (inFlight || !pending) return;
    const job = pending;
    pending = null;
    const gen = generation;
    const timer = setTimeout(() => {
      if (gen === generation && inFlight?.id === job.id)
        restart(`the evaluator did not answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    inFlight = { ...job, timer };
    pingOutstanding = false;
    api.evaluate(job.doc).then(
      (response) => finish(gen, job.id, { kind: 'result', id: job.id, response }),
      (err: unknown) =>
        finish(gen, job.id, {
          kind: 'error',
          id: job.id,
          message: err instanceof Error ? err.message : String(err),
          cause: 'thrown',
        }),
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
    // A newer request waiting replaces the lost one (which then gets no answer, as any replaced request).
    const superseded = pending !== null;
    const retrying = lost !== null && !lost.retry && !superseded;
    if (retrying) pending = { id: lost.id, doc: lost.doc, retry: true };
    options.onRestart?.(reason, retrying);
    if (lost?.retry && !superseded)
      options.onResult({
        kind: 'error',
        id: lost.id,
        message: `${reason}, and again on a fresh worker`,
        cause: 'worker',
      });
    pump();
  }

  start();
  return {
    request(doc) {
      const id = ++nextId;
      pending = { id, doc, retry: false };
      pump();
      return id;
    },
    restart,
    dispose() {
      disposed = true;
      if (heartbeat) clearInterval(heartbeat);
      if (inFlight) clearTimeout(inFlight.timer);
      worker.terminate();
    },
  };
}

export function createModuleWorker(): Worker {
  return new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module', name: 'evaluator' });
}
