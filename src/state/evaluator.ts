/**
 * Connects the store to the evaluator worker: every new scenario document is
 * sent; answers come back tagged with the request id, and the store keeps
 * only the newest.
 */
import type { EvaluatorClient, ClientResult } from '../worker/client';
import type { ExplorerStore } from './store';
import { encodePermalink, type ScenarioDoc } from './permalink';
import { DEFAULT_VIEW } from './view';

/** The scenario a failure is about, as the link parameters that set it (shortened), so the message names it. */
export function describeScenario(doc: ScenarioDoc): string {
  // Leave out the link version: the fields are what name the scenario.
  const query = encodePermalink(doc, DEFAULT_VIEW).replace(/^\?/, '').split('&').filter((p) => p && !p.startsWith('v=')).join('&');
  if (!query) return 'the default scenario';
  return `the scenario ${query.length > 160 ? `${query.slice(0, 157)}…` : query}`;
}

/** What the page says when the evaluator fails: plainly, whether or not an earlier result is on screen. */
export function failureMessage(doc: ScenarioDoc | undefined, reason: string, earlier: boolean): string {
  const which = doc ? describeScenario(doc) : 'this scenario';
  return earlier
    ? `The evaluator failed on ${which}: ${reason}. The numbers shown are from the last scenario it could evaluate.`
    : `The evaluator failed on ${which}: ${reason}. There is no earlier result to show.`;
}

export function connectEvaluator(store: ExplorerStore, makeClient: (onResult: (r: ClientResult) => void, onRestart: (reason: string) => void) => EvaluatorClient): () => void {
  // The documents of the requests not answered yet, so a failure message can name its scenario.
  const sent = new Map<number, ScenarioDoc>();
  const client = makeClient(
    (r) => {
      const s = store.getState();
      performance.mark('explorer:received');
      const doc = sent.get(r.id);
      for (const id of sent.keys()) if (id <= r.id) sent.delete(id);
      if (r.kind === 'error') s.receiveFailure(r.id, failureMessage(doc, r.message, s.evaluation !== null));
      else if (r.response.ok) s.receiveEvaluation(r.id, r.response.evaluation, r.response.millis);
      else s.receiveFailure(r.id, r.response.errors.map((e) => e.message).join('; '));
    },
    // The request it died on comes back as an error result (and is not resent); nothing else to say.
    (reason) => console.warn(`evaluator restarted: ${reason}`),
  );
  const send = () => {
    performance.mark('explorer:requested');
    const doc = store.getState().doc;
    const id = client.request(doc);
    sent.set(id, doc);
    store.getState().markRequested(id);
  };
  send();
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.doc !== prev.doc) send();
  });
  return () => {
    unsubscribe();
    client.dispose();
  };
}
