import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';
import { SCENARIO_PRESETS } from '../presets/scenarios';
import { errorBandOf, formatErrorBand, parseScenario, type Scenario } from '../core';

function parseOk(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error('bad scenario');
  return r.scenario;
}

describe('cli evaluate', () => {
  it('prints the seed evaluation as JSON for {} on stdin', () => {
    const r = runCli(['evaluate', '-'], () => '{}');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const e = JSON.parse(r.stdout);
    expect(e.feasible).toBe(false);
    expect(e.violations.map((v: { code: string }) => v.code)).toEqual(
      expect.arrayContaining(['GPU_COUNT', 'EP_GROUP', 'STATED_PARAMS']),
    );
    expect(e.params.total / 1e9).toBeCloseTo(4.43, 2);
  });

  it('invalid input: exit 2, the field named on stderr, nothing on stdout', () => {
    const r = runCli(['evaluate', '-'], () => JSON.stringify({ parallel: { tp: 0 }, workload: { precision: 'fp4' } }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/parallel\.tp/);
    expect(r.stderr).toMatch(/workload\.precision/);
  });

  it('names each field once per error line', () => {
    const r = runCli(['evaluate', '-'], () => JSON.stringify({ parallel: { tp: -4 } }));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('parallel.tp: -4 is out of range; allowed: an integer from 1 to 65536');
  });

  it('lists at most 20 field errors, then how many more (a huge document of unknown keys stays a short message)', () => {
    const junk = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const r = runCli(['evaluate', '-'], () => JSON.stringify(junk));
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/^k0: unknown field/);
    expect(lines[20]).toBe('… and 4980 more field errors not listed');
  });

  it('malformed JSON: exit 2, nothing on stdout', () => {
    const r = runCli(['evaluate', '-'], () => '{"parallel": ');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/not valid JSON/);
  });

  it('--summary adds the serving line for inference and leaves it out in training', () => {
    const serving = runCli(['evaluate', '-', '--summary'], () => '{}');
    expect(serving.stdout).toMatch(
      /^serving: TTFT [\d.]+ ms; TPOT [\d.]+ ms; end to end [\d.]+ s; .* output tokens\/s per GPU; KV cache allows [\d,]+ sequences$/m,
    );
    const training = runCli(['evaluate', '-', '--summary'], () => '{"workload": {"mode": "training"}}');
    expect(training.stdout).not.toMatch(/^serving:/m);
  });

  it('--summary gives the model error of each predicted figure with its class (issue 14)', () => {
    const training = runCli(['evaluate', '-', '--summary'], () => '{"workload": {"mode": "training"}}');
    const band = errorBandOf(parseOk({ workload: { mode: 'training' } }))!;
    expect(training.stdout).toContain(
      `model error on latency, throughput and MFU: ${formatErrorBand(band.pct)} (${band.label}, ${band.rows} published runs)`,
    );
    const serving = runCli(['evaluate', '-', '--summary'], () => '{}');
    const end = errorBandOf(parseOk({}), 'static')!;
    expect(serving.stdout).toMatch(/^ {2}model error: TTFT ± [\d.]+% \(.+\); TPOT ± [\d.]+% \(.+\); end to end ± /m);
    expect(serving.stdout).toContain(`end to end ${formatErrorBand(end.pct)} (${end.label},`);
  });

  it('evaluates every preset by name', () => {
    for (const p of SCENARIO_PRESETS) {
      const r = runCli(['evaluate', '--preset', p.id, '--compact']);
      expect(r.code, p.id).toBe(0);
      expect(JSON.parse(r.stdout).scenario.version).toBe(1);
    }
    expect(runCli(['evaluate', '--preset', 'nope']).code).toBe(2);
  });

  it('lists presets', () => {
    const r = runCli(['presets']);
    expect(r.code).toBe(0);
    for (const id of ['seed-after', 'seed-before', 'seed-training', 'seed-fixed-16gpu', 'deepseek-v3', 'h100-sxm'])
      expect(r.stdout).toContain(id);
  });

  it('works as the documented shell command (npm run -s cli -- evaluate -)', () => {
    const r = spawnSync('npm', ['run', '-s', 'cli', '--', 'evaluate', '-'], {
      input: '{"parallel":{"tp":"4"}}',
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/parallel\.tp/);
  }, 30_000);
});
