/**
 * A Worker look-alike for unit tests: `api` is exposed over a Node
 * MessageChannel with Comlink (which speaks to any MessagePort), so the code
 * under test talks to it as to a real worker. `crash(message)` fires the
 * error event a browser fires when a worker dies; `terminate()` closes both
 * ports. Every worker made is pushed onto `made`, for an afterEach to end.
 */
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';

export interface FakeWorker {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: string, fn: (e: never) => void): void;
  removeEventListener(type: string, fn: (e: never) => void): void;
  terminate(): void;
  crash(message: string): void;
}

export function fakeComlinkWorker(api: object, made: { terminate(): void }[]): Worker & FakeWorker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
  const listeners = new Set<(e: ErrorEvent) => void>();
  const w: FakeWorker = {
    postMessage: (m, t) => port1.postMessage(m, t as never),
    addEventListener: (type, fn) => {
      if (type === 'message') port1.addEventListener('message', fn as never);
      if (type === 'error') listeners.add(fn as never);
    },
    removeEventListener: (type, fn) => {
      if (type === 'message') port1.removeEventListener('message', fn as never);
      if (type === 'error') listeners.delete(fn as never);
    },
    terminate: () => {
      port1.close();
      port2.close();
    },
    crash: (message) => listeners.forEach((fn) => fn({ message } as ErrorEvent)),
  };
  port1.start();
  made.push(w);
  return w as Worker & FakeWorker;
}

/**
 * Resolves once `done()` holds, checking after every turn of the event loop
 * (messages need turns, not time); fails after 4 s of real time, far beyond
 * what the messages need even on a loaded machine.
 */
export async function until(done: () => boolean, what = 'an answer'): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > 4000) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}
