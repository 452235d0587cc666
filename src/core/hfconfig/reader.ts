/**
 * Reading a Hugging Face config.json by key, with a record of what was read.
 * Model families name the same quantity differently (num_hidden_layers,
 * n_layer, n_layers), so every read takes a list of candidate keys; the
 * first one present wins, and the reader remembers which keys it used for
 * which scenario field, so the import can show "used" and "ignored" lists.
 */
import { formatValue } from '../scenario/field-check';

export interface UsedKey {
  /** The config key, dotted for nested ones ("ffn_config.moe_num_experts"). */
  key: string;
  /** The scenario field it set ("model.layers"). */
  field: string;
  value: unknown;
}

export interface ConfigError {
  /** The config key concerned (or "(root)" / "(json)" for the document itself). */
  key: string;
  message: string;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a key's value may be: positive integers for sizes, non-negative for counts that can be 0. */
export interface IntRule {
  min?: 0 | 1;
}

export class ConfigReader {
  readonly used: UsedKey[] = [];
  readonly errors: ConfigError[] = [];
  readonly notes: string[] = [];
  /** Keys read to decide something without setting a field directly (still not "ignored"). */
  private readonly consulted = new Set<string>();

  /** `prefix` is how keys of `config` are named in messages ("text_config." inside a multimodal config). */
  constructor(
    readonly config: Record<string, unknown>,
    readonly prefix = '',
  ) {}

  /** The key as the user sees it. */
  name(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** The raw value at a (possibly dotted) key, undefined when absent. */
  raw(key: string): unknown {
    let node: unknown = this.config;
    for (const step of key.split('.')) {
      if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, step)) return undefined;
      node = node[step];
    }
    return node;
  }

  /** The first of `keys` that is present (null counts as present: it is how configs say "not set"). */
  find(keys: readonly string[]): { key: string; value: unknown } | undefined {
    for (const key of keys) {
      const value = this.raw(key);
      if (value !== undefined) return { key, value };
    }
    return undefined;
  }

  use(key: string, field: string, value: unknown): void {
    this.used.push({ key: this.name(key), field, value });
  }

  /** The first key used for `field`, if any. */
  keyFor(field: string): string | undefined {
    return this.used.find((u) => u.field === field)?.key;
  }

  /** Record that the key which set `field` sets `alsoField` too (Mixtral's intermediate_size is also the expert width). */
  alsoUse(field: string, alsoField: string): void {
    const u = this.used.find((x) => x.field === field);
    if (u) this.used.push({ key: u.key, field: alsoField, value: u.value });
  }

  /** Mark a key as read (it decided something) without a field of its own. */
  consult(key: string): void {
    this.consulted.add(this.name(key));
  }

  error(key: string, message: string): void {
    this.errors.push({ key: this.name(key), message: `${this.name(key)}: ${message}` });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /**
   * An integer from the first present key, recorded as used for `field`.
   * Returns undefined when no key is present or the value is null; a value of
   * the wrong type is an error naming the key. A later key of the list that
   * repeats the value (gpt-oss gives both num_experts_per_tok and
   * experts_per_token) counts as used too; one that disagrees gets a note.
   */
  int(keys: readonly string[], field: string, rule: IntRule = {}): number | undefined {
    const found = this.find(keys);
    if (!found) return undefined;
    const { key, value } = found;
    if (value === null) {
      this.consult(key);
      return undefined;
    }
    const min = rule.min ?? 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      this.error(key, `expected ${min === 1 ? 'a positive' : 'a non-negative'} integer, got ${formatValue(value)}`);
      return undefined;
    }
    this.use(key, field, value);
    this.checkRepeats(keys.slice(keys.indexOf(key) + 1), key, value, field);
    return value;
  }

  /** A non-empty string from the first present key that has one. */
  text(keys: readonly string[], field: string): string | undefined {
    for (const key of keys) {
      const value = this.raw(key);
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string') {
        this.error(key, `expected a string, got ${formatValue(value)}`);
        return undefined;
      }
      this.use(key, field, value);
      return value;
    }
    return undefined;
  }

  /** A boolean from the first present key. */
  bool(keys: readonly string[], field: string): boolean | undefined {
    const found = this.find(keys);
    if (!found || found.value === null) return undefined;
    if (typeof found.value !== 'boolean') {
      this.error(found.key, `expected true or false, got ${formatValue(found.value)}`);
      return undefined;
    }
    this.use(found.key, field, found.value);
    return found.value;
  }

  private checkRepeats(rest: readonly string[], key: string, value: number, field: string): void {
    for (const other of rest) {
      const v = this.raw(other);
      if (v === undefined || v === null) continue;
      if (v === value) this.use(other, field, v);
      else
        this.note(`${this.name(key)} is ${value} but ${this.name(other)} is ${formatValue(v)}; ${this.name(key)} used`);
    }
  }

  /**
   * Every key of the config not used or consulted: whole top-level keys, and
   * for a nested object some of whose keys were used (ffn_config), its other keys.
   */
  ignored(): string[] {
    const taken = [...this.used.map((u) => u.key), ...this.consulted];
    const has = (name: string) => taken.includes(name);
    const hasInside = (name: string) => taken.some((t) => t.startsWith(`${name}.`));
    const out: string[] = [];
    for (const key of Object.keys(this.config)) {
      const name = this.name(key);
      if (has(name)) continue;
      const value = this.config[key];
      if (hasInside(name) && isObject(value)) {
        for (const sub of Object.keys(value)) {
          const subName = `${name}.${sub}`;
          if (!has(subName) && !hasInside(subName)) out.push(subName);
        }
      } else out.push(name);
    }
    return out;
  }
}
