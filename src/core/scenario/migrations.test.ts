import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './defaults';
import { migrateDocument, MIGRATIONS, type Migration, type RawDocument } from './migrations';
import { parseScenario } from './parse';
import { SCENARIO_VERSION } from './schema';

/**
 * A test-only history: version 0 called tensor parallelism `parallel.tensorParallel`
 * and kept the micro-batch count at the top level; version 1 is today's format.
 */
const RENAME_TP: Migration = {
  from: 0,
  to: 1,
  describe: 'parallel.tensorParallel is now parallel.tp',
  up(doc: RawDocument) {
    const { tensorParallel, ...parallel } = (doc.parallel ?? {}) as RawDocument;
    return { ...doc, parallel: tensorParallel === undefined ? parallel : { ...parallel, tp: tensorParallel } };
  },
};
const MOVE_MICRO_BATCHES: Migration = {
  from: -1,
  to: 0,
  describe: 'microBatches moved into workload',
  up({ microBatches, ...doc }: RawDocument) {
    return microBatches === undefined ? doc : { ...doc, workload: { ...(doc.workload as RawDocument), microBatches } };
  },
};

describe('scenario versions', () => {
  it('is version 1 with no migrations yet: no field has changed meaning', () => {
    expect(SCENARIO_VERSION).toBe(1);
    expect(MIGRATIONS).toEqual([]);
    expect(DEFAULT_SCENARIO.version).toBe(1);
  });

  it('reads a document without a version, or with version 1, exactly as before', () => {
    const doc = { parallel: { tp: 8, dp: 1 }, workload: { mode: 'training' } };
    const without = parseScenario(doc);
    const with1 = parseScenario({ version: 1, ...doc });
    expect(without.ok && with1.ok).toBe(true);
    expect(with1).toEqual(without);
    expect(migrateDocument(doc)).toEqual({ ok: true, doc, applied: [] });
  });

  it('refuses a document newer than the code, naming version and what is allowed', () => {
    const r = parseScenario({ version: 2, parallel: { tp: 8 } });
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: 'version',
          value: 2,
          allowed: '1',
          message:
            'version: 2 is newer than this explorer reads (it reads version 1 and migrates older ones); allowed: 1',
        },
      ],
    });
  });

  it('refuses a version that no migration reaches', () => {
    const r = parseScenario({ version: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]!.message).toBe(
        'version: 0 is older than any migration reaches (no migration from version 0); allowed: 1',
      );
  });

  it('leaves a version that is not an integer to the field check', () => {
    const r = parseScenario({ version: '1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: 'version', value: '1' });
  });

  it('migrates an older document in order and lists what changed', () => {
    const old = { version: -1, microBatches: 4, parallel: { tensorParallel: 8, dp: 1 } };
    const frozen = JSON.stringify(old);
    const r = parseScenario(old, [RENAME_TP, MOVE_MICRO_BATCHES]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.version).toBe(1);
    expect(r.scenario.parallel.tp).toBe(8);
    expect(r.scenario.workload.microBatches).toBe(4);
    expect(r.assumptions.slice(0, 2)).toEqual([
      'read as version 0: microBatches moved into workload',
      'read as version 1: parallel.tensorParallel is now parallel.tp',
    ]);
    // The caller's document is left as it was.
    expect(JSON.stringify(old)).toBe(frozen);
    // The migrated document is today's: it parses to the same scenario without migrations.
    const today = parseScenario({ parallel: { tp: 8, dp: 1 }, workload: { microBatches: 4 } });
    expect(today.ok && today.scenario).toEqual(r.scenario);
  });

  it('names the versions a migration list reaches in the allowed text', () => {
    const r = migrateDocument({ version: 5 }, [RENAME_TP]);
    expect(r).toMatchObject({
      ok: false,
      error: { path: 'version', allowed: 'an integer from 0 to 1 (older versions are migrated)' },
    });
  });
});
