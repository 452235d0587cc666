/**
 * Runs a search in the worker pool and holds its rows: partial results as
 * they arrive (flushed at most once per frame), progress, cancel.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../core';
import type { Narrowing, SearchRow } from '../../core';
import { startSearch, type RunningSearch } from '../../worker/searchPool';

export interface SearchRunState {
  /** `ended-early`: a part of the space was lost with its workers; the rows received are kept. */
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error' | 'ended-early';
  rows: SearchRow[];
  /** Strategies to search (counted before the run; 0 until known when the run started before its count). */
  total: number;
  found: number;
  evaluated: number;
  seconds: number;
  current: SearchRow | null;
  error: string | null;
  /** What the user should know about a run that ended (a worker restarted, or why it ended early). */
  note: string | null;
}

const IDLE: SearchRunState = {
  status: 'idle',
  rows: [],
  total: 0,
  found: 0,
  evaluated: 0,
  seconds: 0,
  current: null,
  error: null,
  note: null,
};

export function useSearchRun() {
  const [state, setState] = useState<SearchRunState>(IDLE);
  const running = useRef<RunningSearch | null>(null);
  const buffer = useRef<SearchRow[]>([]);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    const add = buffer.current;
    buffer.current = [];
    if (add.length) setState((s) => ({ ...s, rows: s.rows.concat(add), found: s.found + add.length }));
  }, []);

  const cancel = useCallback(() => {
    running.current?.cancel();
    running.current = null;
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    flush();
    setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled' } : s));
  }, [flush]);

  const run = useCallback(
    (scenario: Scenario, narrowing: Narrowing, total: number | null) => {
      running.current?.cancel();
      buffer.current = [];
      setState({ ...IDLE, status: 'running', total: total ?? 0 });
      const started = performance.now();
      running.current = startSearch(scenario, narrowing, {
        onRows(rows) {
          buffer.current.push(...rows);
          if (frame.current === null) frame.current = requestAnimationFrame(flush);
        },
        onDone(summary) {
          running.current = null;
          if (frame.current !== null) cancelAnimationFrame(frame.current);
          flush();
          const note =
            summary.restarted > 0
              ? `${summary.restarted === 1 ? 'One search worker' : `${summary.restarted} search workers`} stopped and ${summary.restarted === 1 ? 'was' : 'were'} restarted; every strategy was searched.`
              : null;
          setState((s) => ({
            ...s,
            status: 'done',
            total: summary.enumerated,
            evaluated: summary.evaluated,
            seconds: (performance.now() - started) / 1000,
            current: summary.current,
            note,
          }));
        },
        onEndedEarly({ found, seconds, reason }) {
          running.current = null;
          if (frame.current !== null) cancelAnimationFrame(frame.current);
          flush();
          setState((s) => ({ ...s, status: 'ended-early', seconds, note: endedEarlyMessage(reason, found, s.total) }));
        },
        onError(message) {
          running.current = null;
          if (frame.current !== null) cancelAnimationFrame(frame.current);
          flush();
          setState((s) => ({ ...s, status: 'error', error: message }));
        },
      });
    },
    [flush],
  );

  useEffect(() => () => running.current?.cancel(), []);
  return { state, run, cancel };
}

/** "A search worker stopped (…): 41,200 of 71,304 strategies searched; the rows found are shown, ranked." */
export function endedEarlyMessage(reason: string, found: number, total: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const searched = total > 0 ? `${n(found)} of ${n(total)} strategies searched` : `${n(found)} strategies searched`;
  return `${reason}: ${searched}; the rows found are shown, ranked. Search again to search them all.`;
}
