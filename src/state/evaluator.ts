/**
 * Connects the store to the evaluator worker: every new scenario document is
 * sent; answers come back tagged with the request id, and the store keeps
 * only the newest.
 */
import type { EvaluatorClient, ClientResult } from '../worker/client';
import type { ExplorerStore } from './store';

export function connectEvaluator(store: ExplorerStore, makeClient: (onResult: (r: ClientResult) => void, onRestart: (reason: string) => void) => EvaluatorClient): () => void {
  const client = makeClient(
    (r) => {
      const s = store.getState();
      performance.mark('explorer:received');
      if (r.kind === 'error') s.receiveFailure(r.id, `The evaluator failed: ${r.message}. The numbers shown are from the last scenario it could evaluate.`);
      else if (r.response.ok) s.receiveEvaluation(r.id, r.response.evaluation, r.response.millis);
      else s.receiveFailure(r.id, r.response.errors.map((e) => e.message).join('; '));
    },
    (reason) => store.getState().receiveFailure(store.getState().shownId, `The evaluator stopped (${reason}) and was restarted.`),
  );
  const send = () => {
    performance.mark('explorer:requested');
    store.getState().markRequested(client.request(store.getState().doc));
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
