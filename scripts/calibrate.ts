/**
 * Prints every published row (training and serving) predicted against
 * measured, and the error per class:  npx tsx scripts/calibrate.ts
 */
import { compareRow, formatComparison } from '../src/calibration/compare';
import { allCalibrationRows } from '../src/calibration/allRows';

console.log(formatComparison(allCalibrationRows().map(compareRow)));
