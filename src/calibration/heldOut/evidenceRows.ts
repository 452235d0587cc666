/**
 * Runs kept apart (issue 14): the published runs in src/calibration/evidence/
 * (newer Megatron-Bridge releases, TorchTitan, MLPerf Training), as
 * calibration rows that nothing is ever fitted on. scripts/calibrate.ts
 * prints them beside Korthikanti's Table 5, so that the error out of sample
 * is measured on runs the constants never saw.
 */
import type { Evaluation } from '../../core';
import {
  EVIDENCE_SERVING_ROWS,
  EVIDENCE_TRAINING_ROWS,
  evidenceScenario,
  inexpressibleReason,
} from '../evidence/evidence';
import { servingRunRows, type ServingRunRow } from '../servingRows';
import type { CalibrationRow } from '../rows';
import { trainingClasses } from '../trainingRows';

/** Every expressible evidence training row; the others are listed with why by `skippedEvidenceRows`. */
export function evidenceTrainingRows(): CalibrationRow[] {
  return EVIDENCE_TRAINING_ROWS.filter((row) => inexpressibleReason(row) === null).map((row) => ({
    id: row.id,
    classes: trainingClasses(!!row.model.moe, row.model.moe ? row.class : null, row.precision, row.gpu),
    source: row.source,
    scenario: evidenceScenario(row),
    measured: row.measured.stepSeconds,
    unit: 's/step',
    kind: 'time' as const,
    predict: (e: Evaluation) => e.time.stepSeconds,
    ...(row.note ? { settings: row.note } : {}),
  }));
}

export function skippedEvidenceRows(): { id: string; why: string }[] {
  return [
    ...EVIDENCE_TRAINING_ROWS.flatMap((row) => {
      const why = inexpressibleReason(row);
      return why ? [{ id: row.id, why }] : [];
    }),
    ...EVIDENCE_SERVING_ROWS.filter((r) => r.kind === 'offline_tput' || r.inputLen === null).map((r) => ({
      id: r.id,
      why: 'an offline run under continuous batching with no stated prompt length: not a static-batch, prefill or decode figure',
    })),
  ];
}

/** The evidence serving rows the serving kinds can evaluate (an offline run under continuous batching, or a row without its prompt length, cannot yet). */
export function evidenceServingRows(): CalibrationRow[] {
  const usable = EVIDENCE_SERVING_ROWS.filter((r) => r.kind !== 'offline_tput' && r.inputLen !== null);
  return servingRunRows(usable as unknown as ServingRunRow[]);
}
