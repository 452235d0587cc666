/**
 * Command line over the same core the page uses.
 *
 *   npm run -s cli -- evaluate FILE      evaluate a scenario file ("-" = stdin)
 *   npm run -s cli -- evaluate --preset seed-after
 *   npm run -s cli -- search FILE        every strategy for the scenario, ranked (search.ts)
 *   npm run -s cli -- presets            list the presets
 *
 * Prints the evaluation as JSON on stdout. Invalid input: exit code 2 and a
 * message naming each field on stderr, nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { evaluate, formatPct, grouped, GPU_MEMORY_GB_BYTES, ScenarioError } from '../core';
import { describeErrorBand, errorBandOf, type ErrorBand } from '../core';
import { SCENARIO_PRESETS, scenarioPreset } from '../presets/scenarios';
import { GPU_PRESETS } from '../core';
import { MODEL_PRESETS } from '../core';
import { searchCommand, SEARCH_USAGE } from './search';
import type { CliResult } from './result';
import { formatJson } from './format';

const USAGE = `usage:
  cli evaluate FILE | -            evaluate a scenario (JSON file, or stdin)
  cli evaluate --preset NAME       evaluate a scenario preset
  cli search FILE | - | --preset NAME   every strategy for the scenario, ranked
  cli presets                      list scenario, model and GPU presets
options for evaluate:
  --compact                        one-line JSON
  --summary                        a short human-readable summary instead of JSON
${SEARCH_USAGE}`;

export type { CliResult } from './result';

function fail(message: string, code = 2): CliResult {
  return { code, stdout: '', stderr: message.endsWith('\n') ? message : message + '\n' };
}

export function runCli(args: string[], readStdin: () => string = () => readFileSync(0, 'utf8')): CliResult {
  const [command, ...rest] = args;
  if (command === 'presets') return { code: 0, stdout: listPresets(), stderr: '' };
  if (command !== 'evaluate' && command !== 'search') return fail(USAGE);
  const compact = rest.includes('--compact');
  const summary = rest.includes('--summary');
  // Positional arguments: not an option, nor an option's value.
  const valued = new Set(['--preset', '--objective', '--top', '--narrow']);
  const positional = rest.filter((a, i) => !a.startsWith('--') && !valued.has(rest[i - 1]));
  const presetAt = rest.indexOf('--preset');
  let input: unknown;
  if (presetAt >= 0) {
    const name = rest[presetAt + 1];
    const preset = name ? scenarioPreset(name) : undefined;
    if (!preset) return fail(`unknown preset "${name ?? ''}"; one of: ${SCENARIO_PRESETS.map((p) => p.id).join(', ')}`);
    input = preset.scenario;
  } else {
    const file = positional[0];
    if (!file) return fail(USAGE);
    let text: string;
    try {
      text = file === '-' ? readStdin() : readFileSync(file, 'utf8');
    } catch (err) {
      return fail(`cannot read ${file}: ${(err as Error).message}`);
    }
    try {
      input = JSON.parse(text);
    } catch (err) {
      return fail(`(root): not valid JSON: ${(err as Error).message}`);
    }
  }
  if (command === 'search') return searchCommand(rest, input, fail);
  try {
    const e = evaluate(input);
    if (summary) return { code: 0, stdout: summaryText(e), stderr: '' };
    return { code: 0, stdout: formatJson(e, compact) + '\n', stderr: '' };
  } catch (err) {
    if (err instanceof ScenarioError) return fail(errorLines(err));
    throw err;
  }
}

/** Most field errors printed; a document of thousands of unknown keys gets a count, not megabytes. */
export const MAX_ERROR_LINES = 20;

/** One line per field error (each message already starts with its path), at most MAX_ERROR_LINES. */
function errorLines(err: ScenarioError): string {
  const lines = err.errors.slice(0, MAX_ERROR_LINES).map((x) => x.message);
  const more = err.errors.length - lines.length;
  if (more > 0) lines.push(`… and ${more} more field error${more === 1 ? '' : 's'} not listed`);
  return lines.join('\n');
}

function listPresets(): string {
  const lines = ['Scenarios (cli evaluate --preset NAME):'];
  for (const p of SCENARIO_PRESETS) lines.push(`  ${p.id.padEnd(28)} ${p.title}`);
  lines.push('', 'Models (scenario field model.preset, link parameter model=):');
  for (const m of MODEL_PRESETS) lines.push(`  ${m.id.padEnd(28)} ${m.spec.name}`);
  lines.push('', 'GPUs (scenario field hardware.gpu, link parameter gpu=):');
  for (const g of GPU_PRESETS) lines.push(`  ${g.id.padEnd(28)} ${g.name}`);
  return lines.join('\n') + '\n';
}

/** " ± 11% (MoE training, 7 published runs)" after a predicted figure; "no band" when no class has enough runs. */
function bandText(band: ErrorBand | null): string {
  return band ? ` ${describeErrorBand(band)}` : ' no published runs to measure it';
}

function summaryText(e: ReturnType<typeof evaluate>): string {
  const band = errorBandOf(e);
  const lines = [
    `feasible: ${e.feasible}`,
    ...e.violations.map((v) => `  ${v.severity} ${v.code}: ${v.message}`),
    `params: ${(e.params.total / 1e9).toFixed(2)}B total, ${(e.params.active / 1e9).toFixed(2)}B active`,
    `latency: ${(e.latencySeconds * 1e3).toFixed(1)} ms; throughput: ${grouped(Math.round(e.throughputTokensPerSec))} tokens/s`,
    `  model error on latency, throughput and MFU:${bandText(band)}`,
    ...(e.serving
      ? [
          `serving: TTFT ${(e.serving.ttftSeconds * 1e3).toFixed(1)} ms; TPOT ${(e.serving.tpotSeconds * 1e3).toFixed(2)} ms; end to end ${e.serving.endToEndSeconds.toFixed(2)} s; ${grouped(Math.round(e.serving.outputTokensPerSecPerGpu))} output tokens/s per GPU; KV cache allows ${grouped(e.serving.maxBatchByKv)} sequences`,
          `  model error: TTFT${bandText(errorBandOf(e, 'prefill'))}; TPOT${bandText(errorBandOf(e, 'decode'))}; end to end${bandText(errorBandOf(e, 'static'))}`,
        ]
      : []),
    `memory (peak GPU): ${(e.memory.peakBytes / GPU_MEMORY_GB_BYTES).toFixed(1)} of ${(e.memory.capacityBytes / GPU_MEMORY_GB_BYTES).toFixed(0)} GB`,
    `MFU: ${formatPct(e.mfu * 100)}; comm overhead: ${formatPct(e.commOverheadPct)}; load balance: ${formatPct(e.loadBalancePct)}; GPU utilization: ${formatPct(e.gpuUtilizationPct)}`,
    'targets:',
    ...e.compliance.map(
      (c) =>
        `  ${c.pass === null ? 'n/a ' : c.pass ? 'pass' : 'FAIL'} ${c.target}: ${c.value === null ? '-' : +c.value.toPrecision(4)} (${c.kind} ${c.limit ?? '-'})`,
    ),
  ];
  return lines.join('\n') + '\n';
}

// Run when executed directly (not when imported by tests).
const isMain = process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  const r = runCli(process.argv.slice(2));
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
