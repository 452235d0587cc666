/**
 * Freeze all the way down. Defaults and presets are shared objects: an edit
 * in place would change every later use, so they are frozen where defined.
 * This folder imports nothing, so any layer can use it without a cycle.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
