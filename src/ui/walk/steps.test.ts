/** The walk's steps come from the evaluation and the search, never from hand-written numbers. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateScenario, parseScenario, type Scenario } from '../../core';
import { applyStrategy, runSearch } from '../../core';
import { scenarioPreset } from '../../presets/scenarios';
import { formatMetric } from '../format';
import { bestMeetingTargets, walkSteps, type WalkStep } from './steps';

const seedDoc = scenarioPreset('seed-after')!.scenario as Record<string, unknown>;
const seed = evaluate(seedDoc);
const idle = { status: 'running', total: 0 } as const;

type Of<K extends WalkStep['kind']> = Extract<WalkStep, { kind: K }>;
const claimSteps = (steps: WalkStep[]) => steps.filter((s): s is Of<'claim'> => s.kind === 'claim');

describe('walkSteps', () => {
  it('the plan, then every claim in the document’s order, then a strategy step', () => {
    const steps = walkSteps(seed, idle);
    expect(steps[0].kind).toBe('intro');
    expect(steps.at(-1)!.kind).toBe('strategy');
    expect(claimSteps(steps).map((s) => s.claim)).toEqual(
      Object.keys(seed.scenario.claims!).filter((k) => k !== 'source'),
    );
    expect(steps).toHaveLength(seed.claimsAudit.length + 2);
  });

  it('the opening step names the plan and why it cannot run, in the rules’ words', () => {
    const intro = walkSteps(seed, idle)[0] as Of<'intro'>;
    expect(intro.plan).toBe('TP 4 × PP 4 × DP 2 = 32 GPUs, EP 16, 8 micro-batches, 1f1b');
    expect(intro.runs).toBe(false);
    expect(intro.problems).toEqual(seed.violations.filter((v) => v.severity === 'error').map((v) => v.message));
    expect(intro.contradicted).toBe(seed.claimsAudit.filter((c) => c.verdict === 'contradicted').length);
  });

  it('each claim step shows the stated and computed figures of the audit, the verdict and the cost behind the gap', () => {
    for (const [step, audit] of claimSteps(walkSteps(seed, idle)).map((s, i) => [s, seed.claimsAudit[i]] as const)) {
      expect(step.stated).toBe(formatMetric(audit.claim, audit.stated));
      expect(step.computed).toBe(formatMetric(audit.claim, audit.computed));
      expect(step.verdict).toBe(audit.verdict);
      expect(step.counts).toBe(audit.counts);
      expect(step.cause).toBe(audit.cause ?? null);
    }
    const latency = claimSteps(walkSteps(seed, idle)).find((s) => s.claim === 'latencyMs')!;
    expect(latency.stated).toBe('27.0 ms');
    expect(latency.computed).toBe(formatMetric('latencyMs', seed.latencySeconds * 1e3));
    expect(latency.cause).toMatch(/pipeline bubble/);
  });

  it('changing a claim’s value changes its step (the text is built from the claims, not written down)', () => {
    const claims = seedDoc.claims as Record<string, unknown>;
    // A stated latency 1% off the computed one: within the audit's 10%.
    const near = Math.round(seed.latencySeconds * 1e3 * 1.01 * 10) / 10;
    const changed = evaluate({ ...seedDoc, claims: { ...claims, latencyMs: near, bubblePct: 40 } });
    const before = claimSteps(walkSteps(seed, idle));
    const after = claimSteps(walkSteps(changed, idle));
    const at = (steps: Of<'claim'>[], k: string) => steps.find((s) => s.claim === k)!;
    expect(at(after, 'latencyMs').stated).toBe(`${near.toFixed(1)} ms`);
    expect(at(before, 'latencyMs').verdict).toBe('contradicted');
    // Within 10% of the computed latency: now consistent, and no cost is named.
    expect(at(after, 'latencyMs').verdict).toBe('consistent');
    expect(at(after, 'latencyMs').cause).toBeNull();
    expect(at(after, 'bubblePct').stated).toBe('40.0%');
    expect(at(after, 'bubblePct').gap).not.toBe(at(before, 'bubblePct').gap);
    // A claim removed from the document is a step fewer.
    const fewer = evaluate({ ...seedDoc, claims: { source: 'x', latencyMs: 27 } });
    expect(claimSteps(walkSteps(fewer, idle)).map((s) => s.claim)).toEqual(['latencyMs']);
  });

  it('ends on the search’s best strategy meeting every target, with its figures against the targets', () => {
    const s = (parseScenario(seedDoc) as { ok: true; scenario: Scenario }).scenario;
    // A narrowed space keeps the test quick; the page searches the whole one (e2e/walk.spec.ts).
    const r = runSearch(s, { narrowing: { tp: { max: 2 }, pp: { max: 2 } } });
    const last = walkSteps(seed, { status: 'done', rows: r.rows, enumerated: r.enumerated }).at(-1) as Of<'strategy'>;
    const best = bestMeetingTargets(r.rows)!;
    expect(last.outcome).toBe('found');
    expect(last.strategy).toEqual(best.strategy);
    expect(best.meetsTargets).toBe(true);
    // The first row meeting the targets is the best by throughput among those that do.
    for (const row of r.rows.filter((x) => x.meetsTargets))
      expect(row.throughputTokensPerSec!).toBeLessThanOrEqual(best.throughputTokensPerSec!);
    expect(last.targets.map((t) => t.pass)).toEqual(last.targets.map(() => true));
    expect(last.targets).toHaveLength(6);
    expect(last.text).toContain(r.enumerated.toLocaleString('en-US'));
    // Loading it: the page's evaluation of that strategy meets every target, and the step says so.
    const loaded = evaluateScenario(applyStrategy(s, best.strategy));
    const after = walkSteps(loaded, idle).at(-1) as Of<'strategy'>;
    expect(after.outcome).toBe('current');
    expect(after.targets.every((t) => t.pass === true)).toBe(true);
  });

  it('says so when no strategy meets the targets, and when there are none', () => {
    const none = walkSteps(seed, { status: 'done', rows: [], enumerated: 12 }).at(-1) as Of<'strategy'>;
    expect(none.outcome).toBe('none');
    expect(none.text).toContain('None of the 12 strategies');
    const noTargets = evaluate({
      ...seedDoc,
      targets: {
        latencyMs: null,
        commOverheadPct: null,
        loadBalancePct: null,
        gpuUtilizationPct: null,
        throughputTokensPerSec: null,
        memoryPct: null,
      },
    });
    expect((walkSteps(noTargets, idle).at(-1) as Of<'strategy'>).outcome).toBe('no-targets');
  });
});
