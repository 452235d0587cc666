/**
 * The GPU grid with playback: while a cursor is set it colours each GPU by
 * what its pipeline stage does at that instant. It re-renders only when a
 * stage changes state, not on every frame of the animation.
 */
import { useMemo } from 'react';
import { Heatmap, type HeatmapProps } from '../heatmap';
import { formatSeconds } from '../format';
import { updatePlayback, usePlayback } from './store';
import { playbackIndex, stageStatesAt } from './timeline';
import css from './playback.module.css';

export function PlaybackHeatmap(props: Omit<HeatmapProps, 'playback'>) {
  const e = props.evaluation;
  const index = useMemo(() => playbackIndex(e.pipeline, e.timeline, e.transfers), [e]);
  // The states (and their blocks) at the cursor, as a string: equal strings skip the render.
  const key = usePlayback((s) =>
    s.cursor === null ? '' : JSON.stringify(stageStatesAt(index, Math.min(s.cursor, index.makespan))),
  );
  const weights = useMemo(() => e.timeline.some((b) => b.kind === 'W'), [e]);
  const playback = useMemo(
    () =>
      key === ''
        ? null
        : {
            stages: JSON.parse(key),
            weights,
            caption: (
              <>
                <CursorTime />{' '}
                <button
                  type="button"
                  className={css.linkButton}
                  onClick={() => updatePlayback((s) => ({ ...s, cursor: null, playing: false }))}
                >
                  Show the metric again
                </button>
              </>
            ),
          },
    [key, weights],
  );
  return <Heatmap {...props} playback={playback} />;
}

function CursorTime() {
  const t = usePlayback((s) => s.cursor);
  return t === null ? null : <span className="num">Now at {formatSeconds(t)} of the step.</span>;
}
