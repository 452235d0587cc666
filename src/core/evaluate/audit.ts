/**
 * Targets and claims: pass/fail of each target the user set, and a verdict
 * on each figure a source document claims, against what the physics gives.
 */
import type { ClaimAudit, ComplianceEntry } from '../evaluation';
import type { Claims, Targets } from '../scenario/types';

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

const TARGET_KIND: Record<keyof Targets, 'max' | 'min'> = {
  latencyMs: 'max',
  commOverheadPct: 'max',
  loadBalancePct: 'min',
  gpuUtilizationPct: 'min',
  throughputTokensPerSec: 'min',
  memoryPct: 'max',
};

export function compliance(targets: Targets, v: HeadlineValues): ComplianceEntry[] {
  return (Object.keys(TARGET_KIND) as (keyof Targets)[]).map((target) => {
    const limit = targets[target];
    const value = v[target];
    const kind = TARGET_KIND[target];
    const pass = limit === null || !Number.isFinite(value) ? null : kind === 'max' ? value <= limit : value >= limit;
    return { target, value, limit, pass, kind };
  });
}

/** Relative tolerance within which a claim counts as consistent with the computed value. */
export const CLAIM_TOLERANCE = 0.1;

const CLAIM_UNITS: Record<string, string> = {
  latencyMs: 'ms', throughputTokensPerSec: 'tokens/s', commOverheadPct: '%', loadBalancePct: '%',
  gpuUtilizationPct: '%', memoryPerGpuGB: 'GB', bubblePct: '%', totalParams: 'parameters',
};

function fmt(x: number): string {
  if (Math.abs(x) >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (Math.abs(x) >= 1e4) return Math.round(x).toLocaleString('en-US');
  return x >= 100 ? x.toFixed(0) : x.toFixed(x >= 10 ? 1 : 2);
}

export function auditClaims(claims: Claims | null, v: HeadlineValues, infeasible: boolean): ClaimAudit[] {
  if (!claims) return [];
  const out: ClaimAudit[] = [];
  for (const [claim, stated] of Object.entries(claims)) {
    if (claim === 'source' || typeof stated !== 'number') continue;
    const computed = (v as unknown as Record<string, number>)[claim];
    const unit = CLAIM_UNITS[claim] ?? '';
    if (computed === undefined || !Number.isFinite(computed)) {
      out.push({ claim, stated, computed: null, verdict: 'not computable', why: `The evaluator does not compute ${claim} for this scenario.` });
      continue;
    }
    const rel = Math.abs(stated - computed) / Math.max(Math.abs(computed), 1e-12);
    const consistent = rel <= CLAIM_TOLERANCE;
    const direction = stated > computed ? 'higher' : 'lower';
    const suffix = infeasible ? ' (computed for a strategy that cannot run as stated)' : '';
    out.push({
      claim,
      stated,
      computed,
      verdict: consistent ? 'consistent' : 'contradicted',
      why: consistent
        ? `Stated ${fmt(stated)} ${unit} is within ${CLAIM_TOLERANCE * 100}% of the computed ${fmt(computed)} ${unit}${suffix}.`
        : `Stated ${fmt(stated)} ${unit} is ${fmt(rel * 100)}% ${direction} than the computed ${fmt(computed)} ${unit}${suffix}.`,
    });
  }
  return out;
}
