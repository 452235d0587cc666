/**
 * Second parsing pass: turn the given values into a full Scenario. Model
 * fields come from resolve-model.ts; hardware fields not given come from the
 * GPU preset; everything else from the schema rows' defaults. Every value the
 * source does not give but the math needs is named in `assumptions`.
 */
import { FALLBACK_INTERCONNECT, gpuPreset, type GpuPreset } from '../catalog/gpus';
import type { GivenValues } from './read-input';
import { resolveModel, type Notes } from './resolve-model';
import type { Claims, HardwareSpec, ParallelSpec, Precision, Scenario, Targets, WorkloadSpec } from './types';
import { describeAllowed } from './field-check';
import { frameworkModeError } from './resolve-framework';
import { FIELDS, fieldByPath, rowDefaults, SCENARIO_VERSION } from './schema';

export function resolveScenario(given: GivenValues, notes: Notes): Scenario {
  const model = resolveModel(given, notes);
  const workload = resolveWorkload(given, notes);
  return {
    version: SCENARIO_VERSION,
    model,
    hardware: resolveHardware(given, workload.precision, notes),
    workload,
    parallel: fill(given, 'parallel', rowDefaults('parallel')) as ParallelSpec,
    claims: resolveClaims(given),
    targets: fill(given, 'targets', rowDefaults('targets')) as Targets,
  };
}

/**
 * The default object with every given leaf under `path` put in, as a fresh
 * copy. The schema has checked each leaf's type, which is what makes the
 * cast at the call safe.
 */
function fill(given: GivenValues, path: string, dflt: unknown): unknown {
  if (typeof dflt === 'object' && dflt !== null) {
    return Object.fromEntries(Object.entries(dflt).map(([k, v]) => [k, fill(given, `${path}.${k}`, v)]));
  }
  return given.has(path) ? given.get(path) : dflt;
}

function resolveWorkload(given: GivenValues, notes: Notes): WorkloadSpec {
  const { seqLenRange: dfltRange, ...rest } = rowDefaults('workload');
  const w = fill(given, 'workload', rest) as Omit<WorkloadSpec, 'seqLenRange'>;
  const allowedFrameworks = frameworkModeError(w.framework, w.mode);
  if (allowedFrameworks !== null) {
    const path = 'workload.framework';
    notes.errors.push({
      path,
      value: w.framework,
      allowed: `for ${w.mode}: ${allowedFrameworks}`,
      message: `${path}: ${w.framework} does not run ${w.mode} (allowed for ${w.mode}: ${allowedFrameworks})`,
    });
  }
  if (!given.has('workload.seqLen')) {
    notes.assumptions.push(`sequence length not given by the source: ${w.seqLen} tokens assumed`);
  }
  return { ...w, seqLenRange: resolveRange(given, dfltRange as WorkloadSpec['seqLenRange'], notes) };
}

/** A range given by one end only keeps the default other end, moved if it would cross the given one. */
function resolveRange(
  given: GivenValues,
  dflt: WorkloadSpec['seqLenRange'],
  notes: Notes,
): WorkloadSpec['seqLenRange'] {
  const state = given.objects.get('workload.seqLenRange');
  if (state === 'null') return null;
  const d = dflt ?? (rowDefaults('workload.seqLenRange') as { min: number; max: number });
  if (state === undefined) return { ...d };
  const min = given.get<number>('workload.seqLenRange.min');
  const max = given.get<number>('workload.seqLenRange.max');
  if (min !== undefined && max !== undefined && min > max) {
    const path = 'workload.seqLenRange.min';
    notes.errors.push({
      path,
      value: min,
      allowed: `${describeAllowed(fieldByPath(path)!)}, at most workload.seqLenRange.max`,
      message: `${path}: ${min} is greater than workload.seqLenRange.max ${max}; the range must run from the shorter length to the longer`,
    });
  }
  return {
    min: min ?? Math.min(d.min, max ?? d.min),
    max: max ?? Math.max(d.max, min ?? d.max),
  };
}

function resolveHardware(given: GivenValues, precision: Precision, notes: Notes): HardwareSpec {
  const h = fill(given, 'hardware', rowDefaults('hardware')) as HardwareSpec;
  const gpuId = h.gpu;
  const gpu = gpuPreset(gpuId)!; // the schema only accepts preset ids
  const take = <K extends keyof HardwareSpec>(k: K, fromPreset: HardwareSpec[K]): HardwareSpec[K] =>
    given.has(`hardware.${k}`) ? h[k] : fromPreset;
  const out: HardwareSpec = {
    ...h,
    gpu: gpuId,
    peakTflops: take('peakTflops', presetPeak(gpu, precision, notes, given.has('hardware.peakTflops'))),
    computeEfficiency: take('computeEfficiency', gpu.computeEfficiency),
    memoryGB: take('memoryGB', gpu.memoryGB),
    memoryBandwidthTBps: take('memoryBandwidthTBps', gpu.memoryBandwidthTBps),
    memoryBandwidthEfficiency: take('memoryBandwidthEfficiency', gpu.memoryBandwidthEfficiency),
    intraNodeGBps: take('intraNodeGBps', presetLink(gpu, 'intraNodeGBps', 'intra-node bandwidth', notes, given)),
    interNodeGBps: take('interNodeGBps', presetLink(gpu, 'interNodeGBps', 'inter-node bandwidth', notes, given)),
  };
  if (!given.has('hardware.linkLatencyUs')) {
    notes.assumptions.push(`link latency not given by the source: ${out.linkLatencyUs} µs per collective step assumed`);
  }
  if (!given.has('hardware.runtimeReserveGB')) {
    notes.assumptions.push(
      `runtime reserve not given by the source: ${out.runtimeReserveGB} GB per GPU assumed for the CUDA context, NCCL buffers and allocator slack`,
    );
  }
  return out;
}

/** Peak at the workload precision; a GPU without tensor cores for it (fp8 on A100) runs at its 16-bit peak. */
function presetPeak(gpu: GpuPreset, precision: Precision, notes: Notes, overridden: boolean): number {
  const peak = gpu.peakTflops[precision];
  if (peak !== undefined) return peak;
  const fallback = gpu.peakTflops.fp16 ?? gpu.peakTflops.bf16 ?? 0;
  if (!overridden) {
    notes.assumptions.push(
      `${gpu.name} lists no ${precision} tensor throughput: its fp16 peak of ${fallback} TFLOP/s assumed, so ${precision} runs no faster than 16-bit`,
    );
  }
  return fallback;
}

function presetLink(
  gpu: GpuPreset,
  key: 'intraNodeGBps' | 'interNodeGBps',
  label: string,
  notes: Notes,
  given: GivenValues,
): number {
  const fromPreset = gpu[key];
  if (fromPreset !== null) return fromPreset;
  const assumed = gpu.assumedInterconnect?.[key] ?? FALLBACK_INTERCONNECT[key];
  if (!given.has(`hardware.${key}`)) {
    const why = gpu.assumedInterconnect?.why;
    notes.assumptions.push(
      `${label} not given by the source: ${assumed} GB/s per GPU per direction assumed${why ? ` (${why})` : ''}`,
    );
  }
  return assumed;
}

/** claims: null by default; given as an object, only the claims stated appear. */
function resolveClaims(given: GivenValues): Claims | null {
  // The claims row's default is null: no claims unless the document states some.
  if (given.objects.get('claims') !== 'object') return null;
  const claims: Claims = {
    source: given.get<string>('claims.source') ?? (fieldByPath('claims.source')!.default as string),
  };
  for (const f of FIELDS) {
    if (f.path.startsWith('claims.') && f.optional && given.has(f.path)) {
      (claims as unknown as Record<string, unknown>)[f.path.slice('claims.'.length)] = given.get(f.path);
    }
  }
  return claims;
}
