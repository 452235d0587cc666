/**
 * The evaluation core in a Web Worker, exposed with Comlink, so dragging a
 * slider never blocks the page.
 */
import * as Comlink from 'comlink';
import { evaluate, ScenarioError } from '../core';
import type { EvaluatorApi, EvaluateResponse } from './protocol';

const api: EvaluatorApi = {
  ping: () => true,
  evaluate(doc: unknown): EvaluateResponse {
    const started = performance.now();
    try {
      const evaluation = evaluate(doc);
      return { ok: true, evaluation, millis: performance.now() - started };
    } catch (err) {
      if (err instanceof ScenarioError) return { ok: false, errors: err.errors };
      throw err;
    }
  },
};

Comlink.expose(api);
