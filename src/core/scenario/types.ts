/**
 * The scenario: one JSON document that the core, worker, CLI, permalinks and
 * presets all speak (../shared/spec/scenario-format.md, version 1).
 *
 * These are the *normalized* types: every field present, defaults applied,
 * presets resolved. `parseScenario` turns any `unknown` into one of these or
 * into a list of field errors. They are inferred from the schema's rows
 * (schema.ts), so a field is declared once; see the rows for each field's
 * meaning, range and unit.
 */
import type { ScenarioShape } from './schema';
import type { ScheduleId } from '../pipeline/registry';

export type {
  Mode,
  Optimizer,
  Phase,
  Precision,
  Recompute,
  RoutingDistribution,
  StoragePrecision,
} from '../fields/rows';
export type { MlaSpec, MoeSpec } from '../fields/model-rows';
/** A pipeline schedule id; the list lives in core/pipeline/registry.ts. */
export type Schedule = ScheduleId;
/** Innermost dimension first: "tp-ep-dp-pp" puts TP neighbours on adjacent ranks. */
export type RankOrder = string;

export type Scenario = ScenarioShape;
export type ModelSpec = Scenario['model'];
export type HardwareSpec = Scenario['hardware'];
export type WorkloadSpec = Scenario['workload'];
export type ParallelSpec = Scenario['parallel'];
export type RoutingSpec = ParallelSpec['routing'];
export type OverlapSpec = ParallelSpec['overlap'];
export type Claims = NonNullable<Scenario['claims']>;
export type Targets = Scenario['targets'];

/** A field that could not be accepted: path, the value given, what is allowed. */
export interface FieldError {
  path: string;
  value: unknown;
  allowed: string;
  message: string;
}
