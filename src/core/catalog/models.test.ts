import { readFixture } from '../../calibration/fixtures';
import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS, modelPreset } from './models';
import { parseScenario } from '../scenario/parse';

const fixture: { models: Record<string, any>[] } = readFixture('models.json');

/** Fixture entries have names, not ids. */
const ID_BY_NAME: Record<string, string> = {
  'Seed MoE (as specified)': 'seed-moe',
  'Mixtral 8x7B': 'mixtral-8x7b',
  'Mixtral 8x22B': 'mixtral-8x22b',
  'Qwen3-30B-A3B': 'qwen3-30b-a3b',
  'OLMoE-1B-7B-0924': 'olmoe-1b-7b',
  'gpt-oss-120b': 'gpt-oss-120b',
  'DeepSeek-V3': 'deepseek-v3',
  'GPT-3 175B (dense)': 'gpt3-175b',
};

describe('model presets', () => {
  it('lists the required ids', () => {
    expect(MODEL_PRESETS.map((m) => m.id)).toEqual([
      'seed-moe',
      'mixtral-8x7b',
      'mixtral-8x22b',
      'deepseek-v3',
      'qwen3-30b-a3b',
      'qwen3-235b-a22b',
      'olmoe-1b-7b',
      'gpt-oss-20b',
      'gpt-oss-120b',
      'dbrx',
      'gpt3-175b',
    ]);
  });

  it.each(fixture.models.map((m) => [m.name as string, m] as const))(
    '%s equals the fixture where the fixture has the field',
    (name, entry) => {
      const id = ID_BY_NAME[name];
      expect(id, `no preset mapped for fixture model ${name}`).toBeDefined();
      const preset = modelPreset(id)!;
      const spec = preset.spec as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(entry)) {
        if (key === 'note') continue;
        // The seed's fixture name and null vocab record what the document says; the preset carries
        // the scenario-format name and the explicit 32000 assumption instead (the parser lists it).
        if (id === 'seed-moe' && (key === 'name' || key === 'vocab')) continue;
        if (key === 'source') expect(preset.source).toBe(value);
        else if (key === 'published') {
          for (const [k, v] of Object.entries(value as object)) {
            expect({ key: `published.${k}`, value: (preset.published as any)[k] }).toEqual({
              key: `published.${k}`,
              value: v,
            });
          }
        } else if (value !== null && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) {
            expect({ key: `${key}.${k}`, value: (spec[key] as any)?.[k] }).toEqual({ key: `${key}.${k}`, value: v });
          }
        } else {
          expect({ key, value: spec[key] }).toEqual({ key, value });
        }
      }
    },
  );

  it('states the published total as statedParams', () => {
    for (const m of MODEL_PRESETS) expect(m.spec.statedParams, m.id).toBe(m.published?.total);
  });

  it('the seed preset is exactly the scenario-format default model', () => {
    const seed = modelPreset('seed-moe')!.spec;
    expect(seed).toMatchObject({
      layers: 16,
      hidden: 1024,
      heads: 16,
      kvHeads: 16,
      headDim: 64,
      ffnHidden: 4096,
      gatedFfn: false,
      vocab: 32000,
      tiedEmbeddings: false,
      statedParams: 30e9,
      mla: null,
      moe: {
        experts: 64,
        topK: 1,
        expertHidden: 2048,
        sharedExperts: 0,
        sharedExpertHidden: 2048,
        denseLayers: 0,
        layerFrequency: 1,
      },
    });
  });

  it('config.json models outside the fixture carry their published values', () => {
    expect(modelPreset('qwen3-235b-a22b')!.spec).toMatchObject({
      layers: 94,
      hidden: 4096,
      heads: 64,
      kvHeads: 4,
      headDim: 128,
      vocab: 151936,
      tiedEmbeddings: false,
      moe: { experts: 128, topK: 8, expertHidden: 1536 },
    });
    expect(modelPreset('gpt-oss-20b')!.spec).toMatchObject({
      layers: 24,
      hidden: 2880,
      heads: 64,
      kvHeads: 8,
      headDim: 64,
      vocab: 201088,
      moe: { experts: 32, topK: 4, expertHidden: 2880 },
    });
    expect(modelPreset('dbrx')!.spec).toMatchObject({
      layers: 40,
      hidden: 6144,
      heads: 48,
      kvHeads: 8,
      headDim: 128,
      vocab: 100352,
      tiedEmbeddings: false,
      moe: { experts: 16, topK: 4, expertHidden: 10752 },
    });
    expect(modelPreset('gpt-oss-20b')!.published).toMatchObject({ total: 21e9, active: 3.6e9 });
    expect(modelPreset('dbrx')!.published).toMatchObject({ total: 132e9, active: 36e9 });
    expect(modelPreset('qwen3-235b-a22b')!.published).toMatchObject({ total: 235e9, active: 22e9 });
  });

  it('every preset passes the scenario schema and model checks unchanged', () => {
    for (const m of MODEL_PRESETS) {
      const r = parseScenario({ model: { preset: m.id } });
      expect(r.ok, m.id + (r.ok ? '' : r.errors.map((e) => e.message).join('; '))).toBe(true);
      if (r.ok) expect(r.scenario.model).toEqual({ preset: m.id, ...m.spec });
    }
  });
});
