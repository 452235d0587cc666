/**
 * The Gantt with playback: the bar above it, the cursor over it, the axis
 * kept fixed on request, and the previous schedule drawn faintly behind it.
 * Same props as <Gantt>.
 */
import { useEffect, useMemo } from 'react';
import { Gantt, type GanttProps } from '../gantt';
import { Cursor } from './Cursor';
import { PlaybackBar } from './PlaybackBar';
import { axisEndOf, noteSchedule, scheduleOf, updatePlayback, usePlayback } from './store';
import { playbackIndex } from './timeline';

export function PlaybackGantt({ evaluation, zoom, onZoom }: Pick<GanttProps, 'evaluation' | 'zoom' | 'onZoom'>) {
  const schedule = useMemo(() => scheduleOf(evaluation), [evaluation]);
  const index = useMemo(
    () => playbackIndex(evaluation.pipeline, evaluation.timeline, evaluation.transfers),
    [evaluation],
  );
  useEffect(() => updatePlayback((s) => noteSchedule(s, schedule)), [schedule]);
  // The ghost is the schedule before this one, once the store has seen this one.
  const ghost = usePlayback((s) => (s.ghost && s.current?.key === schedule.key ? s.previous : null));
  const axisEnd = usePlayback((s) => axisEndOf({ ...s, previous: ghost }, schedule.makespan));
  return (
    <Gantt
      evaluation={evaluation}
      zoom={zoom}
      onZoom={onZoom}
      axisEnd={axisEnd}
      ghost={ghost}
      toolbar={<PlaybackBar index={index} />}
      overlay={(layout) => <Cursor layout={layout} />}
    />
  );
}
