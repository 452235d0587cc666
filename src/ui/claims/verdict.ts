/** Verdict words, icons and order: problems sort first so they are read first. */
import type { ClaimAudit } from '../../core';

export type Verdict = ClaimAudit['verdict'];

export const VERDICT_RANK: Record<Verdict, number> = { contradicted: 0, 'not computable': 1, consistent: 2 };
export const VERDICT_ICON: Record<Verdict, string> = { contradicted: '✗', 'not computable': '?', consistent: '✓' };
/** Design-token status each verdict borrows its colours from. */
export const VERDICT_TONE: Record<Verdict, 'pass' | 'fail' | 'na'> = {
  contradicted: 'fail',
  'not computable': 'na',
  consistent: 'pass',
};

/** Ascending comparator (TanStack reverses it for descending). */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICT_RANK[a] - VERDICT_RANK[b];
}
