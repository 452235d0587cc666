/** What the page and the evaluator worker say to each other. */
import type { Evaluation, FieldError } from '../core';

export type EvaluateResponse =
  { ok: true; evaluation: Evaluation; millis: number } | { ok: false; errors: FieldError[] };

export interface EvaluatorApi {
  evaluate(doc: unknown): EvaluateResponse;
  /** The heartbeat: answers at once when the worker is alive and idle. */
  ping(): true;
}
