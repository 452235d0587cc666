/**
 * Claims: a verdict on each figure a source document claims, against what
 * the physics gives (targets pass or fail in core/metrics/targets.ts).
 */
import type { ClaimAudit } from '../evaluation';
import type { Claims } from '../scenario/types';
import { costBehindGap, describeGap, whatItCounts, type ClaimContext } from './claimReasons';
import { billions } from '../format/number';

export interface HeadlineValues {
  latencyMs: number;
  throughputTokensPerSec: number;
  commOverheadPct: number;
  loadBalancePct: number;
  gpuUtilizationPct: number;
  memoryPct: number;
  memoryPerGpuGB: number;
  bubblePct: number;
  totalParams: number;
}

/** Relative tolerance within which a claim counts as consistent with the computed value. */
export const CLAIM_TOLERANCE = 0.1;

const CLAIM_UNITS: Record<string, string> = {
  latencyMs: 'ms',
  throughputTokensPerSec: 'tokens/s',
  commOverheadPct: '%',
  loadBalancePct: '%',
  gpuUtilizationPct: '%',
  memoryPerGpuGB: 'GB',
  bubblePct: '%',
  totalParams: 'parameters',
};

/** Parameter counts in billions ("671B"), every other figure to three significant figures. */
const fmt = billions;

/**
 * One verdict per stated figure. The `why` says what the computed figure
 * counts, how far the claim is from it (percentage points for percentages,
 * never a percentage of a percentage) and, given `context`, which cost of
 * this scenario explains the gap.
 */
export function auditClaims(
  claims: Claims | null,
  v: HeadlineValues,
  infeasible: boolean,
  context?: ClaimContext,
): ClaimAudit[] {
  if (!claims) return [];
  const out: ClaimAudit[] = [];
  for (const [claim, stated] of Object.entries(claims)) {
    if (claim === 'source' || typeof stated !== 'number') continue;
    const computed = (v as unknown as Record<string, number>)[claim];
    const unit = CLAIM_UNITS[claim] ?? '';
    if (computed === undefined || !Number.isFinite(computed)) {
      out.push({
        claim,
        stated,
        computed: null,
        verdict: 'not computable',
        why: `The evaluator does not compute ${claim} for this scenario.`,
      });
      continue;
    }
    const rel = Math.abs(stated - computed) / Math.max(Math.abs(computed), 1e-12);
    const consistent = rel <= CLAIM_TOLERANCE;
    const suffix = infeasible ? ' (computed for a strategy that cannot run as stated)' : '';
    const counts = context ? whatItCounts(claim, context) : '';
    const cause = context && !consistent ? costBehindGap(claim, stated, computed, context) : null;
    const unitText = unit === '%' ? '%' : ` ${unit}`;
    const head = consistent
      ? `Stated ${fmt(stated)}${unitText} is ${stated === computed ? 'equal to' : `${describeGap(claim, stated, computed)} than`} the computed ${fmt(computed)}${unitText}${suffix}: within the ${CLAIM_TOLERANCE * 100}% tolerance.`
      : `Stated ${fmt(stated)}${unitText} is ${describeGap(claim, stated, computed)} than the computed ${fmt(computed)}${unitText}${suffix}.`;
    out.push({
      claim,
      stated,
      computed,
      verdict: consistent ? 'consistent' : 'contradicted',
      why: [head, counts, cause ?? ''].filter(Boolean).join(' '),
      ...(context ? { counts, cause } : {}),
    });
  }
  return out;
}
