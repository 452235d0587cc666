/**
 * What the first screen says before anything else (issue 9, item 9): the
 * verdict, the strategy in one line, and the top reason. Pure, so tests pin
 * the words without rendering.
 */
import { scheduleById } from '../../core';
import type { Evaluation } from '../../core';
import { sortViolations } from './issues';
import { badgeModel } from './compliance';
import { plural, grouped } from '../format';
import { gpuPreset } from '../../core';

export type VerdictTone = 'fail' | 'warn' | 'pass';

export interface FirstScreen {
  tone: VerdictTone;
  verdict: string;
  strategy: string;
  reason: string;
  errors: number;
  warnings: number;
}

/** "TP 4 × PP 4 × DP 2, EP 16 · 1F1B, 8 micro-batches · Seed MoE on 16 × H100 · inference prefill". */
export function strategyLine(e: Evaluation): string {
  const { parallel: p, workload: w, model, hardware: hw } = e.scenario;
  const degrees = `TP ${p.tp} × PP ${p.pp} × DP ${p.dp}${model.moe ? `, EP ${p.ep}${p.etp > 1 ? `, ETP ${p.etp}` : ''}` : ''}`;
  const sched =
    p.pp > 1
      ? `${scheduleById(p.schedule).label}, ${plural(w.microBatches, 'micro-batch', 'micro-batches')}`
      : plural(w.microBatches, 'micro-batch', 'micro-batches');
  const mode = w.mode === 'training' ? 'training' : `inference ${w.phase}`;
  return `${degrees} · ${sched} · ${model.name} on ${grouped(hw.count)} × ${gpuPreset(hw.gpu)?.name ?? hw.gpu} · ${mode}`;
}

/** The first sentence of a message (the rest is under Issues). */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

export function firstScreen(e: Evaluation): FirstScreen {
  const violations = sortViolations(e.violations);
  const errors = violations.filter((v) => v.severity === 'error').length;
  const warnings = violations.length - errors;
  const badges = e.compliance.map((c) => badgeModel(c, e));
  const failing = badges.filter((b) => b.status === 'fail');
  const set = badges.filter((b) => b.status !== 'na').length;
  const strategy = strategyLine(e);
  if (errors > 0) {
    return {
      tone: 'fail',
      verdict: 'Cannot run as configured',
      strategy,
      reason: firstSentence(violations[0].message),
      errors,
      warnings,
    };
  }
  if (failing.length > 0) {
    return {
      tone: 'warn',
      verdict: `Runs, but misses ${failing.length} of ${plural(set, 'target')}`,
      strategy,
      reason: failing[0].sentence,
      errors,
      warnings,
    };
  }
  const verdict =
    set === 0 ? 'Runs (no targets set)' : set === 1 ? 'Runs and meets its target' : `Runs and meets all ${set} targets`;
  const reason = warnings > 0 ? firstSentence(violations[0].message) : 'Every constraint holds.';
  return { tone: 'pass', verdict, strategy, reason, errors, warnings };
}
