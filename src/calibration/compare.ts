/**
 * Predicted against measured throughput for the published rows: the check
 * that the physics (not per-row constants) explains real training runs.
 */
import { evaluate } from '../core';
import { flopConvention, scenarioOfRow, type MeasuredRow } from './measuredRows';

export interface RowComparison {
  id: string;
  gpu: string;
  convention: string;
  measuredTflops: number;
  predictedTflops: number;
  /** (predicted − measured) / measured. */
  error: number;
  feasible: boolean;
  mfu: number;
}

export function compareRow(row: MeasuredRow): RowComparison {
  const e = evaluate(scenarioOfRow(row));
  const convention = flopConvention(row);
  const flops = convention === 'hardware' ? e.flops.hardwarePerStep : convention === 'modelCausal' ? e.flops.modelPerStepCausal : e.flops.modelPerStep;
  const predictedTflops = flops / e.time.stepSeconds / row.gpus / 1e12;
  return {
    id: row.id,
    gpu: row.gpu,
    convention,
    measuredTflops: row.measured.tflopsPerGpu,
    predictedTflops,
    error: (predictedTflops - row.measured.tflopsPerGpu) / row.measured.tflopsPerGpu,
    feasible: e.feasible,
    mfu: e.mfu,
  };
}

export function formatComparison(rows: RowComparison[]): string {
  const lines = ['row                      gpu        flops        measured  predicted   error'];
  for (const r of rows) {
    lines.push(`${r.id.padEnd(24)} ${r.gpu.padEnd(10)} ${r.convention.padEnd(12)} ${r.measuredTflops.toFixed(0).padStart(8)} ${r.predictedTflops.toFixed(1).padStart(10)} ${(r.error * 100).toFixed(1).padStart(6)}%${r.feasible ? '' : '  (infeasible)'}`);
  }
  const mae = rows.reduce((a, r) => a + Math.abs(r.error), 0) / rows.length;
  const worst = Math.max(...rows.map((r) => Math.abs(r.error)));
  lines.push(`mean absolute error ${(mae * 100).toFixed(1)}%, worst ${(worst * 100).toFixed(1)}%`);
  return lines.join('\n');
}
