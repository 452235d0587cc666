/** The parameter-sweep client over a fake worker (a MessageChannel): the real core answers, the newest request wins. */
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../core';
import { parameterSweep } from '../core';
import { createParameterSweepClient, type SweepAnswer } from './parameterSweepClient';

const ports: { close(): void }[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

function fakeWorker(): Worker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose({ sweep: parameterSweep }, port2 as unknown as Comlink.Endpoint);
  port1.start();
  ports.push(port1, port2);
  return {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t as never),
    addEventListener: (type: string, fn: never) => { if (type === 'message') port1.addEventListener('message', fn); },
    removeEventListener: (type: string, fn: never) => { if (type === 'message') port1.removeEventListener('message', fn); },
    terminate: () => { port1.close(); port2.close(); },
  } as unknown as Worker;
}

async function until(done: () => boolean): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > 4000) throw new Error('no answer');
    await new Promise((r) => setImmediate(r));
  }
}

const seed16 = (parseScenario({ parallel: { tp: 1, pp: 1, dp: 16, ep: 1 }, workload: { microBatches: 1 } }) as { ok: true; scenario: Scenario }).scenario;

describe('parameter-sweep client', () => {
  it('answers with the core’s sweep; of three quick requests only the first (already sent) and the last are answered', async () => {
    const client = createParameterSweepClient(fakeWorker);
    const answers: [string, SweepAnswer][] = [];
    client.request(seed16, 'tp', (a) => answers.push(['tp', a]));
    client.request(seed16, 'pp', (a) => answers.push(['pp', a]));
    client.request(seed16, 'ep', (a) => answers.push(['ep', a]));
    await until(() => answers.some(([k]) => k === 'ep'));
    // The first was already running when the others came: it is dropped (not the newest); 'pp' was replaced before it was sent.
    expect(answers.map(([k]) => k)).toEqual(['ep']);
    const a = answers[0][1];
    expect(a.ok && a.sweep.points.map((p) => p.value)).toEqual(parameterSweep(seed16, 'ep').points.map((p) => p.value));
    client.dispose();
  });
});
