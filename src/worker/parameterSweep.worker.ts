/**
 * The metric-vs-parameter sweep in its own worker: a dozen evaluations run
 * here, so they never hold up the page's evaluator (a slider stays quick).
 */
import * as Comlink from 'comlink';
import { parameterSweep } from '../core';
import type { ParameterSweepApi } from './parameterSweepProtocol';

const api: ParameterSweepApi = {
  sweep: (scenario, parameter) => parameterSweep(scenario, parameter),
};

Comlink.expose(api);
