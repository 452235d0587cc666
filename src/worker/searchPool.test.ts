/**
 * The search pool with fake search workers over a MessageChannel (Comlink
 * speaks to any MessagePort): a worker that dies has its part searched again
 * on a fresh worker, with no row twice; a part on which the fresh worker dies
 * too ends the search early, with the rows received kept. The watchdog runs on
 * fake timers; every other wait is for the answers themselves.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseScenario, type Scenario } from '../core';
import type { SearchRow } from '../core';
import { startSearch, type PoolCallbacks } from './searchPool';
import { until, fakeComlinkWorker, type FakeWorker } from '../../test/fakeWorker';

const made: { terminate(): void }[] = [];
afterEach(() => {
  made.splice(0).forEach((w) => w.terminate());
  vi.useRealTimers();
});

/** What a fake worker does with its part: 'ok' searches it all; 'crash' and 'silent' die after the first batch, with and without an error event. */
type Fate = 'ok' | 'crash' | 'silent';

/** The strategies of the fake space: ids 0..19; part i of k holds the ids with id % k === i, sent in batches of two. */
const SPACE = 20;
const idsOf = (part: { index: number; of: number }) =>
  Array.from({ length: SPACE }, (_, i) => i).filter((i) => i % part.of === part.index);
const row = (id: number) => ({ id, meetsTargets: false }) as unknown as SearchRow;

/** A fake search worker; `fate(part)` decides how its run ends (called once the part is known). */
function fakeSearchWorker(fate: (part: { index: number; of: number }) => Fate): Worker {
  const w: FakeWorker = fakeComlinkWorker(
    {
      async run(
        _s: Scenario,
        _n: unknown,
        part: { index: number; of: number },
        onRows: (rows: SearchRow[], done: number) => Promise<void>,
      ) {
        const ids = idsOf(part);
        const how = fate(part);
        for (let i = 0; i < ids.length; i += 2) {
          await onRows(ids.slice(i, i + 2).map(row), i + 2);
          if (how !== 'ok') {
            if (how === 'crash') w.crash('out of memory');
            return new Promise(() => {}); // never answers: the worker is gone
          }
        }
        return { enumerated: ids.length, evaluated: ids.length, current: row(-1) };
      },
    },
    made,
  );
  return w as unknown as Worker;
}

const scenario = (parseScenario({}) as { ok: true; scenario: Scenario }).scenario;

/** Runs a search of 2 workers; `fates[n]` is the fate of the n-th worker created (then 'ok'). */
function search(fates: Fate[], options: { endedEarly?: boolean; silenceMs?: number } = {}) {
  let created = 0;
  const rows: number[] = [];
  const log: {
    done?: Parameters<PoolCallbacks['onDone']>[0];
    ended?: { found: number; reason: string };
    error?: string;
  } = {};
  const callbacks: PoolCallbacks = {
    onRows: (batch) => rows.push(...batch.map((r) => r.id)),
    onDone: (summary) => {
      log.done = summary;
    },
    onError: (message) => {
      log.error = message;
    },
    ...(options.endedEarly === false
      ? {}
      : {
          onEndedEarly: (s: { found: number; reason: string }) => {
            log.ended = s;
          },
        }),
  };
  const running = startSearch(scenario, {}, callbacks, {
    workers: 2,
    silenceMs: options.silenceMs,
    createWorker: () => {
      const fate = fates[created++] ?? 'ok';
      return fakeSearchWorker(() => fate);
    },
  });
  return { rows, log, running, created: () => created };
}

describe('search pool', () => {
  it('a worker that crashes mid-part: a fresh one searches that part again; every strategy arrives once and the search ends well', async () => {
    const s = search(['crash', 'ok']);
    await until(() => s.log.done !== undefined || s.log.error !== undefined, 'the end of the search');
    expect(s.log.error).toBeUndefined();
    expect(s.log.done).toMatchObject({ enumerated: SPACE, evaluated: SPACE, restarted: 1 });
    expect(s.created()).toBe(3);
    expect([...s.rows].sort((a, b) => a - b)).toEqual(Array.from({ length: SPACE }, (_, i) => i));
  });

  it('a part on which the fresh worker dies too: the search ends early, the rows received are kept, the message says why', async () => {
    // Worker 0 (part 0) crashes after its first batch; worker 2, its replacement, too; worker 1 searches part 1 to the end.
    const s = search(['crash', 'ok', 'crash']);
    await until(() => s.log.ended !== undefined || s.log.done !== undefined, 'the end of the search');
    expect(s.log.done).toBeUndefined();
    // Part 1's ten rows, and part 0's first batch (rows 0 and 2) once although both workers sent it.
    expect([...s.rows].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(s.log.ended).toMatchObject({
      found: 12,
      reason: 'A search worker stopped (it crashed: out of memory), and so did a fresh one on the same part',
    });
  });

  it('without an onEndedEarly, a search that ended early is an error (no caller takes part of the space for all of it)', async () => {
    const s = search(['crash', 'ok', 'crash'], { endedEarly: false });
    await until(() => s.log.error !== undefined || s.log.done !== undefined, 'the end of the search');
    expect(s.log.error).toMatch(/^A search worker stopped \(it crashed: out of memory\).*: the search ended early$/);
  });

  it('a worker that goes silent (killed, no error event) is taken for dead after silenceMs, and its part searched again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const s = search(['silent', 'ok'], { silenceMs: 1000 });
    // Both parts' first batches, and all of part 1.
    await until(() => s.rows.length === 12, 'the rows sent before the silence');
    expect(s.created()).toBe(2);
    vi.advanceTimersByTime(999);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(s.created()).toBe(2);
    vi.advanceTimersByTime(1);
    await until(() => s.created() === 3, 'the fresh worker');
    await until(() => s.log.done !== undefined, 'the end of the search');
    expect(s.log.done).toMatchObject({ enumerated: SPACE, restarted: 1 });
    expect(s.rows.length).toBe(SPACE);
  });
});
