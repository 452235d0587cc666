/**
 * Asks the parameter-sweep worker for the scenario on screen swept over one
 * parameter. While a new sweep runs, the last one stays on screen (status
 * 'running'), so the chart never blinks empty.
 */
import { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../core';
import type { ParameterSweepResult, SweepParameterId } from '../../core';
import {
  createParameterSweepClient,
  createParameterSweepWorker,
  type ParameterSweepClient,
} from '../../worker/parameterSweepClient';

export interface ParameterSweepState {
  status: 'running' | 'done' | 'error';
  sweep: ParameterSweepResult | null;
  error: string | null;
}

/** How long the scenario must hold before it is swept. */
const SETTLE_MS = 150;

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
    // Asked once the scenario has held still for a moment: a slider drag or a
    // held key changes it every frame, and sweeping each step would take a
    // core from the page's own evaluator (this machine class has two).
    const t = setTimeout(
      () =>
        client.current?.request(scenario, parameter, (a) =>
          setState(
            a.ok ? { status: 'done', sweep: a.sweep, error: null } : { status: 'error', sweep: null, error: a.message },
          ),
        ),
      SETTLE_MS,
    );
    return () => clearTimeout(t);
  }, [scenario, parameter]);
  return state;
}
