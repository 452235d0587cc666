/**
 * Which scenario preset the document is, if any: the preset menu shows the
 * loaded preset (not "Open a preset…") until the scenario is edited.
 */
import { SCENARIO_PRESETS, type ScenarioPreset } from '../presets/scenarios';
import { deepEqual, pruneDefaults, type ScenarioDoc } from './permalink';

let pruned: { preset: ScenarioPreset; doc: ScenarioDoc }[] | null = null;
/** Answers by document identity: the store hands the same object until an edit, and pruning parses once per field. */
const answers = new WeakMap<ScenarioDoc, ScenarioPreset | null>();

/** The preset whose minimal document equals `doc`'s. */
export function loadedPreset(doc: ScenarioDoc): ScenarioPreset | null {
  const known = answers.get(doc);
  if (known !== undefined) return known;
  pruned ??= SCENARIO_PRESETS.map((preset) => ({ preset, doc: pruneDefaults(structuredClone(preset.scenario)) }));
  const minimal = pruneDefaults(doc);
  const found = pruned.find((p) => deepEqual(p.doc, minimal))?.preset ?? null;
  answers.set(doc, found);
  return found;
}
