/**
 * The guided walk through a source document (issue 9, item 5), as data: an
 * opening step (the plan and whether it can run), one step per stated claim
 * in the document's order (what it states, what the explorer computes and
 * what that counts, the verdict, the cost behind the gap), and a last step
 * with a strategy that meets the targets, found by the strategy search.
 * Every figure comes from the evaluation and the search rows; nothing here
 * is written by hand. Pure, for tests.
 */
import type { ClaimAudit, Evaluation } from '../../core';
import { describeGap } from '../../core';
import type { SearchRow, TargetName } from '../../core';
import { strategyOf, type Strategy } from '../../core';
import type { Targets } from '../../core';
import { TARGETS } from '../../core';
import { gpuPreset } from '../../core';
import { formatMetric, METRIC_LABELS, plural } from '../format';

/** What the walk knows of its strategy search. */
export type WalkSearch =
  | { status: 'idle' | 'running'; total: number }
  | { status: 'done'; rows: readonly SearchRow[]; enumerated: number }
  | { status: 'error'; message: string };

export interface TargetLine {
  target: TargetName;
  label: string;
  /** "≤ 50.0 ms". */
  limit: string;
  value: string;
  pass: boolean | null;
}

export type WalkStep =
  | {
      kind: 'intro';
      title: string;
      source: string;
      /** The plan in one line: "TP 4 × PP 4 × DP 2 = 32 GPUs, EP 16, 8 micro-batches". */
      plan: string;
      cluster: string;
      runs: boolean;
      /** Why it cannot run (every error, in the rules' words). */
      problems: string[];
      claims: number;
      contradicted: number;
    }
  | {
      kind: 'claim';
      title: string;
      claim: string;
      stated: string;
      computed: string;
      /** What the explorer's figure counts. */
      counts: string;
      verdict: ClaimAudit['verdict'];
      /** "43.9% lower than computed", or the tolerance sentence. */
      gap: string;
      /** The cost of this scenario that makes the difference, or null. */
      cause: string | null;
      fromInfeasible: boolean;
    }
  | {
      kind: 'strategy';
      title: string;
      /** 'current': the page's strategy already meets every target; 'found': the search's best that does; 'none': none does; 'no-targets'; 'searching'; 'error'. */
      outcome: 'current' | 'found' | 'none' | 'no-targets' | 'searching' | 'error';
      text: string;
      /** The strategy to load ('found' only). */
      strategy: Strategy | null;
      plan: string | null;
      targets: TargetLine[];
    };

/** "TP 4 × PP 4 × DP 2 = 32 GPUs, EP 16, 8 micro-batches, 1F1B". */
export function planText(st: Strategy, moe: boolean): string {
  const gpus = st.tp * st.pp * st.dp;
  const parts = [`TP ${st.tp} × PP ${st.pp} × DP ${st.dp} = ${plural(gpus, 'GPU')}`];
  if (moe) parts.push(`EP ${st.ep}${st.etp > 1 ? ` × ETP ${st.etp}` : ''}`);
  parts.push(plural(st.microBatches, 'micro-batch', 'micro-batches'));
  if (st.pp > 1) parts.push(`${st.schedule}${st.virtualStages > 1 ? ` × ${st.virtualStages} virtual stages` : ''}`);
  return parts.join(', ');
}

function introStep(e: Evaluation): WalkStep {
  const s = e.scenario;
  const problems = e.violations.filter((v) => v.severity === 'error').map((v) => v.message);
  return {
    kind: 'intro',
    title: 'The plan the document proposes',
    source: s.claims?.source || 'an unnamed source',
    plan: planText(strategyOf(s), s.model.moe !== null),
    cluster: `${s.hardware.count.toLocaleString('en-US')} × ${gpuPreset(s.hardware.gpu)?.name ?? s.hardware.gpu} (${s.hardware.gpusPerNode} per node), ${s.workload.mode === 'training' ? 'training' : `inference (${s.workload.phase})`}, ${s.model.name}`,
    runs: e.feasible,
    problems,
    claims: e.claimsAudit.length,
    contradicted: e.claimsAudit.filter((c) => c.verdict === 'contradicted').length,
  };
}

function claimStep(c: ClaimAudit, e: Evaluation, i: number, n: number): WalkStep {
  const label = METRIC_LABELS[c.claim] ?? c.claim;
  const gap =
    c.computed === null
      ? 'The explorer does not compute this figure for this scenario.'
      : c.verdict === 'consistent'
        ? c.stated === c.computed
          ? 'Equal to the computed figure.'
          : `${capitalize(describeGap(c.claim, c.stated, c.computed))} than computed: within the 10% tolerance.`
        : `${capitalize(describeGap(c.claim, c.stated, c.computed))} than computed.`;
  return {
    kind: 'claim',
    title: `Claim ${i + 1} of ${n}: ${label}`,
    claim: c.claim,
    stated: formatMetric(c.claim, c.stated),
    computed: formatMetric(c.claim, c.computed),
    counts: c.counts ?? '',
    verdict: c.verdict,
    gap,
    cause: c.cause ?? null,
    fromInfeasible: e.fromInfeasibleStrategy,
  };
}

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

function limitText(target: TargetName, limit: number): string {
  const { kind, format } = TARGETS[target];
  return `${kind === 'max' ? '≤' : '≥'} ${format(limit)}`;
}

/** The page's own figures against its targets. */
function pageTargets(e: Evaluation): TargetLine[] {
  return e.compliance
    .filter((c) => c.limit !== null)
    .map((c) => ({
      target: c.target as TargetName,
      label: TARGETS[c.target as TargetName].label,
      limit: limitText(c.target as TargetName, c.limit!),
      value: formatMetric(c.target, c.value),
      pass: c.pass,
    }));
}

/** A search row's figures against the targets. */
function rowTargets(row: SearchRow, targets: Targets): TargetLine[] {
  // The row's figure of each target it has a column for (checked: a row field of that name must be a number or null).
  const figures: Partial<Record<TargetName, number | null>> = row;
  return (Object.keys(targets) as TargetName[])
    .filter((t) => targets[t] !== null)
    .map((t) => ({
      target: t,
      label: TARGETS[t].label,
      limit: limitText(t, targets[t]!),
      value: formatMetric(t, figures[t] ?? null),
      pass: row.targets[t],
    }));
}

/** The best row meeting every target: rows come ranked best first (the search's order). */
export function bestMeetingTargets(rows: readonly SearchRow[]): SearchRow | null {
  return rows.find((r) => r.meetsTargets) ?? null;
}

function strategyStep(e: Evaluation, search: WalkSearch): WalkStep {
  const s = e.scenario;
  const moe = s.model.moe !== null;
  const title = 'A strategy that meets the targets';
  const base = { kind: 'strategy' as const, title, strategy: null, plan: null };
  const setTargets = e.compliance.filter((c) => c.limit !== null);
  if (setTargets.length === 0) {
    return {
      ...base,
      outcome: 'no-targets',
      text: 'This scenario sets no targets, so there is nothing to meet. Set targets under Targets to have the search find a strategy that meets them.',
      targets: [],
    };
  }
  if (e.feasible && setTargets.every((c) => c.pass !== false)) {
    return {
      ...base,
      outcome: 'current',
      plan: planText(strategyOf(s), moe),
      targets: pageTargets(e),
      text: `The strategy on the page can run and meets every one of its ${plural(setTargets.length, 'target')}.`,
    };
  }
  if (search.status === 'error')
    return { ...base, outcome: 'error', text: `The strategy search failed: ${search.message}`, targets: [] };
  if (search.status !== 'done') {
    return {
      ...base,
      outcome: 'searching',
      text: `Searching ${search.total > 0 ? `${search.total.toLocaleString('en-US')} ` : ''}strategies for this model, cluster and targets…`,
      targets: [],
    };
  }
  const best = bestMeetingTargets(search.rows);
  const meeting = search.rows.filter((r) => r.meetsTargets).length;
  if (!best) {
    return {
      ...base,
      outcome: 'none',
      targets: [],
      text: `None of the ${search.enumerated.toLocaleString('en-US')} strategies the rules allow on ${plural(s.hardware.count, 'GPU')} meets every target: they cannot all be met with this model, cluster and workload settings (batch, sequence length, precision).`,
    };
  }
  return {
    ...base,
    outcome: 'found',
    strategy: best.strategy,
    plan: planText(best.strategy, moe),
    targets: rowTargets(best, s.targets),
    text: `${meeting.toLocaleString('en-US')} of the ${search.enumerated.toLocaleString('en-US')} strategies the rules allow on ${plural(s.hardware.count, 'GPU')} meet every target; the one with the highest throughput:`,
  };
}

/** Every step of the walk, in order: the plan, each claim as the document lists them, a strategy that meets the targets. */
export function walkSteps(e: Evaluation, search: WalkSearch): WalkStep[] {
  const claims = e.claimsAudit;
  return [introStep(e), ...claims.map((c, i) => claimStep(c, e, i, claims.length)), strategyStep(e, search)];
}
