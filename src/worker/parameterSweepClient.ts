/**
 * The page's side of the parameter-sweep worker. Latest wins: while one sweep
 * runs, newer requests replace each other and only the newest is sent next;
 * an answer for an older request is dropped. One worker, started on first use.
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

export function createParameterSweepClient(createWorker: () => Worker): ParameterSweepClient {
  let worker: Worker | null = null;
  let api: Comlink.Remote<ParameterSweepApi> | null = null;
  let busy = false;
  let latest = 0;
  let pending: { id: number; scenario: Scenario; parameter: SweepParameterId; onAnswer: (a: SweepAnswer) => void } | null = null;

  function pump() {
    if (busy || !pending) return;
    const job = pending;
    pending = null;
    if (!api) {
      worker = createWorker();
      api = Comlink.wrap<ParameterSweepApi>(worker);
    }
    busy = true;
    const done = (a: SweepAnswer) => {
      busy = false;
      if (job.id === latest) job.onAnswer(a);
      pump();
    };
    Promise.resolve(api.sweep(job.scenario, job.parameter)).then(
      (sweep) => done({ ok: true, sweep }),
      (err: unknown) => done({ ok: false, message: err instanceof Error ? err.message : String(err) }),
    );
  }

  return {
    request(scenario, parameter, onAnswer) {
      pending = { id: ++latest, scenario, parameter, onAnswer };
      pump();
    },
    dispose() {
      pending = null;
      latest++;
      worker?.terminate();
      worker = null;
      api = null;
    },
  };
}

export function createParameterSweepWorker(): Worker {
  return new Worker(new URL('./parameterSweep.worker.ts', import.meta.url), { type: 'module', name: 'parameter-sweep' });
}
