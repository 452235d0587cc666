/**
 * The scenario document: a partial scenario (nested JSON in the scenario
 * format) holding only what the user set. These helpers read and edit it by
 * dotted field path without mutating it, so a store can keep old versions
 * (undo, React's change detection) for free.
 */
import { FIELDS, OBJECTS } from '../../core';

/** A partial scenario in the scenario format, e.g. `{ parallel: { tp: 8 } }`. */
export type ScenarioDoc = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own keys only: a path segment like "__proto__" or "toString" must not reach Object.prototype. */
function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** The value at `path`, or undefined when any step is missing (or not an object). */
export function getAtPath(doc: ScenarioDoc, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.split('.')) {
    if (!isPlainObject(node)) return undefined;
    node = own(node, key);
  }
  return node;
}

/** Whether `path` holds a value (null counts; undefined does not). */
export function hasPath(doc: ScenarioDoc, path: string): boolean {
  return getAtPath(doc, path) !== undefined;
}

/**
 * A copy of `doc` with `value` at `path`. Missing parents are created; a
 * parent that is not an object (e.g. `model.moe: null`) is replaced by one,
 * since setting a field inside it means the user wants the object back.
 */
export function setAtPath(doc: ScenarioDoc, path: string, value: unknown): ScenarioDoc {
  const [key, ...rest] = path.split('.');
  // defineProperty-style spread keeps "__proto__" an ordinary own key instead of swapping the prototype.
  const out: ScenarioDoc = { ...doc };
  if (rest.length === 0) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    return out;
  }
  const child = own(doc, key);
  const next = setAtPath(isPlainObject(child) ? child : {}, rest.join('.'), value);
  Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * A copy of `doc` without `path`. Parents left empty are removed too: to the
 * parser an empty `model.moe: {}` is not the same as no `moe` at all (it turns
 * a dense preset into an MoE model), so "without this field" must not leave one.
 * Returns `doc` itself when the path is absent.
 */
export function deleteAtPath(doc: ScenarioDoc, path: string): ScenarioDoc {
  const [key, ...rest] = path.split('.');
  if (own(doc, key) === undefined) return doc;
  const out: ScenarioDoc = { ...doc };
  if (rest.length === 0) {
    delete out[key];
    return out;
  }
  const child = own(doc, key);
  if (!isPlainObject(child)) return doc;
  const next = deleteAtPath(child, rest.join('.'));
  if (next === child) return doc;
  if (Object.keys(next).length === 0) delete out[key];
  else out[key] = next;
  return out;
}

/**
 * Every path a link can carry, in FIELDS order: the leaf fields, and each
 * nullable object (`model.moe`, which a link sets to `null` as a whole) just
 * before its first field.
 */
export const LINK_PATHS: readonly string[] = (() => {
  const nullable = OBJECTS.filter((o) => o.nullable).map((o) => o.path);
  const out: string[] = [];
  for (const f of FIELDS) {
    for (const o of nullable) if (f.path.startsWith(`${o}.`) && !out.includes(o)) out.push(o);
    out.push(f.path);
  }
  for (const o of nullable) if (!out.includes(o)) out.push(o);
  return out;
})();

const NULLABLE_OBJECTS = new Set(OBJECTS.filter((o) => o.nullable).map((o) => o.path));

/** Whether `path` is an object that may be null as a whole (`model.moe`, `claims`, ...). */
export function isNullableObjectPath(path: string): boolean {
  return NULLABLE_OBJECTS.has(path);
}

/**
 * The document's leaves as [path, value] pairs: schema fields in FIELDS
 * order (a nullable object set to null counts as one leaf), then any path
 * the schema does not know, in document order, so nothing is hidden from a
 * caller. Empty objects have no leaves.
 */
export function flattenDoc(doc: ScenarioDoc): [string, unknown][] {
  const out: [string, unknown][] = [];
  const known = new Set<string>();
  for (const path of LINK_PATHS) {
    const value = getAtPath(doc, path);
    if (value === undefined) continue;
    // An object given for a nullable object path is not a leaf: its fields are.
    if (isNullableObjectPath(path) && value !== null) continue;
    out.push([path, value]);
    known.add(path);
  }
  const visit = (node: Record<string, unknown>, prefix: string) => {
    for (const key of Object.keys(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const value = node[key];
      if (value === undefined || known.has(path)) continue;
      if (isPlainObject(value)) visit(value, path);
      else out.push([path, value]);
    }
  };
  visit(doc, '');
  return out;
}

/** The document built from [path, value] pairs (later pairs win). */
export function docFromEntries(entries: Iterable<readonly [string, unknown]>): ScenarioDoc {
  let doc: ScenarioDoc = {};
  for (const [path, value] of entries) doc = setAtPath(doc, path, value);
  return doc;
}
