/** Targets belong to the scenario (issue 9, item 8). */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../core';
import { DEFAULT_SCENARIO } from '../core';
import { SCENARIO_PRESETS } from '../presets/scenarios';
import { hasTargets, NO_TARGETS, SEED_TARGETS, withNewModelTargets } from '../presets/targets';
import { decodePermalink, encodePermalink } from './permalink';
import { loadedPreset } from './presetMatch';
import { createExplorerStore } from './store';

const scenarioOf = (doc: Record<string, unknown>) => {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

describe('targets', () => {
  it('an old link or document without targets still gets the seed targets ({} is the seed scenario)', () => {
    expect(scenarioOf({}).targets).toEqual({
      latencyMs: 50,
      commOverheadPct: 20,
      loadBalancePct: 90,
      gpuUtilizationPct: 90,
      throughputTokensPerSec: 20000,
      memoryPct: 100,
    });
    expect(scenarioOf(decodePermalink('?v=1&tp=8').doc).targets).toEqual(SEED_TARGETS);
  });

  it('seed presets carry the seed targets; the other presets none', () => {
    for (const p of SCENARIO_PRESETS) {
      const t = scenarioOf(p.scenario).targets;
      if (p.id.startsWith('seed-')) expect(t).toEqual(DEFAULT_SCENARIO.targets);
      else expect(hasTargets(t)).toBe(false);
    }
  });

  it('a new model drops the implicit seed targets but keeps targets someone set', () => {
    expect((withNewModelTargets({ model: { preset: 'qwen3-30b-a3b' } }) as Record<string, unknown>).targets).toEqual(
      NO_TARGETS,
    );
    const set = { targets: { latencyMs: 10 } };
    expect(withNewModelTargets(set)).toBe(set);
  });

  it('choosing a model from the seed starts with no targets; "no targets" survives a permalink', () => {
    const store = createExplorerStore();
    store.getState().setModelPreset('mixtral-8x7b');
    expect(hasTargets(store.getState().scenario.targets)).toBe(false);
    const back = decodePermalink(encodePermalink(store.getState().doc));
    expect(back.problems).toEqual([]);
    expect(scenarioOf(back.doc).targets).toEqual(NO_TARGETS);
    // Targets set by hand stay through the next model change.
    store.getState().setField('targets.latencyMs', 5000);
    store.getState().setModelPreset('deepseek-v3');
    expect(store.getState().scenario.targets.latencyMs).toBe(5000);
  });

  it('the preset menu knows the loaded preset until the scenario is edited', () => {
    const store = createExplorerStore();
    expect(loadedPreset(store.getState().doc)).toBeNull();
    for (const p of SCENARIO_PRESETS) {
      store.getState().applyPreset(p.id);
      expect(loadedPreset(store.getState().doc)?.id).toBe(p.id);
    }
    store.getState().setField('parallel.tp', 1);
    expect(loadedPreset(store.getState().doc)).toBeNull();
    // A link that spells out every field of a preset (as an old "copy link" could) is still that preset.
    const deepseek = SCENARIO_PRESETS.find((p) => p.id === 'deepseek-v3-256')!;
    expect(loadedPreset(decodePermalink(encodePermalink(deepseek.scenario)).doc)?.id).toBe('deepseek-v3-256');
  });
});
