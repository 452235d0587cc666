/**
 * Prints predicted against measured TFLOP/s per GPU for every row of
 * ../shared/fixtures/measured-training.json:  npx tsx scripts/calibrate.ts
 */
import { readFileSync } from 'node:fs';
import { compareRow, formatComparison } from '../src/calibration/compare';
import { fixturePath } from '../src/calibration/fixtures';

const rows = JSON.parse(readFileSync(fixturePath('measured-training.json'), 'utf8')).rows;
console.log(formatComparison(rows.map(compareRow)));
