/**
 * What a GPU does at the playback cursor, as the grid colours it: the
 * Gantt's own block colours for computing (Okabe–Ito blue, orange, green),
 * Okabe–Ito reddish purple for communicating (apart from all three under
 * every common colour-vision deficiency), the bubble grey for waiting. Big
 * cells also carry a word, so colour is never the only cue.
 */
import { BLOCK_FILL, BUBBLE_FILL } from './colours';

/** What a GPU does at an instant of the pipeline: playback's vocabulary, read by the grid and the Gantt. */
export type PlayState = 'forward' | 'backward' | 'weights' | 'comm' | 'idle';

export const PLAY_STATES: readonly PlayState[] = ['forward', 'backward', 'weights', 'comm', 'idle'];

export interface StageNow {
  state: PlayState;
  /** The block the stage is in ("F3", "B3·1"), or null when it is not in one. */
  block: string | null;
}

export interface StateStyle {
  fill: string;
  text: string;
  /** The legend's words. */
  label: string;
  /** Inside a big cell when no block label applies. */
  short: string;
}

export const STATE_STYLE: Record<PlayState, StateStyle> = {
  forward: { fill: BLOCK_FILL.F, text: '#ffffff', label: 'computing forward', short: 'F' },
  backward: { fill: BLOCK_FILL.B, text: '#1b1f24', label: 'computing backward', short: 'B' },
  weights: { fill: BLOCK_FILL.W, text: '#ffffff', label: 'computing weight gradients', short: 'W' },
  comm: { fill: 'var(--play-comm)', text: '#1b1f24', label: 'communicating', short: 'comm' },
  // A mid grey: the bubble fill is light in the light theme and dark in the dark one.
  idle: { fill: BUBBLE_FILL, text: '#6e7781', label: 'waiting (idle: the pipeline bubble)', short: 'wait' },
};
