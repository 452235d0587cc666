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
import { stats, type RowComparison } from '../compare';
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

/** The groups the README's table of runs kept apart reports, each by its rows' ids and classes. */
export const KEPT_APART_GROUPS: readonly { name: string; has: (id: string, classes: readonly string[]) => boolean }[] =
  [
    { name: 'Megatron-Bridge, dense', has: (id, c) => id.startsWith('bridge') && c.includes('dense') },
    {
      name: 'Megatron-Bridge, MoE (gpt-oss excluded)',
      has: (id, c) => id.startsWith('bridge') && c.includes('moe') && !id.includes('gpt-oss'),
    },
    { name: 'Megatron-Bridge, gpt-oss-120b on H100', has: (id) => id.startsWith('bridge') && id.includes('gpt-oss') },
    { name: 'TorchTitan, Llama 3.1 8B', has: (id) => id.startsWith('titan') && id.includes('-8b-') },
    { name: 'TorchTitan, 70B and 405B', has: (id) => id.startsWith('titan') && !id.includes('-8b-') },
    { name: 'MLPerf Training GPT-3 175B', has: (id) => id.startsWith('mlperf') },
    { name: 'NIM (TensorRT-LLM) Llama 3.3 70B serving', has: (id) => id.startsWith('nim') },
    {
      name: 'training, all but TorchTitan 8B and gpt-oss',
      has: (id, c) =>
        c.includes('training') && !(id.startsWith('titan') && id.includes('-8b-')) && !id.includes('gpt-oss'),
    },
  ];

const signedPct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The runs kept apart by group, as README markdown rows (`npx tsx scripts/calibrate.ts --markdown`). */
export function keptApartMarkdown(rows: readonly RowComparison[]): string {
  const lines = ['| runs kept apart | rows | MAE | bias (+ = predicted fast) | worst |', '|---|---:|---:|---:|---|'];
  for (const g of KEPT_APART_GROUPS) {
    const group = rows.filter((r) => g.has(r.id, r.classes));
    if (group.length === 0) continue;
    const s = stats(g.name, group);
    const worst = group.reduce((w, r) => (Math.abs(r.error) > Math.abs(w.error) ? r : w));
    lines.push(
      `| ${g.name} | ${s.rows} | ${(s.mae * 100).toFixed(1)}% | ${signedPct(s.bias)} | \`${worst.id}\` ${signedPct(worst.error)} |`,
    );
  }
  return lines.join('\n');
}
