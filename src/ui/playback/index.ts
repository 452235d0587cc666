/** Pipeline playback (issue 9, item 2): the pure timeline logic, its store, and the Gantt and grid that show it. */
export { playbackIndex, stageStatesAt, nextEvent, previousEvent, statesKey, type PlaybackIndex } from './timeline';
export { PLAY_STATES, type PlayState, type StageNow } from '../gantt/playStates';
export { PlaybackGantt } from './PlaybackGantt';
export { PlaybackHeatmap } from './PlaybackHeatmap';
