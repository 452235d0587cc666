/**
 * parseScenario: any `unknown` (a JSON document, a permalink's fields, a
 * preset) into a normalized Scenario, or into the list of every problem
 * found. It never throws, so the CLI, worker and UI can hand it raw input.
 */
import { budgetErrors } from './budget';
import { migrateDocument, MIGRATIONS, type Migration } from './migrations';
import { readInput } from './read-input';
import { resolveScenario } from './resolve';
import type { Notes } from './resolve-model';
import type { FieldError, Scenario } from './types';

export type ParseResult = { ok: true; scenario: Scenario; assumptions: string[] } | { ok: false; errors: FieldError[] };

/**
 * `{}` gives the seed scenario. Unknown fields, wrong types and out-of-range
 * values are errors naming the path, the value and what is allowed. A
 * document of an older `version` is migrated first (`migrations`: the
 * project's list; tests pass their own).
 *
 * @example parseScenario({ parallel: { tp: 8 }, hardware: { gpu: 'h100-sxm' } })
 */
export function parseScenario(input: unknown, migrations: readonly Migration[] = MIGRATIONS): ParseResult {
  const notes: Notes = { errors: [], assumptions: [] };
  // An older document is brought up to today's version first, so the checks below see today's fields.
  const migrated = migrateDocument(input, migrations);
  if (!migrated.ok) return { ok: false, errors: [migrated.error] };
  for (const m of migrated.applied) notes.assumptions.push(`read as version ${m.to}: ${m.describe}`);
  const given = readInput(migrated.doc, notes.errors);
  // Resolve even after errors: the model checks there add their own errors, so one pass reports them all.
  const scenario = resolveScenario(given, notes);
  if (notes.errors.length > 0) return { ok: false, errors: notes.errors };
  // Larger than the core evaluates in bounded time and memory: refused here, naming the field.
  const overBudget = budgetErrors(scenario);
  if (overBudget.length > 0) return { ok: false, errors: overBudget };
  return { ok: true, scenario, assumptions: notes.assumptions };
}
