/**
 * Fields the schema accepts but a scenario's mode does not use: one table,
 * one rule per field and case, so a value that changes nothing is named in
 * the assumptions instead of being silently ignored ("workload.fp8Attention
 * is ignored: the run is bf16"). A rule must be exact: the property test
 * (ignoredFields.property.test.ts) checks that a field a rule names leaves
 * every number unchanged, and that a field no rule names changes some.
 */
import { gpuPreset } from '../catalog/gpus';
import { expertDataParallelSize } from '../physics/groupSizes';
import { fieldByPath } from '../scenario/schema';
import type { Scenario } from '../scenario/types';

export interface IgnoredFieldRule {
  /** The field's dotted path. */
  field: string;
  /** True when the scenario makes no use of the field. */
  appliesWhen(s: Scenario): boolean;
  /** Why, after "is ignored: ". */
  whyIgnored(s: Scenario): string;
}

const training = (s: Scenario) => s.workload.mode === 'training';
const inference = (s: Scenario) => s.workload.mode === 'inference';
const dense = (s: Scenario) => s.model.moe === null;
/** No parameter has a second copy to reduce gradients with or shard over: DP 1, and the experts' data-parallel group 1 too. */
const oneReplica = (s: Scenario) => s.parallel.dp === 1 && (dense(s) || expertDataParallelSize(s.parallel) === 1);
const rule = (
  field: string,
  appliesWhen: (s: Scenario) => boolean,
  whyIgnored: string | ((s: Scenario) => string),
): IgnoredFieldRule => ({
  field,
  appliesWhen,
  whyIgnored: typeof whyIgnored === 'string' ? () => whyIgnored : whyIgnored,
});

const TRAINING_ONLY = 'inference runs no backward pass and keeps no gradients or optimizer state';
const SERVING_ONLY = 'training keeps 16-bit weights and no KV cache';
const NO_EXPERTS = 'the model is dense (model.moe is null)';

/** Every rule; a field may have several (each a different reason). */
export const IGNORED_FIELD_RULES: readonly IgnoredFieldRule[] = [
  rule('workload.decodeTokens', training, 'training generates no tokens'),
  rule('workload.optimizer', inference, TRAINING_ONLY),
  rule('workload.zeroStage', inference, TRAINING_ONLY),
  rule('workload.fp32MainGrads', inference, TRAINING_ONLY),
  rule('workload.recompute', inference, TRAINING_ONLY),
  rule('parallel.overlap.dpGrad', inference, TRAINING_ONLY),
  rule(
    'workload.fp8Attention',
    (s) => s.workload.precision !== 'fp8',
    (s) => `the run is ${s.workload.precision}`,
  ),
  rule(
    'workload.fp8Attention',
    (s) => s.workload.precision === 'fp8' && gpuPreset(s.hardware.gpu)?.peakTflops.fp8 === undefined,
    (s) => `the ${s.hardware.gpu} GPU has no FP8 tensor cores, so attention runs as fast in 16-bit`,
  ),
  rule(
    'workload.fp8ActivationCache',
    (s) => s.workload.precision !== 'fp8',
    (s) => `the run is ${s.workload.precision}`,
  ),
  rule(
    'workload.fp8ActivationCache',
    (s) => s.workload.precision === 'fp8' && inference(s),
    'inference keeps no activations for a backward pass',
  ),
  rule(
    'model.mtpDepth',
    (s) => inference(s) && (s.model.mtpDepth ?? 0) > 0,
    'serving drops the multi-token-prediction modules',
  ),
  rule('workload.dropout', inference, TRAINING_ONLY),
  rule('workload.recomputeNormsAndUpProjections', inference, TRAINING_ONLY),
  rule('workload.routingWeightInExpert', inference, TRAINING_ONLY),
  rule('workload.routingWeightInExpert', (s) => training(s) && dense(s), NO_EXPERTS),
  rule('workload.bf16OptimizerMoments', inference, TRAINING_ONLY),
  rule('workload.weightPrecision', training, SERVING_ONLY),
  rule('workload.expertWeightPrecision', training, SERVING_ONLY),
  rule('workload.expertWeightPrecision', (s) => inference(s) && dense(s), NO_EXPERTS),
  rule('workload.kvCachePrecision', training, SERVING_ONLY),
  rule('workload.denseExperts', dense, NO_EXPERTS),
  rule('parallel.capacityFactor', dense, NO_EXPERTS),
  rule('parallel.routing.distribution', dense, NO_EXPERTS),
  rule('parallel.routing.skew', dense, NO_EXPERTS),
  rule('parallel.routing.seed', dense, NO_EXPERTS),
  rule(
    'parallel.routing.skew',
    (s) => !dense(s) && s.parallel.routing.distribution === 'uniform',
    'parallel.routing.distribution is uniform',
  ),
  rule('parallel.epFp8Dispatch', dense, NO_EXPERTS),
  rule('parallel.epNodeDedup', dense, NO_EXPERTS),
  rule('parallel.overlap.epComm', dense, NO_EXPERTS),
  rule('parallel.epFp8Dispatch', (s) => !dense(s) && s.parallel.ep === 1, 'EP is 1: the experts need no all-to-all'),
  rule('parallel.epNodeDedup', (s) => !dense(s) && s.parallel.ep === 1, 'EP is 1: the experts need no all-to-all'),
  rule('parallel.overlap.epComm', (s) => !dense(s) && s.parallel.ep === 1, 'EP is 1: the experts need no all-to-all'),
  rule(
    'parallel.overlap.epComm',
    (s) => !dense(s) && s.parallel.ep > 1 && training(s) && s.workload.microBatches === 1,
    'training with one micro-batch has no other micro-batch to hide the all-to-all behind',
  ),
  rule(
    'parallel.overlap.dpGrad',
    (s) => training(s) && oneReplica(s),
    'every parameter has one copy (DP 1, expert DP 1): there is no gradient reduction',
  ),
  rule(
    'workload.zeroStage',
    (s) => training(s) && oneReplica(s),
    'every parameter has one copy (DP 1, expert DP 1): there is nothing to shard',
  ),
  rule(
    'workload.sequenceParallel',
    (s) => s.parallel.tp === 1,
    'TP is 1: there is nothing to split over tensor-parallel GPUs',
  ),
  rule('parallel.overlap.tpComm', (s) => s.parallel.tp === 1, 'TP is 1: there is no tensor-parallel communication'),
];

/** The rules that apply to `s`, for every field. */
export function ignoredFields(s: Scenario): { field: string; why: string }[] {
  return IGNORED_FIELD_RULES.filter((r) => r.appliesWhen(s)).map((r) => ({ field: r.field, why: r.whyIgnored(s) }));
}

function valueAt(s: Scenario, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s);
}

/**
 * An assumption line for each ignored field set to other than its default
 * (a default that does nothing is not worth a line on every evaluation):
 * "workload.fp8Attention is ignored: the run is bf16".
 */
export function ignoredFieldAssumptions(s: Scenario): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { field, why } of ignoredFields(s)) {
    if (seen.has(field) || valueAt(s, field) === fieldByPath(field)?.default) continue;
    seen.add(field);
    out.push(`${field} is ignored: ${why}.`);
  }
  return out;
}
