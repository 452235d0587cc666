/**
 * Words for the claims audit: what each computed figure counts, how far a
 * stated figure is from it (in points for percentages, as a ratio for large
 * gaps), and which cost of this scenario explains the gap. Pure: it reads
 * the evaluation's parts, computes nothing new.
 */
import type { MemoryBreakdown, TimeSummary } from '../evaluation';
import { formatRatio, formatSeconds, grouped, sig3 } from '../format/number';

/** What the audit needs to know about the evaluated scenario. */
export interface ClaimContext {
  mode: 'training' | 'prefill' | 'decode';
  sequences: number;
  tokensPerStep: number;
  stages: number;
  microBatches: number;
  time: TimeSummary;
  /** Peak memory of the busiest GPU, by part, bytes. */
  memory: MemoryBreakdown;
  peakStage: number;
  routingSkew: number;
  capacityFactor: number | null;
  /** Parameters of the expert layers (all experts). */
  expertParams: number;
}

const PERCENT_CLAIMS = new Set(['commOverheadPct', 'loadBalancePct', 'gpuUtilizationPct', 'bubblePct']);

/** What the explorer's figure for `claim` counts, in one sentence. */
export function whatItCounts(claim: string, c: ClaimContext): string {
  const pass =
    c.mode === 'training'
      ? 'one training step (forward, backward and optimizer)'
      : c.mode === 'decode'
        ? 'one decode step'
        : 'one prefill pass';
  switch (claim) {
    case 'latencyMs':
      return `The computed latency is ${pass} of the whole batch of ${sig3(c.sequences)} sequences through all ${c.stages} pipeline stages, bubble and exposed communication included.`;
    case 'throughputTokensPerSec':
      return `The computed throughput is the ${grouped(c.tokensPerStep)} ${c.mode === 'decode' ? 'generated' : 'processed'} tokens of ${pass} divided by its time.`;
    case 'commOverheadPct':
      return 'The computed overhead is communication the GPUs wait for (not hidden behind compute) divided by compute time.';
    case 'loadBalancePct':
      return "The computed load balance is the mean expert load per GPU divided by the busiest GPU's load.";
    case 'gpuUtilizationPct':
      return 'The computed utilization is the share of the step the GPUs spend computing, averaged over all GPUs.';
    case 'memoryPerGpuGB':
      return `The computed memory is the peak of the busiest GPU (pipeline stage ${c.peakStage}): weights, gradients, optimizer state, activations, KV cache and buffers.`;
    case 'bubblePct':
      return `The computed bubble is the simulated idle share of the pipeline run (${c.stages} stages, ${c.microBatches} micro-batches).`;
    case 'totalParams':
      return 'The computed count is every parameter of the layer sizes given, embeddings included.';
    default:
      return '';
  }
}

/** Largest ratio or percentage said as a number; beyond it the gap is "more than" this (a 1e-320 claim made "Infinity× lower"). */
const MAX_STATED_RATIO = 1e6;

/** How far `stated` is from `computed`: points for percentages, "N× lower" for large ratios; always finite words. */
export function describeGap(claim: string, stated: number, computed: number): string {
  if (PERCENT_CLAIMS.has(claim)) {
    const d = stated - computed;
    return `${sig3(Math.abs(d))} percentage point${Math.abs(d) === 1 ? '' : 's'} ${d > 0 ? 'higher' : 'lower'}`;
  }
  const hi = Math.max(Math.abs(stated), Math.abs(computed));
  const lo = Math.min(Math.abs(stated), Math.abs(computed));
  const dir = stated > computed ? 'higher' : 'lower';
  const beyond = `more than ${sig3(MAX_STATED_RATIO)}× ${dir}`;
  if (lo > 0 && hi / lo >= 2) return hi / lo < MAX_STATED_RATIO ? `${formatRatio(hi / lo)} ${dir}` : beyond;
  const pct = (Math.abs(stated - computed) / Math.max(Math.abs(computed), 1e-12)) * 100;
  return pct < MAX_STATED_RATIO ? `${sig3(pct)}% ${dir}` : beyond;
}

/** The parts of the step that are not compute, largest first, with their share of the step. */
export function overheads(t: TimeSummary): { name: string; seconds: number; share: number }[] {
  const parts = [
    { name: 'the pipeline bubble (GPUs waiting for other stages)', seconds: t.bubbleSeconds },
    { name: 'exposed expert-parallel (EP) all-to-all communication', seconds: t.exposedCommSeconds.ep },
    { name: 'exposed tensor-parallel (TP) communication', seconds: t.exposedCommSeconds.tp },
    { name: 'exposed pipeline transfers between stages', seconds: t.exposedCommSeconds.pp },
    { name: 'exposed data-parallel gradient sync', seconds: t.exposedCommSeconds.dp },
    { name: 'the optimizer step', seconds: t.optimizerSeconds },
  ];
  return parts
    .filter((p) => p.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds)
    .map((p) => ({ ...p, share: t.stepSeconds > 0 ? p.seconds / t.stepSeconds : 0 }));
}

/** Seconds in s, ms or µs, as the page writes them. */
const ms = formatSeconds;

function biggestOverhead(c: ClaimContext): string | null {
  const top = overheads(c.time)[0];
  return top ? `${top.name}: ${ms(top.seconds)}, ${sig3(top.share * 100)}% of the step` : null;
}

/**
 * The cost of this scenario that explains why `stated` differs from
 * `computed`, or null when no single cost does (the claim is consistent, or
 * the gap is in a figure with no cost behind it).
 */
export function costBehindGap(claim: string, stated: number, computed: number, c: ClaimContext): string | null {
  const optimistic =
    claim === 'latencyMs' || claim === 'commOverheadPct' || claim === 'memoryPerGpuGB' || claim === 'bubblePct'
      ? stated < computed
      : stated > computed;
  const compute = c.time.computeSeconds;
  switch (claim) {
    case 'latencyMs':
    case 'throughputTokensPerSec':
    case 'gpuUtilizationPct': {
      if (!optimistic)
        return claim === 'throughputTokensPerSec'
          ? 'The stated figure is lower than the model allows: it may count fewer tokens (for example generated tokens only, or one sequence).'
          : null;
      const top = biggestOverhead(c);
      if (claim === 'latencyMs' && compute >= stated / 1e3)
        return `Compute alone takes ${ms(compute)}, more than the stated ${ms(stated / 1e3)}.`;
      return top
        ? `The largest cost besides compute is ${top}.`
        : `Compute alone takes ${ms(compute)} of the ${ms(c.time.stepSeconds)} step.`;
    }
    case 'commOverheadPct': {
      if (!optimistic) return null;
      const comm = overheads(c.time).filter((p) => p.name.startsWith('exposed'));
      return comm[0]
        ? `The largest exposed communication is ${comm[0].name}: ${ms(comm[0].seconds)} against ${ms(compute)} of compute.`
        : null;
    }
    case 'bubblePct':
      return optimistic
        ? `With ${c.stages} stages and ${c.microBatches} micro-batches the pipeline fills and drains for ${ms(c.time.bubbleSeconds)}.`
        : null;
    case 'loadBalancePct':
      if (!optimistic) return null;
      return c.routingSkew > 0
        ? `The routing skew of ${sig3(c.routingSkew)} sends more tokens to some experts.`
        : c.capacityFactor !== null
          ? `Experts are filled up to the capacity factor ${sig3(c.capacityFactor)}; the busiest GPU holds the most tokens.`
          : null;
    case 'memoryPerGpuGB': {
      if (!optimistic) return null;
      const parts = Object.entries(c.memory).sort((a, b) => b[1] - a[1]);
      const [name, bytes] = parts[0] ?? ['', 0];
      return name ? `The largest part is ${memoryLabel(name)}: ${sig3(bytes / 2 ** 30)} GB.` : null;
    }
    case 'totalParams':
      return c.expertParams > 0
        ? `The experts hold ${sig3(c.expertParams / 1e9)}B of the computed parameters; a stated size that differs counts other layer sizes.`
        : null;
    default:
      return null;
  }
}

const MEMORY_LABELS: Record<string, string> = {
  weights: 'the weights',
  gradients: 'the gradients',
  optimizer: 'the optimizer state',
  activations: 'the activations',
  kvCache: 'the KV cache',
  buffers: 'the communication buffers',
};

function memoryLabel(part: string): string {
  return MEMORY_LABELS[part] ?? part;
}
