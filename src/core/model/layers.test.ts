import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../scenario/types';
import { denseGpt, loadFixtureModels, toModelSpec } from '../../../test/models';
import { isMoeLayer, layerCounts } from './layers';

const deepseek = toModelSpec(loadFixtureModels().find((m) => m.name === 'DeepSeek-V3')!);

function withMoe(model: ModelSpec, patch: Partial<NonNullable<ModelSpec['moe']>>): ModelSpec {
  return { ...model, moe: { ...model.moe!, ...patch } };
}

describe('isMoeLayer', () => {
  it('keeps the first denseLayers layers dense (DeepSeek-V3: 3 dense, 58 MoE)', () => {
    expect([0, 1, 2].map((l) => isMoeLayer(deepseek, l))).toEqual([false, false, false]);
    expect(isMoeLayer(deepseek, 3)).toBe(true);
    expect(isMoeLayer(deepseek, 60)).toBe(true);
    expect(layerCounts(deepseek, 0, deepseek.layers)).toEqual({ dense: 3, moe: 58 });
  });

  it('with layerFrequency 2 the first remaining layer and every second after it are MoE (Megatron pattern)', () => {
    const m = withMoe(deepseek, { denseLayers: 1, layerFrequency: 2 });
    expect([0, 1, 2, 3, 4, 5].map((l) => isMoeLayer(m, l))).toEqual([false, true, false, true, false, true]);
    const m0 = withMoe(deepseek, { denseLayers: 0, layerFrequency: 2 });
    expect([0, 1, 2, 3].map((l) => isMoeLayer(m0, l))).toEqual([true, false, true, false]);
  });

  it('is false for dense models and for layers outside the model', () => {
    const gpt = denseGpt(4, 256, 4, 1000);
    expect([0, 1, 2, 3].some((l) => isMoeLayer(gpt, l))).toBe(false);
    expect(isMoeLayer(deepseek, -1)).toBe(false);
    expect(isMoeLayer(deepseek, deepseek.layers)).toBe(false);
  });
});

describe('layerCounts', () => {
  it('counts a half-open range, and pipeline stages add up to the model', () => {
    expect(layerCounts(deepseek, 0, 4)).toEqual({ dense: 3, moe: 1 });
    expect(layerCounts(deepseek, 4, 4)).toEqual({ dense: 0, moe: 0 });
    expect(layerCounts(deepseek, 50, 100)).toEqual({ dense: 0, moe: 11 });
    const m = withMoe(deepseek, { denseLayers: 1, layerFrequency: 3 });
    const stages = [0, 8, 16, 24, 32, 40, 48, 56, 61];
    let dense = 0;
    let moe = 0;
    for (let i = 0; i + 1 < stages.length; i++) {
      const c = layerCounts(m, stages[i], stages[i + 1]);
      dense += c.dense;
      moe += c.moe;
    }
    expect({ dense, moe }).toEqual(layerCounts(m, 0, m.layers));
    expect(moe).toBe(20); // remaining 60 layers, every third
  });
});
