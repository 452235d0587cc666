/**
 * The page's side of the parameter-sweep worker. Latest wins: while one sweep
 * runs, newer requests replace each other and only the newest is sent next;
 * an answer for an older request is dropped. One worker, started on first use.
 * A worker that dies (an error event, or no answer within `timeoutMs`) is
 * replaced and the newest sweep sent once more to the fresh one; only a
 * second death on it is answered as a failure.
 */
import * as Comlink from 'comlink';
import type { Scenario } from '../core';
import type { ParameterSweepResult, SweepParameterId } from '../core';
import type { ParameterSweepApi } from './parameterSweepProtocol';

export type SweepAnswer = { ok: true; sweep: ParameterSweepResult } | { ok: false; message: string };

export interface ParameterSweepClient {
  /** Asks for a sweep; `onAnswer` is called only if no newer request came in meanwhile. */
  request(scenario: Scenario, parameter: SweepParameterId, onAnswer: (a: SweepAnswer) => void): void;
  dispose(): void;
}

/** No answer within this long: the worker is stuck (a sweep is a dozen evaluations of well under a second each). */
export const SWEEP_TIMEOUT_MS = 20_000;

type Job = { id: number; scenario: Scenario; parameter: SweepParameterId; onAnswer: (a: SweepAnswer) => void };

export function createParameterSweepClient(
  createWorker: () => Worker,
  options: { timeoutMs?: number } = {},
): ParameterSweepClient {
  const timeoutMs = options.timeoutMs ?? SWEEP_TIMEOUT_MS;
  let worker: Worker | null = null;
  let api: Comlink.Remote<ParameterSweepApi> | null = null;
  let generation = 0;
  let latest = 0;
  /** The sweep sent; `retry`: it is on its second worker (the first died on it). */
  let running: { job: Job; retry: boolean; timer: ReturnType<typeof setTimeout> } | null = null;
  let pending: Job | null = null;

  function start(): Comlink.Remote<ParameterSweepApi> {
    generation++;
    const gen = generation;
    worker = createWorker();
    worker.addEventListener('error', (e) => {
      if (gen === generation) died(`it crashed: ${e.message || 'worker error'}`);
    });
    api = Comlink.wrap<ParameterSweepApi>(worker);
    return api;
  }

  function send(job: Job, retry: boolean) {
    const remote = api ?? start();
    const gen = generation;
    const timer = setTimeout(() => {
      if (gen === generation) died(`no answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    running = { job, retry, timer };
    Promise.resolve(remote.sweep(job.scenario, job.parameter)).then(
      (sweep) => done(gen, { ok: true, sweep }),
      (err: unknown) => done(gen, { ok: false, message: err instanceof Error ? err.message : String(err) }),
    );
  }

  function done(gen: number, a: SweepAnswer) {
    if (gen !== generation || !running) return; // a replaced worker's late answer
    clearTimeout(running.timer);
    const { job } = running;
    running = null;
    if (job.id === latest) job.onAnswer(a);
    pump();
  }

  /** The worker died: a fresh one takes the newest sweep (once for the same sweep). */
  function died(reason: string) {
    const lost = running;
    if (lost) clearTimeout(lost.timer);
    running = null;
    generation++;
    worker?.terminate();
    worker = null;
    api = null;
    if (lost && lost.job.id === latest && !pending) {
      if (!lost.retry) return send(lost.job, true);
      lost.job.onAnswer({ ok: false, message: `the sweep's worker stopped (${reason}), and again on a fresh worker` });
    }
    pump();
  }

  function pump() {
    if (running || !pending) return;
    const job = pending;
    pending = null;
    send(job, false);
  }

  return {
    request(scenario, parameter, onAnswer) {
      pending = { id: ++latest, scenario, parameter, onAnswer };
      pump();
    },
    dispose() {
      pending = null;
      latest++;
      if (running) clearTimeout(running.timer);
      running = null;
      generation++;
      worker?.terminate();
      worker = null;
      api = null;
    },
  };
}

export function createParameterSweepWorker(): Worker {
  return new Worker(new URL('./parameterSweep.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parameter-sweep',
  });
}
