/**
 * Checking one value against its FieldDef, and the wording of the answer.
 * Every message names the path, the value given and what is allowed, so a
 * user can fix a scenario from the message alone.
 */
import type { FieldDef } from './schema';
import type { FieldError } from './types';

/** A bound as a user would type it: plain digits, exponent only for huge round numbers. */
function formatBound(n: number): string {
  return Math.abs(n) >= 1e11 ? n.toExponential().replace('e+', 'e') : String(n);
}

/** "an integer from 1 to 65536", "null or a number greater than 0 and at most 64", ... */
export function describeAllowed(def: FieldDef): string {
  if (def.allowed) return def.allowed;
  const base = describeType(def);
  return def.nullable ? `null or ${base}` : base;
}

function describeType(def: FieldDef): string {
  switch (def.type) {
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${(def.values ?? []).join(', ')}`;
    case 'string':
      return `a string of at most ${def.maxLength ?? Infinity} characters`;
    case 'int':
    case 'number':
      return describeRange(def);
  }
}

function describeRange(def: FieldDef): string {
  const noun = def.type === 'int' ? 'an integer' : 'a number';
  const { min, max } = def;
  if (min === undefined && max === undefined) return noun;
  if (max === undefined) return `${noun} ${def.minExclusive ? 'greater than' : 'of at least'} ${formatBound(min!)}`;
  if (min === undefined) return `${noun} ${def.maxExclusive ? 'less than' : 'of at most'} ${formatBound(max)}`;
  if (!def.minExclusive && !def.maxExclusive) return `${noun} from ${formatBound(min)} to ${formatBound(max)}`;
  const lower = def.minExclusive ? `greater than ${formatBound(min)}` : `at least ${formatBound(min)}`;
  const upper = def.maxExclusive ? `less than ${formatBound(max)}` : `at most ${formatBound(max)}`;
  return `${noun} ${lower} and ${upper}`;
}

/** A short, safe rendering of any value for a message (never throws, even on cycles or BigInt). */
export function formatValue(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    try {
      text = typeof value === 'bigint' ? `${value}n` : String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'not a finite number';
  const t = typeof value;
  return t === 'object' ? 'an object' : t === 'undefined' ? 'undefined' : `a ${t}`;
}

/** The error for a value that breaks `def`, or null when it is acceptable. */
export function checkValue(def: FieldDef, value: unknown): FieldError | null {
  const problem = findProblem(def, value);
  if (problem === null) return null;
  const allowed = describeAllowed(def);
  return {
    path: def.path,
    value,
    allowed,
    message: `${def.path}: ${formatValue(value)} ${problem}; allowed: ${allowed}`,
  };
}

function findProblem(def: FieldDef, value: unknown): string | null {
  if (value === null) return def.nullable ? null : 'is null';
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `is ${kindOf(value)}, not true or false`;
    case 'string':
      if (typeof value !== 'string') return `is ${kindOf(value)}, not a string`;
      return value.length <= (def.maxLength ?? Infinity) ? null : 'is too long';
    case 'enum':
      if (typeof value !== 'string') return `is ${kindOf(value)}, not a string`;
      return def.values?.includes(value) ? null : 'is not one of the allowed values';
    case 'int':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `is ${kindOf(value)}, not a number`;
      if (def.type === 'int' && !Number.isInteger(value)) return 'is not an integer';
      return inRange(def, value) ? null : 'is out of range';
  }
}

function inRange(def: FieldDef, v: number): boolean {
  if (def.min !== undefined && (def.minExclusive ? v <= def.min : v < def.min)) return false;
  if (def.max !== undefined && (def.maxExclusive ? v >= def.max : v > def.max)) return false;
  return true;
}
