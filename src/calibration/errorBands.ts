/**
 * The committed error-band file (core/metrics/errorBandData.ts) as
 * `scripts/calibrate.ts --write-bands` writes it: the out-of-sample figures,
 * formatted by Prettier with the repository's settings so that the file is
 * byte-for-byte what the script writes. Node only.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { errorBandFileText, type OutOfSample } from './outOfSample';

/** The file, from the repository root. */
export const ERROR_BAND_FILE = 'src/core/metrics/errorBandData.ts';

/** The command that regenerates it (named by the test that checks it is current). */
export const WRITE_BANDS_COMMAND = 'npx tsx scripts/calibrate.ts --write-bands';

export function errorBandPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..', ERROR_BAND_FILE);
}

/** The file's text for these figures. */
export async function errorBandFile(r: OutOfSample): Promise<string> {
  const path = errorBandPath();
  const config = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(errorBandFileText(r), { ...config, filepath: path });
}
