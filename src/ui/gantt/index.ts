/** Pipeline Gantt chart: component, pure layout, zoom helpers and the bubble comparison. */
export { Gantt, GANTT_SVG_MAX, ganttSummary, type GanttProps } from './Gantt';
export {
  ganttLayout,
  hitTest,
  bubbleAt,
  clampWindow,
  blockLabel,
  type GanttLayout,
  type GanttBlock,
  type GanttBubble,
  type GanttRow,
  type GanttTransfer,
  type GanttInput,
} from './layout';
export { zoomAround, panBy, wheelFactor } from './zoom';
export { compareBubble, type BubbleComparison } from './bubbleNote';
export { ghostMarks, type GanttGhost, type GhostMarks, type GhostSpan } from './ghost';
export { blockCommSeconds } from './comm';
