/**
 * The seed scenario: what `{}` means (scenario-format.md, "The seed scenario").
 * It is the "after" strategy of the seed document "Optimized Parallel Strategy
 * for 30B MoE Model", run as inference prefill. It is not written out here:
 * it is what the parser makes of `{}` from the schema rows' defaults, the seed
 * model preset (`seed-moe`) and the seed GPU preset (`seed-gpu`), so each
 * figure has one home. Where the document is silent (vocabulary,
 * interconnect, sequence length, runtime reserve) the value is an assumption
 * that the parser lists.
 */
import { GivenValues } from './read-input';
import { resolveScenario } from './resolve';
import type { Scenario } from './types';
import { deepFreeze } from '../freeze/deepFreeze';

/** Freeze all the way down, so a consumer that edits the defaults in place fails loudly instead of changing every later parse. */

export const DEFAULT_SCENARIO: Scenario = deepFreeze(
  resolveScenario(new GivenValues(), { errors: [], assumptions: [] }),
);
