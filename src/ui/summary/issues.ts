/** Ordering and wording of violations, kept pure for tests. */
import type { Violation } from '../../core';
import { fieldByPath, objectByPath } from '../../core';

/** Errors (the strategy cannot run) before warnings; the core's order otherwise. */
export function sortViolations(violations: readonly Violation[]): Violation[] {
  const rank = (v: Violation) => (v.severity === 'error' ? 0 : 1);
  return violations
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map(({ v }) => v);
}

/** A field's control label ("TP", "GPUs"), falling back to the path itself. */
export function fieldLabel(path: string): string {
  return fieldByPath(path)?.label ?? objectByPath(path)?.label ?? path;
}

/** Assumption lists this short are shown open; longer ones start folded. */
export const ASSUMPTIONS_OPEN_MAX = 6;
