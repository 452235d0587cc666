/**
 * Prints predicted against measured TFLOP/s per GPU for every row of
 * ../shared/fixtures/measured-training.json:  npx tsx scripts/calibrate.ts
 */
import { compareRow, formatComparison } from '../src/calibration/compare';
import { readFixture } from '../test/sharedFixtures';

const rows = readFixture('measured-training.json').rows;
console.log(formatComparison(rows.map(compareRow)));
