/** GPU-grid heatmap: component, pure layout and helpers. */
export { Heatmap, HEATMAP_SVG_MAX, heatmapSummary, type HeatmapProps } from './Heatmap';
export {
  heatmapLayout,
  hitTest,
  neighbour,
  groupOf,
  type HeatmapLayout,
  type HeatCell,
  type NodeFrame,
  type HeatmapInput,
  type GpuGroups,
} from './layout';
export { selectionOutlines, relatedRanks, RELATION_STYLES, type Relation, type Outline } from './highlight';
export { metricValue, metricDomain } from './colour';
