/** Strategy search speed (issue 8): strategies per second and wall time, one core, Node. */
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../src/core';
import { runSearch, type Narrowing } from '../src/core/search';

export interface SearchTiming {
  enumerated: number;
  evaluated: number;
  seconds: number;
  perSecond: number;
}

export function timeSearch(input: unknown, narrowing: Narrowing): SearchTiming {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  const start = performance.now();
  const r = runSearch(p.scenario, { narrowing });
  const seconds = (performance.now() - start) / 1000;
  return { enumerated: r.enumerated, evaluated: r.evaluated, seconds, perSecond: r.enumerated / seconds };
}
