/** Host cost by runtime and the drain after a device-to-host sync, on hand-computed cases. */
import { describe, expect, it } from 'vitest';
import {
  COMPILED_SECONDS_PER_OP,
  drainAfterSync,
  DROPLESS_SYNC_SECONDS,
  exposedHostSeconds,
  hostOf,
  HOST_SECONDS_PER_KERNEL,
  HOST_SECONDS_PER_LAUNCH,
  SERVING_SECONDS_PER_OP,
} from './host';

describe('host cost per runtime', () => {
  it('a training framework pays four eager operators with autograd per operation, a serving engine two without, a compiled engine two launches', () => {
    // 4 × (1 + 1 + 2 + 1.5 + 3 + 2) µs; 2 × (10.5 − 2) µs; 2 × 2 µs.
    expect(HOST_SECONDS_PER_KERNEL).toBeCloseTo(42e-6, 15);
    expect(HOST_SECONDS_PER_LAUNCH).toBeCloseTo(21e-6, 15);
    expect(SERVING_SECONDS_PER_OP).toBeCloseTo(17e-6, 15);
    expect(COMPILED_SECONDS_PER_OP).toBeCloseTo(4e-6, 15);
    expect(hostOf(false, 'eager', true).secondsPerKernel).toBe(HOST_SECONDS_PER_KERNEL);
    expect(hostOf(false, 'cuda-graphs', false).secondsPerKernel).toBe(SERVING_SECONDS_PER_OP);
    expect(hostOf(false, 'compiled', false).secondsPerKernel).toBe(COMPILED_SECONDS_PER_OP);
    expect(hostOf(false, 'compiled', false).secondsPerLaunch).toBeCloseTo(2e-6, 15);
  });
});

describe('drain after a sync', () => {
  it('ops issued one by one after the GPU went idle: max(h, host − gpu + g)', () => {
    // 10 ops of 5 µs host and 2 µs GPU: the GPU runs each as it arrives, done at 10·5 + 2 = 52 µs, 32 beyond its 20.
    expect(drainAfterSync(50e-6, 20e-6, 10)).toBeCloseTo(32e-6, 15);
    // 10 ops of 2 µs host and 5 µs GPU: only the first op's host time shows (2 + 10·5 = 52 µs, 2 beyond 50).
    expect(drainAfterSync(20e-6, 50e-6, 10)).toBeCloseTo(2e-6, 15);
    expect(drainAfterSync(0, 1, 0)).toBe(0);
  });

  it('a dropless layer: the part before the sync still hides behind its own GPU work, the part after drains', () => {
    const host = hostOf(false);
    const k = { graphable: 10, eager: 20, launches: 0, launchesGraphable: false };
    // GPU 1 ms in all, 0.6 ms of it after the sync: before: 10 × 42 µs = 0.42 ms hidden behind 0.4 ms (0.02 ms shows);
    // after: 20 × 42 = 0.84 ms against 0.6 ms over 20 ops: 0.84 − 0.6 + 0.03 = 0.27 ms.
    const exposed = exposedHostSeconds(1e-3, k, host, 1, 0.6e-3);
    expect(exposed).toBeCloseTo(0.02e-3 + 0.27e-3 + DROPLESS_SYNC_SECONDS, 12);
    // Without the split (the whole pass against its GPU time): 30 × 42 µs = 1.26 ms against 1 ms, 0.26 ms shows.
    expect(exposedHostSeconds(1e-3, k, host, 1)).toBeCloseTo(0.26e-3 + DROPLESS_SYNC_SECONDS, 12);
  });
});
