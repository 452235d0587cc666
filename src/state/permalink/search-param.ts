/**
 * `view.search`: the strategy search in a link, readable and short:
 * `view.search=throughput,tp:8,schedule:1f1b,mb:64` (objective first, then
 * the narrowing). A link with it opens with the search run.
 */
import { OBJECTIVES, type Objective } from '../../core';
import { scheduleIds } from '../../core';
import type { SearchView } from '../view';
import { fieldByPath } from '../../core';
import type { Recompute } from '../../core';

export function formatSearch(s: SearchView | null): string {
  if (s === null) return 'null';
  const parts: string[] = [s.objective];
  if (s.tpMax !== null) parts.push(`tp:${s.tpMax}`);
  if (s.schedule !== null) parts.push(`schedule:${s.schedule}`);
  if (s.microBatchesMax !== null) parts.push(`mb:${s.microBatchesMax}`);
  if (s.recompute != null) parts.push(`rc:${s.recompute}`);
  if (s.zeroStage != null) parts.push(`zero:${s.zeroStage}`);
  if (s.sequenceParallel != null) parts.push(`sp:${s.sequenceParallel ? 1 : 0}`);
  return parts.join(',');
}

const positiveInt = (text: string): number | null => (/^[1-9]\d{0,6}$/.test(text) ? Number(text) : null);

export function readSearch(text: string): { patch: { search?: SearchView | null }; message?: string } {
  if (text === 'null') return { patch: {} };
  const [objective, ...rest] = text.split(',');
  const bad = (why: string) => ({
    patch: {},
    message: `view.search: ${JSON.stringify(text)} ${why}; no search opened`,
  });
  if (!(OBJECTIVES as readonly string[]).includes(objective))
    return bad(`does not start with an objective (one of ${OBJECTIVES.join(', ')})`);
  const search: SearchView = { objective: objective as Objective, tpMax: null, schedule: null, microBatchesMax: null };
  for (const part of rest) {
    const at = part.indexOf(':');
    const key = part.slice(0, at);
    const value = part.slice(at + 1);
    if (key === 'tp' && positiveInt(value) !== null) search.tpMax = positiveInt(value);
    else if (key === 'mb' && positiveInt(value) !== null) search.microBatchesMax = positiveInt(value);
    else if (key === 'schedule' && (scheduleIds() as string[]).includes(value)) search.schedule = value;
    else if (key === 'rc' && (fieldByPath('workload.recompute')?.values ?? []).includes(value))
      search.recompute = value as Recompute;
    else if (key === 'zero' && /^[0-3]$/.test(value)) search.zeroStage = Number(value) as 0 | 1 | 2 | 3;
    else if (key === 'sp' && /^[01]$/.test(value)) search.sequenceParallel = value === '1';
    else
      return bad(
        `has an unknown part ${JSON.stringify(part)} (allowed: tp:N, schedule:ID, mb:N, rc:MODE, zero:0-3, sp:0|1)`,
      );
  }
  return { patch: { search } };
}
