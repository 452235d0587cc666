/**
 * Asks the parameter-sweep worker for the scenario on screen swept over one
 * parameter. While a new sweep runs, the last one stays on screen (status
 * 'running'), so the chart never blinks empty.
 */
import { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../core';
import type { ParameterSweepResult, SweepParameterId } from '../../core/evaluate/parameterSweep';
import { createParameterSweepClient, createParameterSweepWorker, type ParameterSweepClient } from '../../worker/parameterSweepClient';

export interface ParameterSweepState {
  status: 'running' | 'done' | 'error';
  sweep: ParameterSweepResult | null;
  error: string | null;
}

export function useParameterSweep(scenario: Scenario, parameter: SweepParameterId): ParameterSweepState {
  const client = useRef<ParameterSweepClient | null>(null);
  const [state, setState] = useState<ParameterSweepState>({ status: 'running', sweep: null, error: null });
  useEffect(() => {
    client.current = createParameterSweepClient(createParameterSweepWorker);
    return () => {
      client.current?.dispose();
      client.current = null;
    };
  }, []);
  useEffect(() => {
    setState((s) => ({ ...s, status: 'running' }));
    client.current?.request(scenario, parameter, (a) =>
      setState(a.ok ? { status: 'done', sweep: a.sweep, error: null } : { status: 'error', sweep: null, error: a.message }));
  }, [scenario, parameter]);
  return state;
}
