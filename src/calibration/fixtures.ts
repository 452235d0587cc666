/**
 * Reads the shared fixtures (published models, GPUs, measured runs) from
 * ../shared/fixtures beside the repository, or shared/fixtures inside it, or
 * $MOE_FIXTURES_DIR. Node only: used by the unit tests and the calibration
 * script, never by the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function fixturePath(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.MOE_FIXTURES_DIR ? resolve(process.env.MOE_FIXTURES_DIR, name) : '',
    resolve(here, '../../shared/fixtures', name),
    resolve(here, '../shared/fixtures', name),
    resolve(process.cwd(), '../shared/fixtures', name),
    resolve(process.cwd(), 'shared/fixtures', name),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`fixture ${name} not found; looked in:\n  ${candidates.join('\n  ')}`);
  return found;
}

/** Parses a shared fixture file (JSON). */
export function readFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}
