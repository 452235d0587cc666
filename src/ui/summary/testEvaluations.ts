/**
 * Real evaluations the UI tests share (test-only module): the seed document
 * (infeasible, with a sweep and failing targets), the seed with its claims,
 * and a feasible training run.
 */
import { evaluate } from '../../core';
import { SEED_CLAIMS as SEED_DOCUMENT_CLAIMS } from '../../presets/seed';
import type { Evaluation } from '../../core/evaluation';

/** The seed document's claims, under a short source name the tests look for. */
export const SEED_CLAIMS = { ...SEED_DOCUMENT_CLAIMS, source: 'seed doc' };

export const TRAINING_INPUT = { workload: { mode: 'training' }, parallel: { tp: 4, pp: 4, dp: 1, ep: 4 }, hardware: { count: 16 } };

let cache: { seed: Evaluation; claims: Evaluation; training: Evaluation } | null = null;

export function evaluations() {
  cache ??= {
    seed: evaluate({}),
    claims: evaluate({ claims: SEED_CLAIMS }),
    training: evaluate(TRAINING_INPUT),
  };
  return cache;
}

/** Every element's attributes whose data-testid starts with `prefix`, from static markup. */
export function testIds(html: string, prefix: string): { id: string; attrs: Record<string, string> }[] {
  const out: { id: string; attrs: Record<string, string> }[] = [];
  const tag = /<[a-zA-Z][^>]*data-testid="([^"]*)"[^>]*>/g;
  for (const m of html.matchAll(tag)) {
    if (!m[1].startsWith(prefix)) continue;
    const attrs: Record<string, string> = {};
    for (const a of m[0].matchAll(/([a-zA-Z-:]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push({ id: m[1], attrs });
  }
  return out;
}
