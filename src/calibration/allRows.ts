/**
 * Every public row the calibration checks, read from ../shared/fixtures
 * with the test side's fixture reader (Node only: it reads files; the page
 * never imports calibration). Serving rows join through servingRows.ts.
 */
import { readFixture } from './fixtures';
import { measuredRows, type MeasuredRow } from './measuredRows';
import type { CalibrationRow } from './rows';
import { trainingRunRows, type TrainingRunRow } from './trainingRows';
import { servingRunRows, type ServingRunRow } from './servingRows';

export function allCalibrationRows(): CalibrationRow[] {
  const measured = readFixture<{ rows: MeasuredRow[]; sources: Record<string, string> }>('measured-training.json');
  const training = readFixture<{ rows: TrainingRunRow[] }>('framework-training-runs.json');
  const serving = readFixture<{ rows: ServingRunRow[] }>('framework-serving-runs.json');
  return [
    ...measuredRows(measured.rows, measured.sources),
    ...trainingRunRows(training.rows),
    ...servingRunRows(serving.rows),
  ];
}
