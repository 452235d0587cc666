/**
 * Playback state: how the page is shown, not what it shows, so it lives
 * outside the scenario store and the permalink (like presenter mode). The
 * transitions are pure functions of the state, tested without a DOM; the
 * store is a small zustand store the Gantt bar, its cursor and the GPU grid
 * share.
 */
import { useSyncExternalStore } from 'react';
import { createStore } from 'zustand/vanilla';
import type { Evaluation } from '../../core';
import type { GanttGhost } from '../gantt/ghost';

/** Wall-clock seconds one whole step takes to play, the speed choices (slow to fast). */
export const PACES = [30, 15, 8, 4, 2] as const;
export const DEFAULT_PACE = 8;

/** A schedule as remembered for "before / after". */
export interface Schedule extends GanttGhost {
  /** Tells two schedules apart (shape, block count, makespan). */
  key: string;
  /** "PP 2 × 8 micro-batches": what it was, in a few words. */
  what: string;
  /** The model and the mode: a schedule of another model is not a "before" worth drawing (its axis would squash this one). */
  family: string;
}

export interface PlaybackState {
  /** The cursor, seconds from the step's start; null: no cursor, the GPU grid shows its metric. */
  cursor: number | null;
  playing: boolean;
  /** Wall-clock seconds one whole step takes to play. */
  pace: number;
  /** "Keep the time axis fixed": its end in seconds, or null when off. */
  fixedAxis: number | null;
  /** Draw the previous schedule faintly behind the current one. */
  ghost: boolean;
  /** The schedule on screen and the last different one before it. */
  current: Schedule | null;
  previous: Schedule | null;
}

export const INITIAL: PlaybackState = {
  cursor: null,
  playing: false,
  pace: DEFAULT_PACE,
  fixedAxis: null,
  ghost: true,
  current: null,
  previous: null,
};

export function scheduleOf(e: Evaluation): Schedule {
  const p = e.pipeline;
  let makespan = p.makespanSeconds;
  for (const b of e.timeline) if (b.end > makespan) makespan = b.end;
  return {
    key: `${p.schedule}|${p.stages}|${p.virtualStages}|${p.microBatches}|${e.timeline.length}|${makespan}`,
    family: `${e.scenario.model.name}|${e.scenario.workload.mode}`,
    what: `PP ${p.stages} × ${p.microBatches} micro-batch${p.microBatches === 1 ? '' : 'es'}`,
    timeline: e.timeline,
    makespan,
    stages: p.stages,
  };
}

/** A new schedule on screen: the one before it becomes "previous" (none after a change of model or mode); the same schedule again changes nothing. */
export function noteSchedule(s: PlaybackState, next: Schedule): PlaybackState {
  if (s.current?.key === next.key) return s;
  return { ...s, previous: s.current?.family === next.family ? s.current : null, current: next };
}

/** Play or pause. Playing from no cursor or from the end starts at 0. */
export function togglePlay(s: PlaybackState, makespan: number): PlaybackState {
  if (s.playing) return { ...s, playing: false };
  const from = s.cursor === null || s.cursor >= makespan ? 0 : s.cursor;
  return { ...s, playing: true, cursor: from };
}

/** The cursor after `wallSeconds` of playing; playback stops at the end of the step. */
export function advance(s: PlaybackState, wallSeconds: number, makespan: number): PlaybackState {
  if (!s.playing || !(makespan > 0)) return s;
  const t = (s.cursor ?? 0) + (wallSeconds / s.pace) * makespan;
  return t >= makespan ? { ...s, cursor: makespan, playing: false } : { ...s, cursor: t };
}

/** Moves the cursor by hand (step, scrub): playback pauses. */
export function seek(s: PlaybackState, t: number, makespan: number): PlaybackState {
  return { ...s, playing: false, cursor: Math.min(makespan, Math.max(0, t)) };
}

/** The axis end the Gantt keeps: the fixed span (never shorter than this step), and the previous step when its ghost is drawn. */
export function axisEndOf(s: PlaybackState, makespan: number): number | null {
  const ghost = s.ghost && s.previous ? s.previous.makespan : 0;
  if (s.fixedAxis === null && ghost === 0) return null;
  return Math.max(makespan, s.fixedAxis ?? 0, ghost);
}

export const playbackStore = createStore<PlaybackState>(() => INITIAL);

/** A slice of the playback state; select primitives or stored objects, so equal slices skip the render. The server snapshot is the live state too (static renders in tests see it). */
export function usePlayback<T>(select: (s: PlaybackState) => T): T {
  const get = () => select(playbackStore.getState());
  return useSyncExternalStore(playbackStore.subscribe, get, get);
}

export function updatePlayback(f: (s: PlaybackState) => PlaybackState): void {
  const before = playbackStore.getState();
  const after = f(before);
  if (after !== before) playbackStore.setState(after, true);
}
