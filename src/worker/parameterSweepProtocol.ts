/** What the page and the parameter-sweep worker say to each other. */
import type { Scenario } from '../core';
import type { ParameterSweepResult, SweepParameterId } from '../core';

export interface ParameterSweepApi {
  sweep(scenario: Scenario, parameter: SweepParameterId): ParameterSweepResult;
}
