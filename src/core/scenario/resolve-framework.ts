/**
 * The engine switches a scenario leaves null (workload.cudaGraphs,
 * parallel.epNodeDedup, parallel.epFp8Dispatch, parallel.overlap.tpComm,
 * parallel.overlap.epComm) take the framework's default here, in ONE place:
 * the evaluator, the search and the UI all read the effective values from
 * this module. An explicit true/false always wins. The scenario itself keeps
 * the nulls, so a document and its link still say "framework default".
 */
import { gpuPreset } from '../catalog/gpus';
import {
  frameworkOf,
  frameworksFor,
  type Framework,
  type FrameworkContext,
  type SwitchKey,
} from '../catalog/frameworks';
import type { Scenario, WorkloadSpec } from './types';

/** A scenario with every framework switch decided (no nulls). */
export type ResolvedScenario = Scenario & {
  workload: WorkloadSpec & { cudaGraphs: boolean };
  parallel: Scenario['parallel'] & {
    epNodeDedup: boolean;
    epFp8Dispatch: boolean;
    overlap: Scenario['parallel']['overlap'] & { tpComm: boolean; epComm: boolean };
  };
};

/** Each switch's field path and its words in the assumptions. */
export const FRAMEWORK_SWITCHES: readonly { key: SwitchKey; path: string; label: string }[] = [
  { key: 'cudaGraphs', path: 'workload.cudaGraphs', label: 'CUDA graphs' },
  { key: 'epNodeDedup', path: 'parallel.epNodeDedup', label: 'node-deduplicated expert dispatch (DeepEP/HybridEP)' },
  { key: 'epFp8Dispatch', path: 'parallel.epFp8Dispatch', label: 'FP8 expert dispatch' },
  { key: 'tpCommOverlap', path: 'parallel.overlap.tpComm', label: 'TP communication overlap' },
  { key: 'epCommOverlap', path: 'parallel.overlap.epComm', label: 'EP communication overlap' },
];

export interface FrameworkSwitches {
  framework: Framework;
  /** The effective value of every switch. */
  values: Record<SwitchKey, boolean>;
  /** Each switch that took the framework's default: which, the value and its source. */
  applied: { key: SwitchKey; path: string; label: string; value: boolean; source: string }[];
}

function given(s: Scenario, key: SwitchKey): boolean | null {
  const p = s.parallel;
  switch (key) {
    case 'cudaGraphs':
      return s.workload.cudaGraphs;
    case 'epNodeDedup':
      return p.epNodeDedup;
    case 'epFp8Dispatch':
      return p.epFp8Dispatch;
    case 'tpCommOverlap':
      return p.overlap.tpComm;
    case 'epCommOverlap':
      return p.overlap.epComm;
  }
}

/** What the framework's defaults read from the scenario. */
export function frameworkContext(s: Scenario): FrameworkContext {
  const w = s.workload;
  return {
    mode: w.mode,
    phase: w.phase,
    generation: gpuPreset(s.hardware.gpu)?.generation ?? 'seed',
    precision: w.precision,
    expertAllToAll: s.model.moe !== null && s.parallel.ep > 1,
    tpWithSequenceParallel: s.parallel.tp > 1 && w.sequenceParallel,
  };
}

/** The effective switches of a scenario and which of them came from the framework. */
export function frameworkSwitches(s: Scenario): FrameworkSwitches {
  const framework = frameworkOf(s.workload.framework, s.workload.mode);
  const defaults = framework.defaults(frameworkContext(s));
  const values = {} as Record<SwitchKey, boolean>;
  const applied: FrameworkSwitches['applied'] = [];
  for (const sw of FRAMEWORK_SWITCHES) {
    const explicit = given(s, sw.key);
    if (explicit !== null) {
      values[sw.key] = explicit;
      continue;
    }
    const d = defaults[sw.key];
    values[sw.key] = d?.value ?? false;
    if (d) applied.push({ ...sw, value: d.value, source: d.source });
  }
  return { framework, values, applied };
}

const RESOLVED = new WeakMap<Scenario, ResolvedScenario>();

/**
 * The scenario with every null switch replaced by the framework's default.
 * The same input object gives the same output object, so memos keyed by
 * identity keep working; nothing to replace gives the input itself.
 */
export function withFrameworkDefaults(s: Scenario): ResolvedScenario {
  const cached = RESOLVED.get(s);
  if (cached) return cached;
  const { values } = frameworkSwitches(s);
  const p = s.parallel;
  const same =
    s.workload.cudaGraphs === values.cudaGraphs &&
    p.epNodeDedup === values.epNodeDedup &&
    p.epFp8Dispatch === values.epFp8Dispatch &&
    p.overlap.tpComm === values.tpCommOverlap &&
    p.overlap.epComm === values.epCommOverlap;
  const out: ResolvedScenario = same
    ? (s as ResolvedScenario)
    : {
        ...s,
        workload: { ...s.workload, cudaGraphs: values.cudaGraphs },
        parallel: {
          ...p,
          epNodeDedup: values.epNodeDedup,
          epFp8Dispatch: values.epFp8Dispatch,
          overlap: { ...p.overlap, tpComm: values.tpCommOverlap, epComm: values.epCommOverlap },
        },
      };
  RESOLVED.set(s, out);
  return out;
}

/** "CUDA graphs: on — default of vLLM for decode (source)", one line per default applied. */
export function frameworkAssumptions(s: Scenario): string[] {
  const { framework, applied } = frameworkSwitches(s);
  const auto = s.workload.framework === 'auto' ? ` (framework auto: ${framework.label} for ${s.workload.mode})` : '';
  const what = s.workload.mode === 'training' ? 'training' : s.workload.phase;
  return applied.map(
    (a) =>
      `${a.label[0]!.toUpperCase()}${a.label.slice(1)}: ${a.value ? 'on' : 'off'} — default of ${framework.label} for ${what}${auto}. Source: ${a.source}. Set ${a.path} to override.`,
  );
}

/** The error for a framework that does not run this mode, or null. */
export function frameworkModeError(framework: string, mode: 'training' | 'inference'): string | null {
  const allowed = frameworksFor(mode);
  return allowed.includes(framework) ? null : allowed.join(', ');
}
