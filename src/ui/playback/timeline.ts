/**
 * Pipeline playback, the pure part: what each pipeline stage (and so each of
 * its GPUs) does at an instant t of the simulated step, and the instants
 * where that changes (the "events" the step buttons move between). No DOM.
 *
 * A stage at time t is, in this order of precedence:
 *   - inside a block's exposed TP/EP communication tail → 'comm'
 *   - inside a block otherwise → 'forward' (F), 'backward' (B), 'weights' (W)
 *   - idle while an activation or gradient it sends or receives is on the
 *     wire (a pipeline transfer) → 'comm'
 *   - otherwise → 'idle' (the pipeline bubble: it waits for an input).
 * Intervals are half-open [start, end): at a block's end the next one counts.
 *
 * @example
 *   const ix = playbackIndex(e.pipeline, e.timeline, e.transfers);
 *   stageStatesAt(ix, 0.5).map((s) => s.state); // ['forward', 'idle'] for GPipe P=2 at t in F0
 *   nextEvent(ix, 0);                           // the first block end
 */
import type { PipelineSummary, TimelineBlock, TimelineTransfer } from '../../core';
import { blockCommSeconds } from '../gantt/comm';
import type { PlayState, StageNow } from '../gantt/playStates';

/** Intervals of one stage sorted by start, with the running maximum of their ends (so overlaps are found exactly). */
interface Lane {
  starts: number[];
  ends: number[];
  maxEnd: number[];
  /** Payload index of each interval. */
  ids: number[];
}

export interface PlaybackIndex {
  stages: number;
  /** The end of the simulated pipeline, seconds. */
  makespan: number;
  blocks: TimelineBlock[];
  /** Exposed comm at the tail of each block, seconds. */
  comm: number[];
  blockLanes: Lane[];
  transferLanes: Lane[];
  interleaved: boolean;
  /** Every instant where some stage may change state, ascending, without duplicates; starts at 0, ends at the makespan. */
  events: number[];
}

function lane(list: { start: number; end: number; id: number }[]): Lane {
  list.sort((a, b) => a.start - b.start || a.end - b.end);
  const l: Lane = { starts: [], ends: [], maxEnd: [], ids: [] };
  let max = -Infinity;
  for (const x of list) {
    max = Math.max(max, x.end);
    l.starts.push(x.start);
    l.ends.push(x.end);
    l.maxEnd.push(max);
    l.ids.push(x.id);
  }
  return l;
}

/** The interval of a lane holding t (the latest-starting one), or -1. Binary search, then back while an earlier one may still run. */
function find(l: Lane, t: number): number {
  let lo = 0;
  let hi = l.starts.length - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (l.starts[mid] <= t) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (; k >= 0 && l.maxEnd[k] > t; k--) if (l.ends[k] > t) return l.ids[k];
  return -1;
}

export function playbackIndex(
  pipeline: PipelineSummary,
  timeline: readonly TimelineBlock[],
  transfers: readonly TimelineTransfer[],
): PlaybackIndex {
  const stages = Math.max(1, pipeline.stages);
  const commOf = blockCommSeconds(pipeline);
  let makespan = pipeline.makespanSeconds;
  for (const b of timeline) if (b.end > makespan) makespan = b.end;
  const perStage: { start: number; end: number; id: number }[][] = Array.from({ length: stages }, () => []);
  const perStageT: { start: number; end: number; id: number }[][] = Array.from({ length: stages }, () => []);
  const comm: number[] = [];
  const times: number[] = [0, makespan];
  timeline.forEach((b, i) => {
    const c = commOf(b);
    comm.push(c);
    perStage[b.stage]?.push({ start: b.start, end: b.end, id: i });
    times.push(b.start, b.end);
    if (c > 0) times.push(b.end - c);
  });
  transfers.forEach((t, i) => {
    if (!(t.end > t.start)) return;
    perStageT[t.fromStage]?.push({ start: t.start, end: t.end, id: i });
    if (t.toStage !== t.fromStage) perStageT[t.toStage]?.push({ start: t.start, end: t.end, id: i });
    times.push(t.start, t.end);
  });
  times.sort((a, b) => a - b);
  // Instants closer than a billionth of the step are one event (float sums of the same durations).
  const eps = makespan * 1e-9;
  const events: number[] = [];
  for (const t of times)
    if (t >= 0 && t <= makespan && (events.length === 0 || t - events[events.length - 1] > eps)) events.push(t);
  return {
    stages,
    makespan,
    blocks: timeline as TimelineBlock[],
    comm,
    blockLanes: perStage.map(lane),
    transferLanes: perStageT.map(lane),
    interleaved: Math.max(1, pipeline.virtualStages) > 1,
    events,
  };
}

const KIND_STATE: Record<TimelineBlock['kind'], PlayState> = { F: 'forward', B: 'backward', W: 'weights' };

/** What each stage does at time t (seconds from the step's start). */
export function stageStatesAt(ix: PlaybackIndex, t: number): StageNow[] {
  const out: StageNow[] = [];
  for (let s = 0; s < ix.stages; s++) {
    const i = find(ix.blockLanes[s], t);
    if (i >= 0) {
      const b = ix.blocks[i];
      const label = `${b.kind}${b.microBatch}${ix.interleaved ? `·${b.chunk}` : ''}`;
      out.push({ state: t >= b.end - ix.comm[i] ? 'comm' : KIND_STATE[b.kind], block: label });
    } else {
      out.push({ state: find(ix.transferLanes[s], t) >= 0 ? 'comm' : 'idle', block: null });
    }
  }
  return out;
}

/** The first event after t (the makespan when none is left). */
export function nextEvent(ix: PlaybackIndex, t: number): number {
  const eps = ix.makespan * 1e-9;
  for (const e of ix.events) if (e > t + eps) return e;
  return ix.makespan;
}

/** The last event before t (0 when none). */
export function previousEvent(ix: PlaybackIndex, t: number): number {
  const eps = ix.makespan * 1e-9;
  for (let k = ix.events.length - 1; k >= 0; k--) if (ix.events[k] < t - eps) return ix.events[k];
  return 0;
}

/** "forward idle": the stages' states in stage order, for data attributes and for telling two instants apart. */
export function statesKey(states: readonly StageNow[]): string {
  return states.map((s) => s.state).join(' ');
}
