/**
 * The view part of a link: `view.metric`, `view.gpu`, `view.zoom`, `view.search`, `view.walk`, `view.vs`. Only what
 * differs from DEFAULT_VIEW is written, so a plain link stays short.
 */
import {
  DEFAULT_VIEW,
  HEATMAP_METRICS,
  PARAM_CHART_METRICS,
  type HeatmapMetric,
  type ParamChartMetric,
  type ViewState,
} from '../view';
import { SWEEP_PARAMETERS, type SweepParameterId } from '../../core';
import { formatSearch, readSearch } from './search-param';
import { formatNumber, parseNumber } from './values';

export const VIEW_PREFIX = 'view.';
export const VIEW_KEYS = [
  'metric',
  'gpu',
  'zoom',
  'search',
  'walk',
  'vs',
] as const satisfies readonly (keyof ViewState)[];
type ViewKey = (typeof VIEW_KEYS)[number];

/** Largest GPU rank worth keeping: hardware.count is at most 1,000,000. */
const MAX_RANK = 999_999;

function sameValue(a: unknown, b: unknown): boolean {
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function formatView(key: ViewKey, view: ViewState): string {
  switch (key) {
    case 'metric':
      return view.metric;
    case 'gpu':
      return view.gpu === null ? 'null' : formatNumber(view.gpu);
    case 'zoom':
      // A literal comma is valid in a query string and reads better than %2C.
      return view.zoom === null ? 'null' : view.zoom.map(formatNumber).join(',');
    case 'search':
      return formatSearch(view.search ?? null);
    case 'walk':
      return view.walk == null ? 'null' : formatNumber(view.walk);
    case 'vs':
      // "mfu,tp": MFU against TP.
      return view.vs == null ? 'null' : `${view.vs.metric},${view.vs.parameter}`;
  }
}

/** `view.*` parameters for the fields of `view` that differ from DEFAULT_VIEW, as raw "name=value" text. */
export function encodeView(view: ViewState): string[] {
  return VIEW_KEYS.filter((k) => !sameValue(view[k], DEFAULT_VIEW[k])).map(
    (k) => `${VIEW_PREFIX}${k}=${formatView(k, view)}`,
  );
}

/** What to apply (nothing when the value is unusable), and a message when the value was not taken as given. */
export interface ViewRead {
  patch: Partial<ViewState>;
  message?: string;
}

const METRIC_IDS = HEATMAP_METRICS.map((m) => m.id);

/** Read one `view.<key>` parameter; `key` is the part after "view.". */
export function readViewParam(key: string, text: string): ViewRead | undefined {
  switch (key) {
    case 'metric':
      if ((METRIC_IDS as string[]).includes(text)) return { patch: { metric: text as HeatmapMetric } };
      return {
        patch: {},
        message: `view.metric: ${JSON.stringify(text)} is not a heatmap metric (allowed: one of ${METRIC_IDS.join(', ')}); using ${DEFAULT_VIEW.metric}`,
      };
    case 'gpu':
      return readGpu(text);
    case 'zoom':
      return readZoom(text);
    case 'search':
      return readSearch(text);
    case 'walk':
      return readWalk(text);
    case 'vs':
      return readVs(text);
    default:
      return undefined;
  }
}

function readGpu(text: string): ViewRead {
  if (text === 'null') return { patch: { gpu: null } };
  const n = parseNumber(text);
  const allowed = `(allowed: null or an integer from 0 to ${MAX_RANK})`;
  if (n === undefined)
    return { patch: {}, message: `view.gpu: ${JSON.stringify(text)} is not a GPU rank ${allowed}; no GPU selected` };
  const rank = Math.min(MAX_RANK, Math.max(0, Math.round(n)));
  if (rank !== n)
    return { patch: { gpu: rank }, message: `view.gpu: ${text} is not a GPU rank ${allowed}; using ${rank}` };
  return { patch: { gpu: rank } };
}

function readZoom(text: string): ViewRead {
  if (text === 'null') return { patch: { zoom: null } };
  const parts = text.split(',').map(parseNumber);
  const [start, end] = parts;
  if (
    parts.length === 2 &&
    start !== undefined &&
    end !== undefined &&
    Number.isFinite(start) &&
    Number.isFinite(end) &&
    start >= 0 &&
    start < end
  ) {
    return { patch: { zoom: [start, end] } };
  }
  return {
    patch: {},
    message: `view.zoom: ${JSON.stringify(text)} is not a time window (allowed: null or start,end in seconds with 0 <= start < end); showing the whole step`,
  };
}

/** Largest walk step worth keeping (the walk clamps to its last step). */
const MAX_WALK_STEP = 1000;

function readWalk(text: string): ViewRead {
  if (text === 'null') return { patch: { walk: null } };
  const n = parseNumber(text);
  const allowed = `(allowed: null or a step number from 1 to ${MAX_WALK_STEP})`;
  if (n === undefined || !Number.isFinite(n))
    return {
      patch: {},
      message: `view.walk: ${JSON.stringify(text)} is not a step of the walk ${allowed}; the walk stays closed`,
    };
  const step = Math.min(MAX_WALK_STEP, Math.max(1, Math.round(n)));
  if (step !== n)
    return { patch: { walk: step }, message: `view.walk: ${text} is not a step of the walk ${allowed}; using ${step}` };
  return { patch: { walk: step } };
}

function readVs(text: string): ViewRead {
  if (text === 'null') return { patch: { vs: null } };
  const [metric, parameter] = text.split(',');
  const params = SWEEP_PARAMETERS.map((p) => p.id) as string[];
  if (
    (PARAM_CHART_METRICS as readonly string[]).includes(metric) &&
    params.includes(parameter) &&
    text.split(',').length === 2
  ) {
    return { patch: { vs: { metric: metric as ParamChartMetric, parameter: parameter as SweepParameterId } } };
  }
  return {
    patch: {},
    message: `view.vs: ${JSON.stringify(text)} is not a metric and a parameter (allowed: metric,parameter with a metric of ${PARAM_CHART_METRICS.join(', ')} and a parameter of ${params.join(', ')}); showing latency against micro-batches`,
  };
}
