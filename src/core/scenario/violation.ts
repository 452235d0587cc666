/** A rule the scenario breaks, as the checks report it and the evaluation lists it. */
export type Severity = 'error' | 'warning';

export interface Violation {
  code: string;
  /** A sentence a student understands. */
  message: string;
  /** Scenario field paths involved, e.g. "parallel.tp". */
  fields: string[];
  /** Errors make the strategy infeasible; warnings flag a questionable statement. */
  severity: Severity;
}
