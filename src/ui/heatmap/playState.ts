/**
 * The GPU grid during pipeline playback: every GPU of pipeline stage s takes
 * the state of stage s at the cursor (its ranks share coords.pp), so the
 * cells show which GPUs compute, communicate or wait at that instant. Pure:
 * a new layout with the cells recoloured; ranks without a GPU stay hatched.
 */
import type { GpuEntry } from '../../core';
import { STATE_STYLE } from '../gantt/playStates';
import { PLAY_STATES, type PlayState, type StageNow } from '../gantt/playStates';
import type { HeatmapLayout } from './layout';

export interface PlayStates {
  /** What each pipeline stage does at the cursor, by stage. */
  stages: readonly StageNow[];
  /** The schedule runs separate weight-gradient (W) blocks: the legend lists them. */
  weights?: boolean;
}

/** GPUs in each state (GPUs in the cluster only), in legend order. */
export type StateCounts = Record<PlayState, number>;

export function withPlayStates(
  layout: HeatmapLayout,
  perGpu: readonly GpuEntry[],
  play: PlayStates,
): { layout: HeatmapLayout; counts: StateCounts } {
  const counts = Object.fromEntries(PLAY_STATES.map((s) => [s, 0])) as StateCounts;
  const cells = layout.cells.map((c, i) => {
    const g = perGpu[i];
    if (!c.inCluster || !g) return c;
    const now = play.stages[g.coords.pp];
    const state: PlayState = now?.state ?? 'idle';
    counts[state]++;
    const st = STATE_STYLE[state];
    const block = now?.block && state !== 'comm' ? now.block : null;
    return {
      ...c,
      state,
      fill: st.fill,
      textFill: st.text,
      label: `${st.label}${now?.block ? ` (${now.block})` : ''}`,
      short: block ?? st.short,
      alarm: false,
    };
  });
  return { layout: { ...layout, cells, alarms: 0, applicable: true }, counts };
}

/** "8 computing forward, 8 waiting": the grid at the cursor in words. */
export function countsText(counts: StateCounts): string {
  return PLAY_STATES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${STATE_STYLE[s].label.replace(/ \(.*\)$/, '')}`)
    .join(', ');
}
