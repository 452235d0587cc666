/**
 * Zoom and pan of the Gantt's time window, as pure functions of the window
 * and the whole pipeline [0, makespan]. A result of null means "show all".
 */
import { clampWindow } from './layout';

export type Window = [number, number];

/** Zooms by `factor` (< 1 zooms in) keeping time `t` under the same pixel. */
export function zoomAround(current: Window | null, makespan: number, t: number, factor: number): Window | null {
  const [a, b] = current ?? [0, makespan];
  const at = Math.min(b, Math.max(a, t));
  return clampWindow([at - (at - a) * factor, at + (b - at) * factor], makespan);
}

/** Shifts the window by dt seconds, stopping at either end. */
export function panBy(current: Window | null, makespan: number, dt: number): Window | null {
  if (!current) return null;
  const span = current[1] - current[0];
  const a = Math.min(makespan - span, Math.max(0, current[0] + dt));
  return clampWindow([a, a + span], makespan);
}

/** Zoom factor of one wheel event: smooth for trackpads, one step per mouse notch. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(Math.max(-200, Math.min(200, px)) * 0.002);
}
