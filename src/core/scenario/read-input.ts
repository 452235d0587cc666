/**
 * First pass of parsing: walk the raw input against the schema's tree, report
 * unknown fields and bad values (all of them, not just the first), and keep
 * the values that passed. The second pass (resolve.ts) fills in the rest from
 * presets and defaults.
 */
import { checkValue, formatValue } from './field-check';
import { FIELDS, OBJECTS, type FieldDef, type ObjectDef } from './schema';
import type { FieldError } from './types';

/** Path used for an error about the document as a whole. */
export const ROOT_PATH = '(root)';

interface Node {
  path: string;
  field?: FieldDef;
  object?: ObjectDef;
  children: Map<string, Node>;
}

/** The schema as a tree, built once: each object node knows its allowed child names. */
const ROOT: Node = buildTree();

function buildTree(): Node {
  const root: Node = { path: '', children: new Map() };
  const nodes = new Map<string, Node>([['', root]]);
  const objects = new Map(OBJECTS.map((o) => [o.path, o]));
  // Parents are created on first use, so children keep the contract's order (parallel: tp, pp, ..., routing, overlap, rankOrder).
  const nodeFor = (path: string): Node => {
    const known = nodes.get(path);
    if (known) return known;
    const object = objects.get(path);
    if (!object) throw new Error(`schema: ${path} is not listed in OBJECTS`);
    const node: Node = { path, object, children: new Map() };
    attach(path, node);
    return node;
  };
  const attach = (path: string, node: Node) => {
    const cut = path.lastIndexOf('.');
    nodeFor(cut < 0 ? '' : path.slice(0, cut)).children.set(path.slice(cut + 1), node);
    nodes.set(path, node);
  };
  for (const f of FIELDS) attach(f.path, { path: f.path, field: f, children: new Map() });
  // An object with no leaf (none today) still gets its node.
  for (const o of OBJECTS) nodeFor(o.path);
  return root;
}

/** What the input gave: valid leaf values, and which object fields were given as null or as an object. */
export class GivenValues {
  readonly values = new Map<string, unknown>();
  readonly objects = new Map<string, 'null' | 'object'>();
  /** Leaves given with a value their check refused (already reported: not "missing" too). */
  readonly rejected = new Set<string>();

  has(path: string): boolean {
    return this.values.has(path);
  }
  /** The given value; the schema has checked its type, so the caller names it. */
  get<T>(path: string): T | undefined {
    return this.values.get(path) as T | undefined;
  }
  /** Whether any leaf under `prefix` was given. */
  hasUnder(prefix: string): boolean {
    for (const p of this.values.keys()) if (p.startsWith(`${prefix}.`)) return true;
    return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeObject(node: Node): string {
  const names = [...node.children.keys()].join(', ');
  return `${node.object?.nullable ? 'null or ' : ''}an object with fields ${names}`;
}

/** Read `input` into given values, appending every problem to `errors`. */
export function readInput(input: unknown, errors: FieldError[]): GivenValues {
  const given = new GivenValues();
  if (!isObject(input)) {
    const allowed = describeObject(ROOT);
    errors.push({
      path: ROOT_PATH,
      value: input,
      allowed,
      message: `the scenario must be a JSON object, not ${formatValue(input)}; allowed: ${allowed}`,
    });
    return given;
  }
  walk(input, ROOT, given, errors);
  return given;
}

/** Longest unknown key quoted whole in a message; a longer one is cut (a 1 MB key echoed whole filled stderr and the banner). */
export const MAX_SHOWN_KEY = 80;

/**
 * An unknown key as its path shows it. Identifiers as they are; a key like ""
 * or "a.b" is quoted so the path stays non-empty and unambiguous; a key over
 * MAX_SHOWN_KEY characters is cut, with its length.
 */
function shownKey(key: string): string {
  if (key.length > MAX_SHOWN_KEY) return `${JSON.stringify(key.slice(0, MAX_SHOWN_KEY))}… (${key.length} characters)`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function walk(obj: Record<string, unknown>, node: Node, given: GivenValues, errors: FieldError[]): void {
  for (const key of Object.keys(obj)) {
    const child = node.children.get(key);
    const shown = child ? key : shownKey(key);
    const path = node.path ? `${node.path}.${shown}` : shown;
    const value = obj[key];
    if (!child) {
      const allowed = `one of ${[...node.children.keys()].join(', ')}`;
      const where = node.path || 'the scenario';
      errors.push({
        path,
        value,
        allowed,
        message: `${path}: unknown field; allowed fields of ${where}: ${[...node.children.keys()].join(', ')}`,
      });
      continue;
    }
    // undefined is how JavaScript callers leave a field out; JSON cannot express it.
    if (value === undefined) continue;
    if (child.field) {
      const error = checkValue(child.field, value);
      if (error) {
        errors.push(error);
        given.rejected.add(path);
      } else given.values.set(path, value);
    } else if (value === null && child.object?.nullable) {
      given.objects.set(path, 'null');
    } else if (isObject(value)) {
      given.objects.set(path, 'object');
      walk(value, child, given, errors);
    } else {
      const allowed = describeObject(child);
      errors.push({
        path,
        value,
        allowed,
        message: `${path}: ${formatValue(value)} is not an object; allowed: ${allowed}`,
      });
    }
  }
}
