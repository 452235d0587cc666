/**
 * Targets belong to a scenario (issue 9, item 8). The seed document's six
 * targets are the defaults, so `{}` and every old link without a `targets`
 * field still get them; a scenario about another model starts with none, so
 * a Qwen3 training run is not judged against the seed's 50 ms latency.
 */
import { DEFAULT_SCENARIO } from '../core/scenario/defaults';
import type { Targets } from '../core/scenario/types';
import { TARGET_IDS } from '../core/metrics/targets';

/** The seed document's targets (scenario-format.md, "The seed scenario"). */
export const SEED_TARGETS: Readonly<Targets> = DEFAULT_SCENARIO.targets;

/** Every target switched off (one null per entry of the target registry). */
export const NO_TARGETS: Readonly<Targets> = Object.freeze(
  Object.fromEntries(TARGET_IDS.map((t) => [t, null])) as Record<keyof Targets, null>,
);

/**
 * `doc` about to describe a new model: when its targets are still the
 * implicit seed ones (no `targets` field), they go; targets the user or a
 * preset set stay.
 */
export function withNewModelTargets<D extends Record<string, unknown>>(doc: D): D {
  return 'targets' in doc ? doc : { ...doc, targets: { ...NO_TARGETS } };
}

/** Whether any target is set. */
export function hasTargets(t: Targets): boolean {
  return Object.values(t).some((v) => v !== null);
}
