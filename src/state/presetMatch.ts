/**
 * Which scenario preset the document is, if any: the preset menu shows the
 * loaded preset (not "Open a preset…") until the scenario is edited.
 */
import { SCENARIO_PRESETS, type ScenarioPreset } from '../presets/scenarios';
import { deepEqual, pruneDefaults, type ScenarioDoc } from './permalink';

let pruned: { preset: ScenarioPreset; doc: ScenarioDoc }[] | null = null;

/** The preset whose minimal document equals `doc` (a minimal document, as the store keeps). */
export function loadedPreset(doc: ScenarioDoc): ScenarioPreset | null {
  pruned ??= SCENARIO_PRESETS.map((preset) => ({ preset, doc: pruneDefaults(structuredClone(preset.scenario)) }));
  return pruned.find((p) => deepEqual(p.doc, doc))?.preset ?? null;
}
