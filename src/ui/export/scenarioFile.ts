/**
 * The scenario as a JSON file, and reading one back (by file or drop). The
 * file is the scenario document in the scenario format, with its version:
 * the same document the CLI reads and a permalink encodes.
 */
import { parseScenario } from '../../core';
import type { ScenarioDoc } from '../../state/permalink';

export function scenarioFileText(doc: ScenarioDoc): string {
  return `${JSON.stringify({ version: 1, ...doc }, null, 2)}\n`;
}

export type ReadScenario = { ok: true; doc: ScenarioDoc } | { ok: false; messages: string[] };

/** A file's text as a scenario document, or why it is not one. */
export function readScenarioFile(text: string): ReadScenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, messages: [`not JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, messages: ['a scenario file holds one JSON object'] };
  const r = parseScenario(value);
  if (!r.ok) return { ok: false, messages: r.errors.map((e) => e.message) };
  return { ok: true, doc: value as ScenarioDoc };
}

/** A file name from the scenario: "mixtral-8x7b-tp2-pp2-dp4-ep8". */
export function fileStem(model: string, parallel: { tp: number; pp: number; dp: number; ep: number }): string {
  const m =
    model
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'scenario';
  return `${m}-tp${parallel.tp}-pp${parallel.pp}-dp${parallel.dp}-ep${parallel.ep}`;
}
