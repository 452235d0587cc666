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
  const query = encodePermalink(doc, DEFAULT_VIEW)
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p && !p.startsWith('v='))
    .join('&');
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

/** The message when the controls were put back on the scenario on screen (`shown`) after the evaluator failed on `failed`. */
export function restoredMessage(failed: ScenarioDoc, reason: string, shown: ScenarioDoc): string {
  return `The evaluator failed on ${describeScenario(failed)}: ${reason}. The controls and numbers are back on the last scenario it evaluated (${describeScenario(shown)}).`;
}

/**
 * Sends the page's scenario (B) and, when one is pinned, scenario A to the
 * one evaluator. The client keeps only the newest request waiting, so a
 * request of one kind can displace the other's: an answer to a later id
 * means every earlier id still listed was displaced, and the newest of each
 * kind among them is sent again.
 */
export function connectEvaluator(
  store: ExplorerStore,
  makeClient: (
    onResult: (r: ClientResult) => void,
    onRestart: (reason: string, retrying: boolean) => void,
  ) => EvaluatorClient,
): () => void {
  // The requests not answered yet: which scenario each is for, so a failure message can name it.
  const sent = new Map<number, { doc: ScenarioDoc; kind: 'page' | 'compare' }>();
  let latestPage = 0;
  let latestCompare = 0;
  // The document of the page evaluation on screen: the scenario to go back to when the evaluator fails on a newer one.
  let shownDoc: ScenarioDoc | null = null;
  // Set while the store goes back to shownDoc: that scenario is on screen already, nothing to send.
  let restoring = false;
  const client = makeClient(
    (r) => {
      const s = store.getState();
      performance.mark('explorer:received');
      const entry = sent.get(r.id);
      const displaced: number[] = [];
      for (const id of sent.keys()) {
        if (id < r.id) displaced.push(id);
        if (id <= r.id) sent.delete(id);
      }
      if (entry?.kind === 'compare') {
        if (r.kind === 'error')
          s.receiveCompareFailure(
            r.id,
            `The evaluator failed on scenario A (${describeScenario(entry.doc)}): ${r.message}.`,
          );
        else if (r.response.ok) s.receiveCompareEvaluation(r.id, r.response.evaluation);
        else s.receiveCompareFailure(r.id, r.response.errors.map((e) => e.message).join('; '));
      } else if (r.kind === 'error') {
        // A failure on the newest scenario with an earlier one on screen: the
        // controls go back to that one (never old numbers beside new controls).
        if (entry && r.id === latestPage && shownDoc && s.evaluation !== null) {
          restoring = true;
          try {
            s.restoreAfterFailure(r.id, shownDoc, restoredMessage(entry.doc, r.message, shownDoc));
          } finally {
            restoring = false;
          }
        } else s.receiveFailure(r.id, failureMessage(entry?.doc, r.message, s.evaluation !== null));
      } else if (r.response.ok) {
        if (entry && r.id > s.shownId) shownDoc = entry.doc;
        s.receiveEvaluation(r.id, r.response.evaluation, r.response.millis);
      } else s.receiveFailure(r.id, r.response.errors.map((e) => e.message).join('; '));
      if (displaced.includes(latestPage)) send();
      if (displaced.includes(latestCompare) && store.getState().compare?.requestedId === latestCompare) sendCompare();
    },
    // The client sends the request it died on once more; a second death comes back as an error result.
    (reason, retrying) =>
      console.warn(`evaluator restarted: ${reason}${retrying ? '; the scenario is sent to the fresh worker' : ''}`),
  );
  const send = () => {
    performance.mark('explorer:requested');
    const doc = store.getState().doc;
    const id = client.request(doc);
    sent.set(id, { doc, kind: 'page' });
    latestPage = id;
    store.getState().markRequested(id);
  };
  const sendCompare = () => {
    const compare = store.getState().compare;
    if (!compare) return;
    const id = client.request(compare.doc);
    sent.set(id, { doc: compare.doc, kind: 'compare' });
    latestCompare = id;
    store.getState().markCompareRequested(id);
  };
  /** A pinned A without an evaluation and no request for it yet. */
  const compareWaiting = () => {
    const c = store.getState().compare;
    return c !== null && c.evaluation === null && c.requestedId === 0;
  };
  send();
  if (compareWaiting()) sendCompare();
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.doc !== prev.doc && !restoring) send();
    if (state.compare !== prev.compare && compareWaiting()) sendCompare();
  });
  return () => {
    unsubscribe();
    client.dispose();
  };
}
