/**
 * Prints every published row (training and serving) predicted against
 * measured, the error per class in sample and out of sample (leave one model
 * family, or one source, out; src/calibration/outOfSample.ts), and the rows
 * whose per-row switches go beyond their source:  npx tsx scripts/calibrate.ts
 * With `--markdown`: the in-sample/out-of-sample table and the runs kept apart, by group, as README markdown.
 * With `--write-bands`: regenerates src/core/metrics/errorBandData.ts.
 * With `--detail [text]`: where each (matching) row's predicted step goes,
 * its block timings and its memory.
 */
import { writeFileSync } from 'node:fs';
import { evaluate } from '../src/core';
import { compareRow, formatComparison } from '../src/calibration/compare';
import { allCalibrationRows } from '../src/calibration/allRows';
import { formatOutOfSample, markdownOutOfSample, outOfSample } from '../src/calibration/outOfSample';
import { auditRowSettings, formatAudit } from '../src/calibration/rowSettingsAudit';
import { ERROR_BAND_FILE, errorBandFile, errorBandPath } from '../src/calibration/errorBands';
import {
  evidenceServingRows,
  evidenceTrainingRows,
  keptApartMarkdown,
  skippedEvidenceRows,
} from '../src/calibration/heldOut/evidenceRows';
import { formatKorthikantiCheck, korthikantiCheck } from '../src/calibration/heldOut/korthikanti';

const rows = allCalibrationRows();
const at = process.argv.indexOf('--detail');
if (process.argv.includes('--markdown')) {
  console.log(markdownOutOfSample(outOfSample(rows)));
  console.log(`\n${keptApartMarkdown([...evidenceTrainingRows(), ...evidenceServingRows()].map(compareRow))}`);
} else if (process.argv.includes('--write-bands')) {
  const r = outOfSample(rows);
  writeFileSync(errorBandPath(), await errorBandFile(r));
  console.log(formatOutOfSample(r));
  console.log(`\nwrote ${ERROR_BAND_FILE}`);
} else if (at < 0) {
  console.log(formatComparison(rows.map(compareRow)));
  console.log(`\n${formatOutOfSample(outOfSample(rows))}`);
  console.log(`\n${formatAudit(auditRowSettings())}`);
  const kept = [...evidenceTrainingRows(), ...evidenceServingRows()].map(compareRow);
  console.log('\nRuns kept apart (src/calibration/evidence: never fitted, never used to set a constant)');
  console.log(formatComparison(kept));
  for (const s of skippedEvidenceRows()) console.log(`  not evaluated: ${s.id}: ${s.why}`);
  console.log(`\n${formatKorthikantiCheck(korthikantiCheck())}`);
} else {
  const filter = process.argv[at + 1] ?? '';
  for (const row of [...rows, ...evidenceTrainingRows(), ...evidenceServingRows()].filter((r) =>
    r.id.includes(filter),
  )) {
    const e = evaluate(row.scenario);
    const t = e.time;
    const ms = (x: number) => (x * 1e3).toFixed(2);
    console.log(`\n== ${row.id}: measured ${row.measured} ${row.unit}, predicted ${row.predict(e).toPrecision(4)}`);
    if (row.settings) console.log(`settings: ${row.settings}`);
    console.log(
      `step ${t.stepSeconds.toFixed(3)} s: compute ${t.computeSeconds.toFixed(3)}, tp ${t.exposedCommSeconds.tp.toFixed(3)}, ep ${t.exposedCommSeconds.ep.toFixed(3)}, pp ${t.exposedCommSeconds.pp.toFixed(3)}, dp ${t.exposedCommSeconds.dp.toFixed(3)}, bubble ${t.bubbleSeconds.toFixed(3)}, optimizer ${t.optimizerSeconds.toFixed(3)}`,
    );
    console.log(
      `pipeline: m=${e.pipeline.microBatches} F=${e.pipeline.forwardSeconds.map(ms).join('/')} ms B=${e.pipeline.backwardSeconds.map(ms).join('/')} ms, fComm=${e.pipeline.forwardCommSeconds.map(ms).join('/')} bComm=${e.pipeline.backwardCommSeconds.map(ms).join('/')}`,
    );
    for (const b of e.blocks)
      console.log(
        `  ${b.name.padEnd(36)} ${ms(b.seconds).padStart(9)} ms  eff ${(b.efficiency * 100).toFixed(1).padStart(5)}%  ${b.bound}`,
      );
    const mem = e.memory.breakdown;
    const gb = (x: number) => (x / 2 ** 30).toFixed(1);
    console.log(
      `memory stage ${e.memory.peakStage}: ${gb(e.memory.peakBytes)} / ${gb(e.memory.capacityBytes)} GB: ${Object.entries(
        mem,
      )
        .map(([k, v]) => `${k} ${gb(v)}`)
        .join(', ')}; in flight ${e.memory.perStage[e.memory.peakStage].inFlightMicroBatches}`,
    );
    console.log(
      `compute parts: ${(e.time.computeParts ?? []).map((p) => `${p.part} ${p.seconds.toFixed(3)}`).join(', ')}`,
    );
    if (e.routing)
      console.log(
        `routing: load ${e.loadBalancePct.toFixed(1)}%, experts/GPU ${e.routing.expertsPerGpu}, tokens/micro-batch ${e.routing.tokensPerMicroBatch}`,
      );
  }
}
