/**
 * The page never waits forever (issue 10): a failed evaluation with no
 * earlier result says so and names the scenario, and `explorer.ready()`
 * rejects with the message. The evaluator is a fake client.
 */
import { describe, expect, it } from 'vitest';
import { createExplorerStore } from './store';
import { connectEvaluator, describeScenario } from './evaluator';
import { installExplorerHook } from './explorerHook';
import type { ClientResult, EvaluatorClient } from '../worker/client';

function fakeClient() {
  let onResult: (r: ClientResult) => void = () => {};
  let next = 0;
  const client: EvaluatorClient = { request: () => ++next, restart() {}, dispose() {} };
  const make = (r: (x: ClientResult) => void) => ((onResult = r), client);
  return { make, answer: (r: ClientResult) => onResult(r), requests: () => next };
}

const fakeWindow = () => ({ location: { origin: 'http://x', pathname: '/', hash: '' } }) as unknown as Window;

describe('a failed evaluation', () => {
  it('with no earlier result: says so plainly, names the scenario, and ready() rejects with the message', async () => {
    const store = createExplorerStore({ doc: { parallel: { tp: 2 } } });
    const fake = fakeClient();
    connectEvaluator(store, fake.make);
    const hook = installExplorerHook(store, fakeWindow());
    const ready = hook.ready();
    fake.answer({ kind: 'error', id: 1, message: 'the evaluator did not answer within 5 s', cause: 'worker' });
    await expect(ready).rejects.toThrow(/did not answer within 5 s/);
    const s = store.getState();
    expect(s.evaluatorError).toMatch(
      /^The evaluator failed on the scenario parallel.tp=2: the evaluator did not answer within 5 s\. There is no earlier result to show\.$/,
    );
    // Also a ready() asked after the failure rejects at once.
    await expect(hook.ready({ visible: true })).rejects.toThrow(/no earlier result/);
  });

  it('with an earlier result: the controls go back to the scenario on screen, the message names both; a later success clears it', async () => {
    const store = createExplorerStore({ doc: { parallel: { tp: 2 } } });
    const fake = fakeClient();
    connectEvaluator(store, fake.make);
    const hook = installExplorerHook(store, fakeWindow());
    fake.answer({
      kind: 'result',
      id: 1,
      response: { ok: true, evaluation: { perGpu: [], scenario: store.getState().scenario } as never, millis: 1 },
    });
    const shown = store.getState().scenario;
    store.getState().setField('parallel.tp', 8);
    expect(fake.requests()).toBe(2);
    fake.answer({
      kind: 'error',
      id: 2,
      message: 'the evaluator crashed (out of memory), and again on a fresh worker',
      cause: 'worker',
    });
    const s = store.getState();
    expect(s.evaluatorError).toBe(
      'The evaluator failed on the scenario parallel.tp=8: the evaluator crashed (out of memory), and again on a fresh worker. ' +
        'The controls and numbers are back on the last scenario it evaluated (the scenario parallel.tp=2).',
    );
    // Controls, link and numbers describe one scenario: the one evaluated.
    expect(s.doc).toEqual({ parallel: { tp: 2 } });
    expect(s.scenario).toEqual(shown);
    expect(s.restoredAfterFailure).toBe(1);
    // Going back sends nothing (that scenario's evaluation is on screen), and ready() says the edit failed.
    expect(fake.requests()).toBe(2);
    await expect(hook.ready({ visible: true })).rejects.toThrow(/out of memory/);
    store.getState().setField('parallel.tp', 4);
    const ready = hook.ready({ visible: true });
    fake.answer({ kind: 'result', id: 3, response: { ok: true, evaluation: { perGpu: [] } as never, millis: 1 } });
    await expect(ready).resolves.toBeUndefined();
    expect(store.getState().evaluatorError).toBeNull();
  });

  it('a failure on a scenario no longer the newest changes nothing on screen', () => {
    const store = createExplorerStore();
    const fake = fakeClient();
    connectEvaluator(store, fake.make);
    fake.answer({ kind: 'result', id: 1, response: { ok: true, evaluation: { perGpu: [] } as never, millis: 1 } });
    store.getState().setField('parallel.tp', 8);
    store.getState().setField('parallel.tp', 2);
    const newest = store.getState().doc;
    fake.answer({ kind: 'error', id: 2, message: 'the evaluator crashed', cause: 'thrown' });
    expect(store.getState().doc).toBe(newest);
    expect(newest).toEqual({ parallel: { tp: 2 } });
    expect(store.getState().restoredAfterFailure).toBe(0);
  });

  it('names the default scenario as such, and shortens a long one', () => {
    expect(describeScenario({})).toBe('the default scenario');
    const long = describeScenario({ model: { name: 'x'.repeat(190) } });
    expect(long.length).toBeLessThanOrEqual('the scenario '.length + 158);
    expect(long.endsWith('…')).toBe(true);
  });
});
