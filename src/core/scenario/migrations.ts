/**
 * Format versions and migrations (scenario-format.md: fields are renamed only
 * with a new `version` and a migration). A document, a permalink (`v=`) and an
 * evaluation carry the same version number. An older document is brought up
 * to SCENARIO_VERSION by the migrations in order, before the parser reads it;
 * a newer one is refused with an error naming `version`.
 *
 * There are none yet: version 1 is the only format. (The evaluation's
 * `pipeline.virtualStages` output changed meaning for ZB-V and DualPipe, but
 * the input `parallel.virtualStages` did not: a schedule that does not
 * interleave has always required 1, so no version-1 document reads differently.)
 */
import { formatValue } from './field-check';
import { SCENARIO_VERSION } from './schema';
import type { FieldError } from './types';

/** A JSON document as a migration sees it: whatever the older version wrote. */
export type RawDocument = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  /** What changed, in a user's words; listed in the assumptions of a migrated document. */
  describe: string;
  /** The document at `from`, rewritten for `to`; must not mutate its argument. */
  up(doc: RawDocument): RawDocument;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [];

/** The version of a document or link that states none: every such document was written for version 1. */
export const VERSION_WHEN_ABSENT = 1;

export type Migrated = { ok: true; doc: unknown; applied: readonly Migration[] } | { ok: false; error: FieldError };

function isObject(v: unknown): v is RawDocument {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The oldest version the migrations reach back to. */
function oldestVersion(migrations: readonly Migration[], current: number): number {
  return migrations.reduce((least, m) => Math.min(least, m.from), current);
}

function versionError(value: unknown, problem: string, migrations: readonly Migration[], current: number): FieldError {
  const oldest = oldestVersion(migrations, current);
  const allowed =
    oldest === current ? `${current}` : `an integer from ${oldest} to ${current} (older versions are migrated)`;
  return { path: 'version', value, allowed, message: `version: ${formatValue(value)} ${problem}; allowed: ${allowed}` };
}

/**
 * `doc` brought up to `current` by `migrations`, with the migrations applied;
 * a version newer than `current`, or one no migration starts from, is an
 * error. Anything that is not an object, or a version that is not an integer,
 * is passed on unchanged for the parser to report.
 */
export function migrateDocument(
  doc: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
  current: number = SCENARIO_VERSION,
): Migrated {
  if (!isObject(doc)) return { ok: true, doc, applied: [] };
  const stated = doc.version === undefined ? VERSION_WHEN_ABSENT : doc.version;
  if (typeof stated !== 'number' || !Number.isInteger(stated)) return { ok: true, doc, applied: [] };
  if (stated > current) {
    return {
      ok: false,
      error: versionError(
        stated,
        `is newer than this explorer reads (it reads version ${current} and migrates older ones)`,
        migrations,
        current,
      ),
    };
  }
  const applied: Migration[] = [];
  let version = stated;
  let out: RawDocument = doc;
  while (version < current) {
    const step = migrations.find((m) => m.from === version);
    if (!step)
      return {
        ok: false,
        error: versionError(
          stated,
          `is older than any migration reaches (no migration from version ${version})`,
          migrations,
          current,
        ),
      };
    out = { ...step.up(out), version: step.to };
    applied.push(step);
    version = step.to;
  }
  return { ok: true, doc: out, applied };
}
