/** The parameter-sweep client over a fake worker (a MessageChannel): the real core answers, the newest request wins. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../core';
import { parameterSweep } from '../core';
import { createParameterSweepClient, type SweepAnswer } from './parameterSweepClient';
import { fakeComlinkWorker, until, type FakeWorker } from '../../test/fakeWorker';

const made: { terminate(): void }[] = [];
afterEach(() => made.splice(0).forEach((w) => w.terminate()));

/** A fake worker whose sweep runs the core; with `crashOnSweep` it fires an error event instead and never answers (a worker that died). */
function fakeWorker(crashOnSweep = false): Worker {
  const w: FakeWorker = fakeComlinkWorker(
    {
      sweep: ((scenario, parameter) => {
        if (!crashOnSweep) return parameterSweep(scenario, parameter);
        setImmediate(() => w.crash('out of memory'));
        return new Promise(() => {}) as never;
      }) satisfies typeof parameterSweep,
    },
    made,
  );
  return w as unknown as Worker;
}

const seed16 = (
  parseScenario({ parallel: { tp: 1, pp: 1, dp: 16, ep: 1 }, workload: { microBatches: 1 } }) as {
    ok: true;
    scenario: Scenario;
  }
).scenario;

describe('parameter-sweep client', () => {
  it('answers with the core’s sweep; of three quick requests only the first (already sent) and the last are answered', async () => {
    const client = createParameterSweepClient(() => fakeWorker());
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

  it('a worker that dies on a sweep: a fresh one answers it, with no error', async () => {
    let made = 0;
    const client = createParameterSweepClient(() => fakeWorker(made++ === 0));
    const answers: SweepAnswer[] = [];
    client.request(seed16, 'ep', (a) => answers.push(a));
    await until(() => answers.length > 0);
    expect(made).toBe(2);
    expect(answers).toHaveLength(1);
    expect(answers[0].ok && answers[0].sweep.points.map((p) => p.value)).toEqual(
      parameterSweep(seed16, 'ep').points.map((p) => p.value),
    );
    client.dispose();
  });

  it('a sweep on which the fresh worker dies too is answered as a failure saying so; the next sweep gets a third worker', async () => {
    let made = 0;
    const client = createParameterSweepClient(() => fakeWorker(++made <= 2));
    const answers: SweepAnswer[] = [];
    client.request(seed16, 'ep', (a) => answers.push(a));
    await until(() => answers.length > 0);
    expect(answers).toEqual([
      { ok: false, message: "the sweep's worker stopped (it crashed: out of memory), and again on a fresh worker" },
    ]);
    client.request(seed16, 'tp', (a) => answers.push(a));
    await until(() => answers.length > 1);
    expect(made).toBe(3);
    expect(answers[1].ok).toBe(true);
    client.dispose();
  });
});
