/**
 * The physical bounds every evaluation keeps (issue 10), as a list of what
 * broke (empty when all hold): used by the property tests and the bench.
 */
import type { Evaluation } from '../src/core';

function nonFinitePaths(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (x && typeof x === 'object')
    return Object.entries(x).flatMap(([k, v]) => nonFinitePaths(v, path ? `${path}.${k}` : k));
  return [];
}

const tol = (x: number) => x * (1 + 1e-9) + 1e-15;

export function physicalBounds(e: Evaluation): string[] {
  const out: string[] = [];
  const bad = nonFinitePaths({ ...e, scenario: undefined });
  if (bad.length) out.push(`non-finite: ${bad.slice(0, 5).join(', ')}`);
  // MFU against the peak the GPU has at the precision it runs (the scenario's peakTflops).
  if (!(e.mfu <= 1 + 1e-9)) out.push(`MFU ${e.mfu}`);
  if (!(e.mfu >= 0)) out.push(`negative MFU ${e.mfu}`);
  if (e.gpuUtilizationPct > 100 + 1e-9) out.push(`utilization ${e.gpuUtilizationPct}`);
  if (e.tokenDropPct < 0 || e.tokenDropPct > 100 + 1e-9) out.push(`token drop ${e.tokenDropPct}`);
  const makespan = e.pipeline.makespanSeconds;
  const late = e.timeline.filter((b) => b.end > tol(makespan)).length;
  if (late) out.push(`${late} blocks end after the makespan ${makespan}`);
  const t = e.time;
  const parts =
    t.computeSeconds +
    t.exposedCommSeconds.tp +
    t.exposedCommSeconds.ep +
    t.exposedCommSeconds.pp +
    t.exposedCommSeconds.dp +
    t.bubbleSeconds +
    t.optimizerSeconds;
  if (parts > tol(t.stepSeconds)) out.push(`time parts ${parts} > step ${t.stepSeconds}`);
  const b = e.memory.breakdown;
  const mem = b.weights + b.gradients + b.optimizer + b.activations + b.kvCache + b.buffers;
  if (Math.abs(mem - e.memory.peakBytes) > 1e-6 * e.memory.peakBytes + 1)
    out.push(`memory parts ${mem} ≠ peak ${e.memory.peakBytes}`);
  if (e.params.active > tol(e.params.total)) out.push('active > total params');
  return out;
}
