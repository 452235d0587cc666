/**
 * The worker client with a fake worker over a MessageChannel (Comlink speaks
 * to any MessagePort): latest wins, errors come back, a dead worker restarts
 * and the scenario it died on is tried once more on the fresh one.
 * No test waits a fixed time for an answer (a loaded machine may take
 * longer): each waits until the answers it expects have come, and the
 * client's no-answer timeout runs on fake timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvaluatorClient, type ClientResult } from './client';
import type { EvaluateResponse } from './protocol';
import { until, fakeComlinkWorker } from '../../test/fakeWorker';
import { parseScenario } from '../core';
import { createExplorerStore } from '../state/store';
import { connectEvaluator } from '../state/evaluator';
import { installExplorerHook } from '../state/explorerHook';

type Behaviour = (doc: unknown) => Promise<EvaluateResponse> | EvaluateResponse;

const made: { terminate(): void }[] = [];
afterEach(() => {
  made.splice(0).forEach((w) => w.terminate());
  vi.useRealTimers();
});

/** A Worker look-alike whose evaluate() runs `behaviour`; `ping: false` makes it miss its heartbeat. */
function fakeWorker(behaviour: Behaviour, opts: { ping?: boolean } = {}): Worker {
  const alive = opts.ping !== false;
  return fakeComlinkWorker({ evaluate: behaviour, ping: () => (alive ? true : new Promise(() => {})) }, made);
}

const ok = (doc: unknown): EvaluateResponse => ({ ok: true, evaluation: { doc } as never, millis: 0 });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('evaluator client', () => {
  it('sends only the newest of requests made while one is running', async () => {
    const seen: unknown[] = [];
    const results: ClientResult[] = [];
    const client = createEvaluatorClient({
      createWorker: () =>
        fakeWorker(async (doc) => {
          seen.push(doc);
          await wait(20);
          return ok(doc);
        }),
      onResult: (r) => results.push(r),
    });
    // 'b' and 'c' are asked for while 'a' runs ('a' cannot answer before this code yields).
    client.request('a');
    client.request('b');
    const last = client.request('c');
    await until(() => results.length === 2, 'two results');
    expect(seen).toEqual(['a', 'c']);
    expect(results.map((r) => r.id)).toEqual([1, last]);
    client.dispose();
  });

  it('turns an evaluator exception into an error result and keeps serving', async () => {
    const results: ClientResult[] = [];
    const client = createEvaluatorClient({
      createWorker: () =>
        fakeWorker((doc) => {
          if (doc === 'bad') throw new Error('boom');
          return ok(doc);
        }),
      onResult: (r) => results.push(r),
    });
    client.request('bad');
    await until(() => results.length === 1, 'the error');
    client.request('good');
    await until(() => results.length === 2, 'the result');
    expect(results[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('boom') });
    expect(results[1]).toMatchObject({ kind: 'result' });
    client.dispose();
  });

  it('restarts a worker that does not answer and sends the request it hung on once more, to the fresh worker', async () => {
    // Only the client's timers are fake: the second worker's answer can never be "late".
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let workers = 0;
    const seenBySecond: unknown[] = [];
    const results: ClientResult[] = [];
    const reasons: [string, boolean][] = [];
    const client = createEvaluatorClient({
      createWorker: () => {
        workers++;
        const hang = workers === 1;
        return fakeWorker((doc) =>
          hang ? new Promise<EvaluateResponse>(() => {}) : (seenBySecond.push(doc), ok(doc)),
        );
      },
      onResult: (r) => results.push(r),
      onRestart: (reason, retrying) => reasons.push([reason, retrying]),
      timeoutMs: 50,
    });
    const id = client.request('x');
    vi.advanceTimersByTime(49);
    expect(workers).toBe(1);
    vi.advanceTimersByTime(1);
    expect(workers).toBe(2);
    expect(reasons).toEqual([[expect.stringMatching(/did not answer within 0.05 s/), true]]);
    // A dead worker is the machine's fault: the scenario is answered by the fresh worker, no error.
    await until(() => results.length === 1, 'the retried result');
    expect(results).toEqual([{ kind: 'result', id, response: ok('x') }]);
    expect(seenBySecond).toEqual(['x']);
    client.dispose();
  });

  it("a scenario on which the fresh worker dies too comes back as the worker's error, and is not sent a third time", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let workers = 0;
    const seen: unknown[] = [];
    const results: ClientResult[] = [];
    const client = createEvaluatorClient({
      // Every worker hangs on 'killer' and answers anything else.
      createWorker: () => (
        workers++,
        fakeWorker((doc) => (seen.push(doc), doc === 'killer' ? new Promise<EvaluateResponse>(() => {}) : ok(doc)))
      ),
      onResult: (r) => results.push(r),
      timeoutMs: 50,
    });
    const id = client.request('killer');
    await until(() => seen.length === 1, 'the first worker to get it');
    vi.advanceTimersByTime(50);
    await until(() => seen.length === 2, 'the fresh worker to get it');
    expect(results).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(workers).toBe(3);
    expect(results).toEqual([
      {
        kind: 'error',
        id,
        cause: 'worker',
        message: 'the evaluator did not answer within 0.05 s, and again on a fresh worker',
      },
    ]);
    // The third worker serves the next scenario and never saw the killer.
    const next = client.request('y');
    await until(() => results.length === 2, 'the next result');
    expect(results[1]).toMatchObject({ kind: 'result', id: next });
    expect(seen).toEqual(['killer', 'killer', 'y']);
    client.dispose();
  });

  it('a request made while the worker hung is sent to the new worker; the hung one, replaced by it, is not resent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let workers = 0;
    const seenBySecond: unknown[] = [];
    const results: ClientResult[] = [];
    const client = createEvaluatorClient({
      createWorker: () => {
        workers++;
        const hang = workers === 1;
        return fakeWorker((doc) =>
          hang ? new Promise<EvaluateResponse>(() => {}) : (seenBySecond.push(doc), ok(doc)),
        );
      },
      onResult: (r) => results.push(r),
      timeoutMs: 50,
    });
    client.request('killer');
    const newer = client.request('newer');
    vi.advanceTimersByTime(50);
    await until(() => results.length === 1, 'the newer answer');
    // Latest wins: the hung request is replaced, as a request replaced while waiting is (no answer).
    expect(results.map((r) => [r.kind, r.id])).toEqual([['result', newer]]);
    expect(seenBySecond).toEqual(['newer']);
    client.dispose();
  });

  it('an idle worker that stops answering the heartbeat (one that closed itself) is replaced', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let workers = 0;
    const reasons: string[] = [];
    const client = createEvaluatorClient({
      // The first worker answers nothing, pings included; the second answers pings.
      createWorker: () => (++workers === 1 ? fakeWorker(ok, { ping: false }) : fakeWorker(ok)),
      onResult: () => {},
      onRestart: (reason) => reasons.push(reason),
      heartbeatMs: 100,
    });
    vi.advanceTimersByTime(100); // ping sent
    expect(workers).toBe(1);
    vi.advanceTimersByTime(100); // no answer by the next beat
    expect(workers).toBe(2);
    expect(reasons).toEqual([expect.stringMatching(/stopped answering/)]);
    vi.advanceTimersByTime(100); // ping to the new worker
    await until(() => true, 'a turn');
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    vi.advanceTimersByTime(100);
    expect(workers).toBe(2);
    client.dispose();
  });

  it('a worker that crashes (an error event) mid-evaluation is replaced and the scenario answered by the new one', async () => {
    const created: Worker[] = [];
    const results: ClientResult[] = [];
    const client = createEvaluatorClient({
      // The first worker never answers (it is about to crash); later ones do.
      createWorker: () => {
        const w = fakeWorker(created.length === 0 ? () => new Promise<EvaluateResponse>(() => {}) : ok);
        created.push(w);
        return w;
      },
      onResult: (r) => results.push(r),
    });
    const id = client.request('x');
    (created[0] as unknown as { crash(m: string): void }).crash('out of memory');
    expect(created.length).toBe(2);
    await until(() => results.length === 1, 'the answer of the new worker');
    expect(results).toEqual([{ kind: 'result', id, response: ok('x') }]);
    client.dispose();
  });
});

describe('the page with a worker that dies (store, glue and client together)', () => {
  /** Workers made by `factory`; `crash(i)` fires worker i's error event, as the browser does when a worker dies. */
  function workers(evaluate: (doc: unknown, index: number) => Promise<EvaluateResponse> | EvaluateResponse) {
    const list: Worker[] = [];
    return {
      factory: () => {
        const i = list.length;
        const w = fakeWorker((doc) => evaluate(doc, i));
        list.push(w);
        return w;
      },
      crash: (i: number, message: string) => (list[i] as unknown as { crash(m: string): void }).crash(message),
      count: () => list.length,
    };
  }
  const evaluation = (doc: unknown): EvaluateResponse => {
    const r = parseScenario(doc);
    if (!r.ok) throw new Error('test scenario does not parse');
    return { ok: true, evaluation: { scenario: r.scenario, perGpu: [], violations: [] } as never, millis: 1 };
  };
  const tpOf = (doc: unknown) => (doc as { parallel?: { tp?: number } }).parallel?.tp;
  const hang = () => new Promise<EvaluateResponse>(() => {});

  it('dies once on a scenario: the fresh worker evaluates it, the page shows it and blames nobody', async () => {
    // Worker 1 is about to crash while evaluating tp=8; the others answer.
    const pool = workers((doc, i) => (i === 1 && tpOf(doc) === 8 ? hang() : evaluation(doc)));
    const store = createExplorerStore({ doc: { parallel: { tp: 2 } } });
    connectEvaluator(store, (onResult, onRestart) =>
      createEvaluatorClient({ createWorker: pool.factory, onResult, onRestart }),
    );
    await until(() => store.getState().shownId === 1, 'the first evaluation');
    pool.crash(0, 'first worker unused'); // worker 0 dies while idle: replaced, nothing lost
    store.getState().setField('parallel.tp', 8);
    await until(() => pool.count() === 2, 'the request to reach worker 1');
    pool.crash(1, 'out of memory');
    await until(() => store.getState().shownId === 2, 'the retried evaluation');
    const s = store.getState();
    expect(s.evaluatorError).toBeNull();
    expect(s.evaluation!.scenario.parallel.tp).toBe(8);
    expect(s.doc).toEqual({ parallel: { tp: 8 } });
    expect(pool.count()).toBe(3);
  });

  it('dies on a scenario twice: blamed, with the controls back on the scenario whose numbers are shown', async () => {
    const pool = workers((doc) => (tpOf(doc) === 8 ? hang() : evaluation(doc)));
    const store = createExplorerStore({ doc: { parallel: { tp: 2 } } });
    const hook = installExplorerHook(store, {
      location: { origin: 'http://x', pathname: '/', hash: '' },
    } as unknown as Window);
    connectEvaluator(store, (onResult, onRestart) =>
      createEvaluatorClient({ createWorker: pool.factory, onResult, onRestart }),
    );
    await until(() => store.getState().shownId === 1, 'the first evaluation');
    store.getState().setField('parallel.tp', 8);
    pool.crash(0, 'out of memory');
    expect(pool.count()).toBe(2);
    expect(store.getState().evaluatorError).toBeNull(); // one death blames nothing
    pool.crash(1, 'out of memory');
    expect(pool.count()).toBe(3);
    const s = store.getState();
    expect(s.evaluatorError).toBe(
      'The evaluator failed on the scenario parallel.tp=8: the evaluator crashed (out of memory), and again on a fresh worker. ' +
        'The controls and numbers are back on the last scenario it evaluated (the scenario parallel.tp=2).',
    );
    expect(s.doc).toEqual({ parallel: { tp: 2 } });
    expect(s.scenario.parallel.tp).toBe(2);
    expect(s.evaluation!.scenario.parallel.tp).toBe(2);
    await expect(hook.ready()).rejects.toThrow(/again on a fresh worker/);
    // The third worker evaluates the next edit; the message goes.
    store.getState().setField('parallel.tp', 4);
    await until(() => store.getState().shownId === 3, 'the next evaluation');
    expect(store.getState().evaluatorError).toBeNull();
    expect(store.getState().evaluation!.scenario.parallel.tp).toBe(4);
  });
});
