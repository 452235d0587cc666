/**
 * Permalinks (scenario-format.md, "Permalinks"): the scenario document and
 * the view state as a human-readable query string, one parameter per field,
 * named by its path: `?v=1&parallel.tp=8&hardware.gpu=h100-sxm&view.gpu=5`.
 *
 * Decoding never throws and always yields a document that parses: whatever
 * a link gets wrong becomes a LinkProblem and the nearest valid value (or
 * the default), so a mistyped link still opens a useful page.
 */
import {
  fieldByPath,
  FIELDS,
  MIGRATIONS,
  migrateDocument,
  objectByPath,
  SCENARIO_VERSION,
  VERSION_WHEN_ABSENT,
  type Migration,
} from '../../core';
import { DEFAULT_VIEW, type ViewState } from '../view';
import {
  flattenDoc,
  getAtPath,
  isNullableObjectPath,
  isPlainObject,
  LINK_PATHS,
  setAtPath,
  deleteAtPath,
  type ScenarioDoc,
} from './doc';
import { repairDoc } from './repair';
import { allowedText, formatValue, readFieldValue } from './values';
import { encodeView, readViewParam, VIEW_KEYS, VIEW_PREFIX } from './view-params';

/** The link format this code writes; `v` in the link. It is the scenario format's version: a link is a document. */
export const LINK_VERSION = SCENARIO_VERSION;

/** Short names for the most used fields; the path form always works too. */
export const ALIASES: Readonly<Record<string, string>> = {
  tp: 'parallel.tp',
  ep: 'parallel.ep',
  pp: 'parallel.pp',
  dp: 'parallel.dp',
  mb: 'workload.microBatches',
  gpu: 'hardware.gpu',
  gpus: 'hardware.count',
  model: 'model.preset',
};

/** Something in a link that was not taken as written, and what was done instead. */
export interface LinkProblem {
  /** The parameter as the link names it (`tp`, `parallel.tp`, `foo`). */
  param: string;
  /** The scenario field concerned ("" when none, e.g. an unknown parameter). */
  path: string;
  /** The parameter's text as given. */
  value: string;
  /** One sentence: what is wrong, what is allowed, what was used instead. */
  message: string;
}

export interface DecodedLink {
  doc: ScenarioDoc;
  view: ViewState;
  /** Scenario A of a comparison (`compare=`); absent when the link pins none. */
  compare?: ScenarioDoc;
  problems: LinkProblem[];
}

/**
 * The parameter that carries scenario A of a comparison: A's own link query
 * (the same field=value form, without `v`), URL-encoded as one value, e.g.
 * `compare=workload.microBatches%3D1`. The page's scenario is B.
 */
export const COMPARE_PARAM = 'compare';

const LINKABLE = new Set(LINK_PATHS);

/** URL-encode one value as URLSearchParams does (space as '+', '&' and '=' escaped). */
function encodeText(text: string): string {
  return new URLSearchParams([['', text]]).toString().slice(1);
}

/**
 * The query string for `doc` and `view`: `v=1`, then the document's leaves
 * in FIELDS order, then the view fields that differ from DEFAULT_VIEW. It
 * writes every leaf given; call pruneDefaults first for the shortest link.
 * A path outside the schema or a value no field can hold (an object) has no
 * link form and is left out.
 */
export function encodePermalink(
  doc: ScenarioDoc,
  view: ViewState = DEFAULT_VIEW,
  compare: ScenarioDoc | null = null,
): string {
  const parts = [`v=${LINK_VERSION}`, ...fieldParams(doc)];
  parts.push(...encodeView(view));
  if (compare) parts.push(`${COMPARE_PARAM}=${encodeText(fieldParams(compare).join('&'))}`);
  return `?${parts.join('&')}`;
}

/** "path=value" for each linkable leaf of `doc`, in FIELDS order. */
function fieldParams(doc: ScenarioDoc): string[] {
  const parts: string[] = [];
  for (const [path, value] of flattenDoc(doc)) {
    if (!LINKABLE.has(path)) continue;
    const text = formatValue(value);
    if (text !== undefined) parts.push(`${path}=${encodeText(text)}`);
  }
  return parts;
}

/**
 * Read a query string (with or without its '?') into a valid document, a view
 * and the problems met. A link of an older `v` is migrated first (`migrations`:
 * the project's list; tests pass their own).
 */
export function decodePermalink(search: string, migrations: readonly Migration[] = MIGRATIONS): DecodedLink {
  try {
    return decode(String(search), false, migrations, VERSION_WHEN_ABSENT);
  } catch (err) {
    // Defensive only: every step below is written not to throw, but a link must never break the page.
    const message = `the link could not be read (${err instanceof Error ? err.message : String(err)}); the default scenario is shown`;
    return { doc: {}, view: { ...DEFAULT_VIEW }, problems: [{ param: '', path: '', value: String(search), message }] };
  }
}

/** Where each path of the document came from, to name the parameter in a later problem. */
interface Origin {
  param: string;
  text: string;
}

/**
 * `inner`: reading scenario A inside `compare=`, which holds fields only (no
 * view, no further compare) and is written in the outer link's version.
 */
function decode(search: string, inner: boolean, migrations: readonly Migration[], outerVersion: number): DecodedLink {
  const problems: LinkProblem[] = [];
  const origins = new Map<string, Origin>();
  let doc: ScenarioDoc = {};
  let view: ViewState = { ...DEFAULT_VIEW };
  let compareText: string | undefined;
  const add = (param: string, path: string, value: string, message: string) =>
    problems.push({ param, path, value, message });

  let entries = [...new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)];
  const versionText = inner ? undefined : entries.filter(([param]) => param === 'v').at(-1)?.[1];
  const version = versionText === undefined ? outerVersion : /^-?\d+$/.test(versionText) ? Number(versionText) : NaN;
  if (version < LINK_VERSION) {
    const upgraded = upgradeLink(entries, version, migrations);
    if (upgraded.ok) entries = upgraded.entries;
    else add('v', '', versionText ?? String(version), `v: ${upgraded.message}; read as version ${LINK_VERSION}`);
  }

  for (const [param, text] of entries) {
    if (param === 'v') {
      if (!(version <= LINK_VERSION))
        add(param, '', text, `v: unsupported link version ${JSON.stringify(text)}, read as version ${LINK_VERSION}`);
      continue;
    }
    if (inner && (param === COMPARE_PARAM || param.startsWith(VIEW_PREFIX))) {
      add(
        param,
        '',
        text,
        `${param}: ${param === COMPARE_PARAM ? 'scenario A cannot hold another comparison' : 'the view belongs to the page, not to scenario A'}; ignored`,
      );
      continue;
    }
    if (param === COMPARE_PARAM) {
      if (compareText !== undefined)
        add(param, '', text, `${COMPARE_PARAM}: given more than once; the last one counts`);
      compareText = text;
      continue;
    }
    if (param.startsWith(VIEW_PREFIX)) {
      const read = readViewParam(param.slice(VIEW_PREFIX.length), text);
      if (!read) add(param, '', text, unknownMessage(param));
      else {
        view = { ...view, ...read.patch };
        if (read.message) add(param, param, text, read.message);
      }
      continue;
    }
    const path = ALIASES[param] ?? param;
    if (!LINKABLE.has(path)) {
      add(param, '', text, unknownMessage(param));
      continue;
    }
    // The same field twice (perhaps once by its short name): the later one counts, as in most URL readers.
    if (origins.has(path)) {
      const before = origins.get(path)!;
      add(
        param,
        path,
        text,
        `${path}: given more than once (${before.param}=${before.text} before); the last one counts`,
      );
      doc = deleteAtPath(doc, path);
      origins.delete(path);
    }
    const value = readValue(path, param, text, add);
    if (value === undefined) continue;
    doc = setOverriding(doc, path, value, (message) => add(param, path, text, message));
    origins.set(path, { param, text });
  }

  const repaired = repairDoc(doc);
  for (const r of repaired.removed) {
    const origin = originOf(origins, r.path);
    add(
      origin?.param ?? r.path,
      r.path,
      origin?.text ?? formatValue(r.value) ?? '',
      repairMessage(r.path, r.value, r.error.path, r.error.message),
    );
  }
  const compare =
    compareText === undefined
      ? null
      : readCompare(compareText, problems, migrations, Number.isInteger(version) ? version : LINK_VERSION);
  return { doc: repaired.doc, view, ...(compare ? { compare } : {}), problems };
}

/**
 * Scenario A from the text of `compare=`, read like a link of its own (the
 * nearest valid scenario); its problems are added, each naming `compare` and
 * the field. Null (nothing pinned) when it held parameters and none was usable.
 */
function readCompare(
  text: string,
  problems: LinkProblem[],
  migrations: readonly Migration[],
  version: number,
): ScenarioDoc | null {
  const read = decode(text, true, migrations, version);
  for (const p of read.problems)
    problems.push({
      param: COMPARE_PARAM,
      path: p.path,
      value: p.value,
      message: `${COMPARE_PARAM} (scenario A): ${p.message}`,
    });
  const params = [...new URLSearchParams(text)].map(([param]) => param);
  const troubled = new Set(read.problems.map((p) => p.param));
  if (params.length > 0 && params.every((p) => troubled.has(p))) {
    problems.push({
      param: COMPARE_PARAM,
      path: '',
      value: text,
      message: `${COMPARE_PARAM}: nothing in it could be used (it holds scenario A as its own link fields, e.g. compare=workload.microBatches%3D1); no scenario pinned as A`,
    });
    return null;
  }
  return read.doc;
}

/**
 * An older link's parameters rewritten for LINK_VERSION: its field
 * parameters (aliases expanded) as a document of their texts, put through
 * the migrations, and flattened back; `v`, view and compare parameters stay.
 * A migration that renames or moves fields works on links as on documents;
 * one that changes a value sees the link's text.
 */
function upgradeLink(
  entries: [string, string][],
  version: number,
  migrations: readonly Migration[],
): { ok: true; entries: [string, string][] } | { ok: false; message: string } {
  const isField = (param: string) => param !== 'v' && param !== COMPARE_PARAM && !param.startsWith(VIEW_PREFIX);
  let raw: ScenarioDoc = {};
  for (const [param, text] of entries) if (isField(param)) raw = setAtPath(raw, ALIASES[param] ?? param, text);
  const migrated = migrateDocument({ ...raw, version }, migrations, LINK_VERSION);
  if (!migrated.ok) return { ok: false, message: migrated.error.message.replace(/^version: /, '') };
  const fields: [string, string][] = [];
  const visit = (node: ScenarioDoc, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (path === 'version') continue;
      if (isPlainObject(value)) visit(value, path);
      else fields.push([path, typeof value === 'string' ? value : JSON.stringify(value)]);
    }
  };
  visit(migrated.doc as ScenarioDoc, '');
  return { ok: true, entries: [...entries.filter(([param]) => !isField(param)), ...fields] };
}

/** The typed value of one field parameter, or undefined when it is left out (with a problem recorded). */
function readValue(
  path: string,
  param: string,
  text: string,
  add: (param: string, path: string, value: string, message: string) => void,
): unknown {
  if (isNullableObjectPath(path)) {
    if (text === 'null') return null;
    add(
      param,
      path,
      text,
      `${path}: ${JSON.stringify(text)} is not allowed (allowed: null, which turns it off; its fields are given one by one, e.g. ${firstFieldUnder(path)}); ignored`,
    );
    return undefined;
  }
  const def = fieldByPath(path)!;
  const read = readFieldValue(def, text);
  if (read.kind === 'ok') return read.value;
  if (read.kind === 'fixed') {
    add(
      param,
      path,
      text,
      `${path}: ${read.why} ${allowedText(def)}; using ${formatValue(read.value) ?? String(read.value)}`,
    );
    return read.value;
  }
  add(param, path, text, `${path}: ${read.why} ${allowedText(def)}; ignored, so ${defaultSource(path)} applies`);
  return undefined;
}

function defaultSource(path: string): string {
  if (path.startsWith('model.') && path !== 'model.preset') return "the preset's or the default value";
  if (path.startsWith('hardware.') && path !== 'hardware.gpu') return "the GPU preset's or the default value";
  return 'the default';
}

/**
 * Set `path`, telling when that overrides something the link said earlier:
 * a field inside an object given as null, or null for an object whose fields were given.
 */
function setOverriding(doc: ScenarioDoc, path: string, value: unknown, tell: (message: string) => void): ScenarioDoc {
  const steps = path.split('.');
  for (let n = 1; n < steps.length; n++) {
    const up = steps.slice(0, n).join('.');
    if (getAtPath(doc, up) === null)
      tell(`${path}: replaces ${up}=null given before it, since a field of ${up} is set after it`);
  }
  if (value === null && isPlainObject(getAtPath(doc, path)))
    tell(`${path}: null replaces the ${path} fields given before it`);
  return setAtPath(doc, path, value);
}

function originOf(origins: Map<string, Origin>, path: string): Origin | undefined {
  const exact = origins.get(path);
  if (exact) return exact;
  for (const [p, o] of origins) if (p.startsWith(`${path}.`)) return o;
  return undefined;
}

function repairMessage(path: string, value: unknown, errorPath: string, errorMessage: string): string {
  // The parser's messages start with their own path; don't say it twice.
  const reason =
    errorPath === path && errorMessage.startsWith(`${path}: `) ? errorMessage.slice(path.length + 2) : errorMessage;
  return `${path}: ${formatValue(value) ?? 'its fields'} left out to keep the scenario valid, because ${reason}`;
}

function firstFieldUnder(path: string): string {
  return FIELDS.find((f) => f.path.startsWith(`${path}.`))?.path ?? path;
}

const ALIAS_LIST = Object.keys(ALIASES).join(', ');
const VIEW_LIST = VIEW_KEYS.map((k) => `${VIEW_PREFIX}${k}`).join(', ');

/** "foo: unknown parameter, ignored; ..." with a guess at what was meant when one is close. */
function unknownMessage(param: string): string {
  const guess = guessField(param);
  if (guess) return `${param}: unknown parameter, ignored; did you mean ${guess}?`;
  const object = objectByPath(param);
  if (object)
    return `${param}: is a group of fields, not one field, ignored; give its fields one by one, e.g. ${firstFieldUnder(param)}`;
  return `${param}: unknown parameter, ignored (a link takes field paths such as parallel.tp, the short names ${ALIAS_LIST}, ${VIEW_LIST}, and ${COMPARE_PARAM})`;
}

/** A field path that `param` probably meant: the same path in other case, or a unique field of that name. */
function guessField(param: string): string | undefined {
  const lower = param.toLowerCase();
  const candidates = [
    ...LINK_PATHS,
    ...VIEW_KEYS.map((k) => `${VIEW_PREFIX}${k}`),
    ...Object.keys(ALIASES),
    COMPARE_PARAM,
  ];
  const sameCase = candidates.filter((p) => p.toLowerCase() === lower && p !== param);
  if (sameCase.length === 1) return sameCase[0];
  const byName = LINK_PATHS.filter((p) => p.slice(p.lastIndexOf('.') + 1).toLowerCase() === lower && p !== param);
  return byName.length === 1 ? byName[0] : undefined;
}
