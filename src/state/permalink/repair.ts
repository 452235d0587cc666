/**
 * Making a document parse by leaving fields out. Every field of a decoded
 * link is valid on its own, so what the parser can still refuse is a rule
 * between fields (top-k above the expert count, a range running backwards).
 * Leaving fields out, one at a time, falls back to the nearest scenario the
 * link still describes; `{}` always parses, so this ends.
 */
import { parseScenario, type FieldError } from '../../core';
import { deleteAtPath, flattenDoc, getAtPath, hasPath, isPlainObject, type ScenarioDoc } from './doc';

export interface Removal {
  /** The path left out (a leaf, or a whole object in the last resort). */
  path: string;
  value: unknown;
  /** The parser's error that made it go. */
  error: FieldError;
}

export interface Repaired {
  doc: ScenarioDoc;
  removed: Removal[];
}

function errorsOf(doc: ScenarioDoc): FieldError[] {
  const r = parseScenario(doc);
  return r.ok ? [] : r.errors;
}

/** The path to leave out for `error`, or undefined when none helps. */
function pickRemoval(doc: ScenarioDoc, error: FieldError): string | undefined {
  // The field the error names, when the document gave it.
  if (error.path && hasPath(doc, error.path)) return error.path;
  // A field the document did not give (topK from the preset, say) is broken by one it did give
  // (a smaller expert count): try the given fields, latest in the schema first, so a preset choice goes last.
  const leaves = flattenDoc(doc)
    .map(([p]) => p)
    .reverse();
  for (const path of leaves) {
    const rest = errorsOf(deleteAtPath(doc, path));
    if (!rest.some((e) => e.path === error.path)) return path;
  }
  // No single field fixes it (hidden 1000 with 3 heads: either alone still divides unevenly): leave out
  // the given field nearest to the error in the schema's tree, and look again with what remains.
  const near = nearestLeaf(leaves, error.path);
  if (near !== undefined) return near;
  // A document with no leaves left can still hold an empty object the parser refuses (`model.mla: {}`).
  const steps = error.path.split('.');
  for (let n = steps.length - 1; n > 0; n--) {
    const up = steps.slice(0, n).join('.');
    if (isPlainObject(getAtPath(doc, up))) return up;
  }
  return undefined;
}

/** Of `leaves` (latest first), the one sharing the most leading path steps with `path`; the latest on a tie. */
function nearestLeaf(leaves: string[], path: string): string | undefined {
  const steps = path.split('.');
  const shared = (p: string) => {
    const q = p.split('.');
    let n = 0;
    while (n < q.length && n < steps.length && q[n] === steps[n]) n++;
    return n;
  };
  let best: string | undefined;
  let bestShared = -1;
  for (const leaf of leaves) {
    const n = shared(leaf);
    if (n > bestShared) [best, bestShared] = [leaf, n];
  }
  return best;
}

/** `doc` with as few fields left out as it takes for parseScenario to accept it. */
export function repairDoc(doc: ScenarioDoc): Repaired {
  const removed: Removal[] = [];
  let current = doc;
  // Each pass removes at least one path, so the leaf count bounds the passes; the guard is belt and braces.
  for (let guard = 0; guard < 1000; guard++) {
    const errors = errorsOf(current);
    if (errors.length === 0) return { doc: current, removed };
    const error = errors[0];
    const path = pickRemoval(current, error);
    if (path === undefined) break;
    removed.push({ path, value: getAtPath(current, path), error });
    current = deleteAtPath(current, path);
  }
  // Nothing single helped: the whole document goes, and each of its leaves is reported.
  const error = errorsOf(current)[0];
  if (error) for (const [path, value] of flattenDoc(current)) removed.push({ path, value, error });
  return { doc: {}, removed };
}
