/**
 * The pieces a schema row is made of (schema.ts): the field and object
 * definitions, typed row constructors whose static type is inferred from
 * the row, the value lists, and the sanity bounds. It imports nothing, so
 * the presets can take their types from here without an import cycle.
 */
export type FieldType = 'int' | 'number' | 'boolean' | 'enum' | 'string';

export interface FieldDef {
  /** Dotted path, e.g. "parallel.tp"; also the permalink parameter name. */
  path: string;
  type: FieldType;
  /** null is a valid value (e.g. a target switched off, capacityFactor null = dropless). */
  nullable: boolean;
  /** Bounds for int and number; inclusive unless the matching *Exclusive flag is set. */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** The allowed values of an enum. */
  values?: readonly string[];
  /** Longest accepted string. */
  maxLength?: number;
  /** Unit shown beside the value; absent exactly when `unitless` is set. */
  unit?: string;
  /** The row says explicitly that the value has no unit (a count, a ratio, a choice). */
  unitless?: true;
  /** Short label for a control. */
  label: string;
  /** One line a user understands. */
  description: string;
  /** Left out of the normalized scenario when not given (the optional claims). */
  optional?: boolean;
  /** Replaces the generated "allowed" text where that would mislead. */
  allowed?: string;
  /**
   * What `{}` gives this field: a value, FROM_PRESET (the model preset's or
   * GPU preset's figure, resolved by the parser), or undefined for a field
   * that has none (an optional claim, a field of an object that is null by default).
   */
  default?: unknown;
}

/** Object-valued fields; nullable ones may be null as a whole (`model.moe: null` = dense). */
export interface ObjectDef {
  path: string;
  nullable: boolean;
  label: string;
  description: string;
  /** What `{}` gives: 'fields' (the object with its fields' defaults), null, or FROM_PRESET. */
  default: 'fields' | null | typeof FROM_PRESET;
}

/** The default of a field the model preset or GPU preset supplies (model.*, hardware.peakTflops, ...). */
export const FROM_PRESET = 'from-preset' as const;
type FromPreset = typeof FROM_PRESET;
/** The unit argument of a row without a unit: says so explicitly, so a forgotten unit is a type error. */
export const UNITLESS = null;
type Unit = string | typeof UNITLESS;

// ---- rows: a field's static type rides along with its runtime definition ----

/** One leaf row. `T` is the field's TypeScript type; `O` whether it may be absent (an optional claim). */
export interface FieldRow<T, O extends boolean = false> {
  readonly kind: 'field';
  readonly def: Omit<FieldDef, 'path'>;
  /** Phantom: carries T for inference only; never set. */
  readonly _type?: T;
  readonly _optional?: O;
}

export interface GroupRow<S extends Shape, N extends boolean = boolean> {
  readonly kind: 'group';
  readonly children: S;
  readonly def: Omit<ObjectDef, 'path'> & { nullable: N };
}

export type Row = FieldRow<unknown, boolean> | GroupRow<any, boolean>;
export type Shape = { readonly [key: string]: Row };

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends FieldRow<any, true> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
/** The TypeScript type of a row: a leaf's value, or a group's object (| null when nullable). */
export type InferRow<R> =
  R extends FieldRow<infer T, any>
    ? T
    : R extends GroupRow<infer S, infer N>
      ? InferShape<S> | (N extends true ? null : never)
      : never;
export type InferShape<S extends Shape> = Simplify<
  { -readonly [K in RequiredKeys<S>]: InferRow<S[K]> } & { -readonly [K in OptionalKeys<S>]?: InferRow<S[K]> }
>;

interface RangeOpts<T> {
  default?: T | FromPreset;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  allowed?: string;
}
interface Opts<T> {
  default?: T | FromPreset;
  allowed?: string;
}

function leaf<T>(def: Omit<FieldDef, 'path' | 'unit' | 'unitless'>, unit: Unit): FieldRow<T> {
  return { kind: 'field', def: { ...def, ...(unit === UNITLESS ? { unitless: true } : { unit }) } };
}
/** An integer in [min, max]; `T` narrows it where only some integers are meant (zeroStage: 0 | 1 | 2 | 3). */
export const int = <T extends number = number>(
  min: number,
  max: number,
  label: string,
  unit: Unit,
  description: string,
  o: RangeOpts<T> = {},
) => leaf<T>({ type: 'int', nullable: false, min, max, label, description, ...o }, unit);
export const num = (
  min: number,
  max: number,
  label: string,
  unit: Unit,
  description: string,
  o: RangeOpts<number> = {},
) => leaf<number>({ type: 'number', nullable: false, min, max, label, description, ...o }, unit);
export const bool = (label: string, description: string, o: Opts<boolean> = {}) =>
  leaf<boolean>({ type: 'boolean', nullable: false, label, description, ...o }, UNITLESS);
export const oneOf = <const V extends readonly string[]>(
  values: V,
  label: string,
  description: string,
  o: Opts<V[number]> = {},
) => leaf<V[number]>({ type: 'enum', nullable: false, values, label, description, ...o }, UNITLESS);
export const str = (maxLength: number, label: string, description: string, o: Opts<string> = {}) =>
  leaf<string>({ type: 'string', nullable: false, maxLength, label, description, ...o }, UNITLESS);
/** The same field, also taking null; `dflt` is its default (null, a value, or FROM_PRESET). */
export const nullable = <T>(row: FieldRow<T>, dflt: T | null | FromPreset): FieldRow<T | null> => ({
  kind: 'field',
  def: { ...row.def, nullable: true, default: dflt },
});
/** A field that may be left out of the normalized scenario (a claim not stated). */
export const optional = <T>(row: FieldRow<T>): FieldRow<T, true> => ({
  kind: 'field',
  def: { ...row.def, optional: true, default: undefined },
});
export const group = <const S extends Shape>(label: string, description: string, children: S): GroupRow<S, false> => ({
  kind: 'group',
  children,
  def: { nullable: false, label, description, default: 'fields' },
});
/** An object that may be null as a whole; `dflt`: what `{}` gives. */
export const nullableGroup = <const S extends Shape>(
  label: string,
  description: string,
  dflt: ObjectDef['default'],
  children: S,
): GroupRow<S, true> => ({ kind: 'group', children, def: { nullable: true, label, description, default: dflt } });

// Ranges are wide sanity bounds, not recommendations: they stop typos (0,
// negative, 1e300) without refusing an unusual but real configuration.
export const BIG = 10_000_000;
export const DEGREE = 65_536;
export const positive = { minExclusive: true } as const;
/**
 * Least rate, efficiency, memory or capacity factor: values below it
 * (denormals such as 5e-324) would turn block times into Infinity or NaN,
 * and no real GPU is a thousand times slower than this.
 */
export const MIN_RATE = 0.001;
/** Largest cluster the explorer evaluates in bounded time (budget.ts MAX_RANKS matches it); today's largest are about 200,000 GPUs. */
export const MAX_GPUS = 262_144;
/** Most routed experts: the routing simulation draws each expert's load, so its time grows with the count; published models have at most a few hundred. */
export const MAX_EXPERTS = 16_384;

export const PRECISIONS = ['fp16', 'bf16', 'fp8'] as const;
/**
 * How served weights or the KV cache are stored: the compute formats, or
 * 'fp4' (MXFP4: 4-bit elements with one 8-bit scale per 32, as gpt-oss ships
 * its expert weights). Storage decides bytes held and read, not GEMM speed.
 */
export const STORAGE_PRECISIONS = ['fp16', 'bf16', 'fp8', 'fp4'] as const;
export const MODES = ['training', 'inference'] as const;
export const PHASES = ['prefill', 'decode'] as const;
export const OPTIMIZERS = ['adam', 'sgd'] as const;
export const RECOMPUTES = ['none', 'selective', 'full'] as const;
export const DISTRIBUTIONS = ['uniform', 'zipf'] as const;

export type Precision = (typeof PRECISIONS)[number];
/** How served weights or the KV cache are stored: the compute formats, or 'fp4' (MXFP4, as gpt-oss ships its expert weights). */
export type StoragePrecision = (typeof STORAGE_PRECISIONS)[number];
export type Mode = (typeof MODES)[number];
export type Phase = (typeof PHASES)[number];
export type Recompute = (typeof RECOMPUTES)[number];
export type Optimizer = (typeof OPTIMIZERS)[number];
export type RoutingDistribution = (typeof DISTRIBUTIONS)[number];
