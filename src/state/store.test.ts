/** The store without React: edits, refusals, presets, newest-wins. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../core';
import { createExplorerStore } from './store';

describe('explorer store', () => {
  it('starts from the seed and keeps only what differs from the defaults', () => {
    const store = createExplorerStore();
    expect(store.getState().doc).toEqual({});
    expect(store.getState().setField('parallel.tp', 8)).toBe(true);
    expect(store.getState().doc).toEqual({ parallel: { tp: 8 } });
    store.getState().setField('parallel.tp', 4);
    expect(store.getState().doc).toEqual({});
  });

  it('refuses an out-of-range value, names the field, and keeps the last good scenario', () => {
    const store = createExplorerStore();
    store.getState().setField('parallel.tp', 2);
    expect(store.getState().setField('parallel.tp', 0)).toBe(false);
    expect(store.getState().scenario.parallel.tp).toBe(2);
    expect(store.getState().fieldErrors['parallel.tp']).toMatch(/parallel\.tp/);
    store.getState().setField('parallel.tp', 8);
    expect(store.getState().fieldErrors['parallel.tp']).toBeUndefined();
  });

  it('applies presets and model/GPU presets', () => {
    const store = createExplorerStore();
    store.getState().applyPreset('seed-before');
    expect(store.getState().scenario.parallel).toMatchObject({ tp: 8, ep: 8, pp: 2, dp: 1 });
    store.getState().setModelPreset('mixtral-8x7b');
    expect(store.getState().scenario.model.moe?.experts).toBe(8);
    store.getState().setField('hardware.peakTflops', 500);
    store.getState().setGpuPreset('h100-sxm');
    // The GPU's own specs replace the overridden one.
    expect(store.getState().scenario.hardware.peakTflops).toBe(989);
  });

  it('shows only the newest evaluation', () => {
    const store = createExplorerStore();
    const e = evaluate({});
    store.getState().markRequested(3);
    store.getState().receiveEvaluation(3, e, 1);
    store.getState().receiveEvaluation(2, { ...e, feasible: true }, 1);
    expect(store.getState().shownId).toBe(3);
    expect(store.getState().evaluation?.feasible).toBe(false);
  });

  it('an evaluator failure keeps the last evaluation and reports the error', () => {
    const store = createExplorerStore();
    const e = evaluate({});
    store.getState().receiveEvaluation(1, e, 1);
    store.getState().markRequested(2);
    store.getState().receiveFailure(2, 'boom');
    expect(store.getState().evaluation).toBe(e);
    expect(store.getState().evaluatorError).toBe('boom');
  });
});
