import { readFixture } from '../../calibration/fixtures';
import { describe, expect, it } from 'vitest';
import { GENERATION_EFFICIENCY } from './efficiency';
import { GPU_PRESETS, gpuPreset } from './gpus';

const fixture: { gpus: Record<string, unknown>[] } = readFixture('gpus.json');

describe('GPU presets', () => {
  it('has a preset for every fixture GPU and no unexpected extras', () => {
    expect(GPU_PRESETS.map((g) => g.id).sort()).toEqual(fixture.gpus.map((g) => g.id as string).sort());
  });

  it.each(fixture.gpus.map((g) => [g.id as string, g] as const))(
    '%s equals the fixture field by field',
    (id, entry) => {
      const preset = gpuPreset(id) as unknown as Record<string, unknown>;
      expect(preset).toBeDefined();
      for (const [key, value] of Object.entries(entry)) {
        expect({ key, value: preset[key] }).toEqual({ key, value });
      }
    },
  );

  it('takes efficiencies from the GPU generation', () => {
    for (const g of GPU_PRESETS) {
      expect(g.computeEfficiency).toBe(GENERATION_EFFICIENCY[g.generation].computeEfficiency);
      expect(g.memoryBandwidthEfficiency).toBe(GENERATION_EFFICIENCY[g.generation].memoryBandwidthEfficiency);
    }
    expect(gpuPreset('seed-gpu')!.generation).toBe('seed');
  });

  it('documents an assumed figure for every interconnect the datasheet leaves null', () => {
    for (const g of GPU_PRESETS) {
      for (const key of ['intraNodeGBps', 'interNodeGBps'] as const) {
        if (g[key] === null) expect(g.assumedInterconnect?.[key], `${g.id}.${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('returns undefined for an unknown id', () => {
    expect(gpuPreset('h100')).toBeUndefined();
  });
});
