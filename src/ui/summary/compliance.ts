/**
 * Plain-language view of the target checks: each compliance entry becomes a
 * badge model (status, value, limit with its direction), kept pure so tests
 * can pin the words without rendering.
 */
import type { ComplianceEntry, Evaluation } from '../../core';
import { isTargetId, TARGETS } from '../../core';
import { formatMetric } from '../format';

export type BadgeStatus = 'pass' | 'fail' | 'na';

export interface BadgeModel {
  target: string;
  status: BadgeStatus;
  label: string;
  value: string;
  /** "≤ 50 ms" / "≥ 90%", or null when the target is switched off. */
  limit: string | null;
  /** Extra context in other units, e.g. the GB behind a memory share. */
  detail: string | null;
  icon: string;
  word: string;
  /** The whole badge as one sentence, for screen readers and tooltips. */
  sentence: string;
}

export const STATUS_ICON: Record<BadgeStatus, string> = { pass: '✓', fail: '✗', na: '–' };
export const STATUS_WORD: Record<BadgeStatus, string> = { pass: 'pass', fail: 'fail', na: 'no target' };

export function badgeStatus(entry: ComplianceEntry): BadgeStatus {
  return entry.pass === null ? 'na' : entry.pass ? 'pass' : 'fail';
}

export function badgeModel(entry: ComplianceEntry, evaluation: Evaluation): BadgeModel {
  const status = badgeStatus(entry);
  // A training run's latency is its step time: the badge says so, as the headline does.
  const training = evaluation.scenario.workload.mode === 'training';
  const def = isTargetId(entry.target) ? TARGETS[entry.target] : null;
  const label = def ? (training && def.trainingLabel) || def.label : entry.target;
  const value = formatMetric(entry.target, entry.value);
  const op = entry.kind === 'max' ? '≤' : '≥';
  const limit = entry.limit === null ? null : `${op} ${formatMetric(entry.target, entry.limit)}`;
  // A share (memory of capacity) is made concrete in its own units.
  const detail = def?.detail?.(evaluation) ?? null;
  const direction = entry.kind === 'max' ? 'at most' : 'at least';
  const sentence =
    entry.limit === null
      ? `${label}: ${value}; no target set.`
      : `${label}: ${value}, target ${direction} ${formatMetric(entry.target, entry.limit)}: ${status === 'pass' ? 'passes' : status === 'fail' ? 'fails' : 'not applicable'}.`;
  return {
    target: entry.target,
    status,
    label,
    value,
    limit,
    detail,
    icon: STATUS_ICON[status],
    word: STATUS_WORD[status],
    sentence,
  };
}
