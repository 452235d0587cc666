/**
 * The worker client with a fake worker over a MessageChannel (Comlink speaks
 * to any MessagePort): latest wins, errors come back, a dead worker restarts.
 * No test waits a fixed time for an answer (a loaded machine may take
 * longer): each waits until the answers it expects have come, and the
 * client's no-answer timeout runs on fake timers.
 */
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvaluatorClient, type ClientResult } from './client';
import type { EvaluateResponse } from './protocol';

type Behaviour = (doc: unknown) => Promise<EvaluateResponse> | EvaluateResponse;

const made: { terminate(): void }[] = [];
afterEach(() => {
  made.splice(0).forEach((w) => w.terminate());
  vi.useRealTimers();
});

/** A Worker look-alike whose evaluate() runs `behaviour`. */
function fakeWorker(behaviour: Behaviour, opts: { ping?: boolean } = {}): Worker {
  const { port1, port2 } = new MessageChannel();
  const alive = opts.ping !== false;
  Comlink.expose({ evaluate: behaviour, ping: () => (alive ? true : new Promise(() => {})) }, port2 as unknown as Comlink.Endpoint);
  const listeners = new Set<(e: ErrorEvent) => void>();
  const w = {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t as never),
    addEventListener: (type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.addEventListener('message', fn as never);
      if (type === 'error') listeners.add(fn as never);
    },
    removeEventListener: (type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.removeEventListener('message', fn as never);
    },
    terminate: () => {
      port1.close();
      port2.close();
    },
    crash: (message: string) => listeners.forEach((fn) => fn({ message } as ErrorEvent)),
  };
  port1.start();
  made.push(w);
  return w as unknown as Worker;
}

const ok = (doc: unknown): EvaluateResponse => ({ ok: true, evaluation: { doc } as never, millis: 0 });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once `done()` holds, checking after every turn of the event loop
 * (messages need turns, not time); fails after 4 s of real time.
 */
async function until(done: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > 4000) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('evaluator client', () => {
  it('sends only the newest of requests made while one is running', async () => {
    const seen: unknown[] = [];
    const results: ClientResult[] = [];
    const client = createEvaluatorClient({
      createWorker: () => fakeWorker(async (doc) => { seen.push(doc); await wait(20); return ok(doc); }),
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
      createWorker: () => fakeWorker((doc) => { if (doc === 'bad') throw new Error('boom'); return ok(doc); }),
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

  it('restarts a worker that does not answer; the request it hung on comes back as an error, and is not resent', async () => {
    // Only the client's timers are fake: the second worker's answer can never be "late".
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let workers = 0;
    const seenBySecond: unknown[] = [];
    const results: ClientResult[] = [];
    const reasons: string[] = [];
    const client = createEvaluatorClient({
      createWorker: () => {
        workers++;
        const hang = workers === 1;
        return fakeWorker((doc) => (hang ? new Promise<EvaluateResponse>(() => {}) : (seenBySecond.push(doc), ok(doc))));
      },
      onResult: (r) => results.push(r),
      onRestart: (reason) => reasons.push(reason),
      timeoutMs: 50,
    });
    const id = client.request('x');
    vi.advanceTimersByTime(49);
    expect(workers).toBe(1);
    vi.advanceTimersByTime(1);
    expect(workers).toBe(2);
    expect(reasons[0]).toMatch(/did not answer/);
    expect(results).toEqual([{ kind: 'error', id, message: expect.stringMatching(/did not answer within 0.05 s/) }]);
    // The new worker serves the next request; it never saw the one that hung.
    const next = client.request('y');
    await until(() => results.length === 2, 'the next result');
    expect(results[1]).toMatchObject({ kind: 'result', id: next });
    expect(seenBySecond).toEqual(['y']);
    client.dispose();
  });

  it('a request made while the worker hung is sent to the new worker, the hung one is not', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let workers = 0;
    const seenBySecond: unknown[] = [];
    const results: ClientResult[] = [];
    const client = createEvaluatorClient({
      createWorker: () => {
        workers++;
        const hang = workers === 1;
        return fakeWorker((doc) => (hang ? new Promise<EvaluateResponse>(() => {}) : (seenBySecond.push(doc), ok(doc))));
      },
      onResult: (r) => results.push(r),
      timeoutMs: 50,
    });
    const killer = client.request('killer');
    const newer = client.request('newer');
    vi.advanceTimersByTime(50);
    await until(() => results.length === 2, 'both answers');
    expect(results.map((r) => [r.kind, r.id])).toEqual([['error', killer], ['result', newer]]);
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

  it('restarts on a worker error event', async () => {
    let workers = 0;
    const created: Worker[] = [];
    const client = createEvaluatorClient({
      createWorker: () => { workers++; const w = fakeWorker(ok); created.push(w); return w; },
      onResult: () => {},
    });
    (created[0] as unknown as { crash(m: string): void }).crash('out of memory');
    expect(workers).toBe(2);
    client.dispose();
  });
});
