/**
 * The UI tests' evaluations, read from the committed fixtures (see
 * catalogue.ts). Each is read once per test file and frozen, so a component
 * that edits the evaluation it is given fails its test.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Evaluation } from '../../src/core/evaluation';
import { fixtureFile, UI_FIXTURES, type UiFixtureName } from './catalogue';

export { UI_FIXTURES, type UiFixtureName } from './catalogue';

const cache = new Map<UiFixtureName, Evaluation>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The text of a stored fixture (JSON). */
export function fixtureText(name: UiFixtureName): string {
  const bytes = readFileSync(new URL(fixtureFile(name), import.meta.url));
  return (UI_FIXTURES[name].gzip ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A fixed evaluation for UI tests. */
export function uiFixture(name: UiFixtureName): Evaluation {
  let e = cache.get(name);
  if (!e) {
    e = deepFreeze(JSON.parse(fixtureText(name)) as Evaluation);
    cache.set(name, e);
  }
  return e;
}
