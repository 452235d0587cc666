/**
 * Keeping a document minimal: a leaf whose removal leaves the normalized
 * scenario unchanged says nothing (it repeats a default or the preset's
 * value), so a link need not carry it.
 */
import { parseScenario } from '../../core';
import { deleteAtPath, flattenDoc, type ScenarioDoc } from './doc';

/** Structural equality of JSON-like values (+0 and -0 equal, key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && deepEqual(ra[k], rb[k]));
}

/**
 * `doc` without the leaves the parser would fill in with the same value
 * anyway. `model.preset` and `hardware.gpu` stay unless they name the default,
 * since the normalized scenario records them. A document the parser refuses
 * is returned as it is: there is no scenario to compare against.
 */
export function pruneDefaults(doc: ScenarioDoc): ScenarioDoc {
  const full = parseScenario(doc);
  if (!full.ok) return doc;
  let current = doc;
  // One at a time against the current document: a field may only be redundant once another has gone.
  for (const [path] of flattenDoc(doc)) {
    const without = deleteAtPath(current, path);
    const r = parseScenario(without);
    if (r.ok && deepEqual(r.scenario, full.scenario)) current = without;
  }
  return current;
}

/** The document as a link should hold it: only what differs from the defaults. */
export const diffFromBase = pruneDefaults;
