/**
 * One field's value as link text and back. Reading is forgiving: a value the
 * schema refuses becomes the nearest valid one where that is meaningful (a
 * number clamped into its range) and is dropped otherwise, and either way the
 * caller gets a sentence saying what happened.
 */
import { describeAllowed, type FieldDef } from '../../core';

/** Shortest text that reads back to the same number; "1e21", not "1e+21" (a '+' would be escaped in a URL). */
export function formatNumber(n: number): string {
  // -0 has no meaning in a scenario; "0" reads better than "-0".
  if (Object.is(n, -0)) return '0';
  return String(n).replace('e+', 'e');
}

/** Link text of a scalar value, or undefined for a value a link cannot carry (an object, NaN). */
export function formatValue(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value) : undefined;
  return undefined;
}

// Plain decimal only: Number() would also take "0x10", " 8 " and "" (= 0), which a link should not mean.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number a link text spells, or undefined. */
export function parseNumber(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  // "1e400" is a (huge) number: Infinity, which clamping brings into range.
  const n = Number(text);
  return Number.isNaN(n) ? undefined : n;
}

export type ReadValue =
  | { kind: 'ok'; value: unknown }
  /** Not what was given, but the nearest valid value; `why` says what was wrong. */
  | { kind: 'fixed'; value: unknown; why: string }
  /** Unusable: the field is left out so its default applies. */
  | { kind: 'dropped'; why: string };

const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** The typed value of `text` for `def`, following the field's schema. */
export function readFieldValue(def: FieldDef, text: string): ReadValue {
  // A name may well be the word "null"; only a nullable field reads it as null.
  if (text === 'null' && !(def.type === 'string' && !def.nullable)) {
    return def.nullable ? { kind: 'ok', value: null } : { kind: 'dropped', why: 'null is not allowed' };
  }
  switch (def.type) {
    case 'boolean':
      return readBoolean(text);
    case 'enum':
      return readEnum(def, text);
    case 'string':
      return readString(def, text);
    case 'int':
    case 'number':
      return readNumber(def, text);
  }
}

function readBoolean(text: string): ReadValue {
  const t = text.toLowerCase();
  if (t === 'true' || t === '1') return { kind: 'ok', value: true };
  if (t === 'false' || t === '0') return { kind: 'ok', value: false };
  return { kind: 'dropped', why: `${quote(text)} is not true or false` };
}

function readEnum(def: FieldDef, text: string): ReadValue {
  const values = def.values ?? [];
  if (values.includes(text)) return { kind: 'ok', value: text };
  // "H100-SXM" typed by hand means h100-sxm; only an unambiguous match is taken.
  const folded = values.filter((v) => v.toLowerCase() === text.toLowerCase());
  if (folded.length === 1) return { kind: 'ok', value: folded[0] };
  return { kind: 'dropped', why: `${quote(text)} is not one of the allowed values` };
}

function readString(def: FieldDef, text: string): ReadValue {
  const max = def.maxLength ?? Infinity;
  if (text.length <= max) return { kind: 'ok', value: text };
  return { kind: 'fixed', value: text.slice(0, max), why: `a text of ${text.length} characters is too long` };
}

function readNumber(def: FieldDef, text: string): ReadValue {
  const n = parseNumber(text);
  if (n === undefined) return { kind: 'dropped', why: `${quote(text)} is not a number` };
  const rounded = def.type === 'int' ? Math.round(n) : n;
  const value = clamp(def, rounded);
  if (!Number.isFinite(value)) return { kind: 'dropped', why: `${text} is out of range` };
  if (value === n) return { kind: 'ok', value };
  const why = inRange(def, rounded) ? `${text} is not an integer` : `${text} is out of range`;
  return { kind: 'fixed', value, why };
}

function inRange(def: FieldDef, v: number): boolean {
  if (def.min !== undefined && (def.minExclusive ? v <= def.min : v < def.min)) return false;
  if (def.max !== undefined && (def.maxExclusive ? v >= def.max : v > def.max)) return false;
  return true;
}

/**
 * The allowed value nearest to `v`. An exclusive bound is not allowed itself,
 * so the value moves just inside it: by 1 for integers, by a millionth of the
 * bound's size (at least 1e-6) for numbers, which stays readable in a link
 * where the float next to 0 (5e-324) would not.
 */
export function clamp(def: FieldDef, v: number): number {
  const { min, max } = def;
  const step = (b: number) => (def.type === 'int' ? 1 : Math.max(1e-6, Math.abs(b) * 1e-6));
  let out = v;
  if (min !== undefined && (def.minExclusive ? out <= min : out < min)) out = def.minExclusive ? min + step(min) : min;
  if (max !== undefined && (def.maxExclusive ? out >= max : out > max)) out = def.maxExclusive ? max - step(max) : max;
  // A range narrower than the nudge: its middle is inside it.
  if (!inRange(def, out) && min !== undefined && max !== undefined) out = (min + max) / 2;
  return out;
}

/** "(allowed: an integer from 1 to 65536)" for a message. */
export function allowedText(def: FieldDef): string {
  return `(allowed: ${describeAllowed(def)})`;
}
