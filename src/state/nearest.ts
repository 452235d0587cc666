/**
 * After the evaluator failed on a scenario with nothing on screen (issue 10),
 * the page offers the nearest scenario that runs: the same document with the
 * fewest sections put back to their defaults. The sections go back in the
 * order a user changes them least to most (strategy first, then the workload,
 * then the cluster), so what is kept is as much of the user's scenario as
 * possible. Each candidate is tried in turn: if it fails too, the next one is
 * offered; the last is the default scenario, which always runs.
 */
import type { ScenarioDoc } from './permalink';

export interface NearerScenario {
  doc: ScenarioDoc;
  /** What was put back to its default, in the user's words. */
  reset: string;
}

const STEPS: { drop: string[]; reset: string }[] = [
  { drop: ['parallel'], reset: 'the parallel strategy' },
  { drop: ['parallel', 'workload'], reset: 'the parallel strategy and the workload' },
  {
    drop: ['parallel', 'workload', 'hardware'],
    reset: 'the strategy, the workload and the cluster (the model is kept)',
  },
];

function without(doc: ScenarioDoc, keys: string[]): ScenarioDoc {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!keys.includes(k)) out[k] = v;
  return out as ScenarioDoc;
}

/** The scenarios to offer after `doc` failed, nearest first, each different from `doc` and from the ones before it; the default scenario last. */
export function nearerScenarios(doc: ScenarioDoc): NearerScenario[] {
  const out: NearerScenario[] = [];
  const seen = new Set([JSON.stringify(doc)]);
  for (const step of STEPS) {
    const candidate = without(doc, step.drop);
    const key = JSON.stringify(candidate);
    if (seen.has(key) || Object.keys(candidate).length === 0) continue;
    seen.add(key);
    out.push({ doc: candidate, reset: step.reset });
  }
  if (!seen.has('{}')) out.push({ doc: {}, reset: 'everything (the default scenario)' });
  return out;
}
