import { describe, expect, it } from 'vitest';
import { uiFixture } from '../../../test/evaluations';
import {
  advance,
  axisEndOf,
  DEFAULT_PACE,
  INITIAL,
  noteSchedule,
  scheduleOf,
  seek,
  togglePlay,
  type PlaybackState,
} from './store';

const S = (patch: Partial<PlaybackState> = {}): PlaybackState => ({ ...INITIAL, ...patch });

describe('play, pause, seek', () => {
  it('play starts at 0 without a cursor or at the end, else where the cursor is; a second press pauses', () => {
    expect(togglePlay(S(), 10)).toMatchObject({ playing: true, cursor: 0 });
    expect(togglePlay(S({ cursor: 10 }), 10)).toMatchObject({ playing: true, cursor: 0 });
    expect(togglePlay(S({ cursor: 4 }), 10)).toMatchObject({ playing: true, cursor: 4 });
    expect(togglePlay(S({ cursor: 4, playing: true }), 10)).toMatchObject({ playing: false, cursor: 4 });
  });

  it('advance moves the cursor by wall time / pace of the step, and stops at the end', () => {
    // 8 s per step: one wall second is an eighth of a 10 s step.
    expect(DEFAULT_PACE).toBe(8);
    expect(advance(S({ playing: true, cursor: 1 }), 1, 10).cursor).toBeCloseTo(2.25, 12);
    expect(advance(S({ playing: true, cursor: 9.9 }), 1, 10)).toMatchObject({ cursor: 10, playing: false });
    // Paused: nothing moves.
    const paused = S({ cursor: 3 });
    expect(advance(paused, 1, 10)).toBe(paused);
  });

  it('seek pauses and clamps to the step', () => {
    expect(seek(S({ playing: true }), 12, 10)).toMatchObject({ cursor: 10, playing: false });
    expect(seek(S(), -1, 10).cursor).toBe(0);
  });
});

describe('before / after and the fixed axis', () => {
  const a = scheduleOf(uiFixture('training1f1b'));
  const b = { ...scheduleOf(uiFixture('zbh1')), family: a.family };

  it('a new schedule pushes the current one to "previous"; the same one again changes nothing', () => {
    const s1 = noteSchedule(S(), a);
    expect(s1.previous).toBeNull();
    const s2 = noteSchedule(s1, b);
    expect(s2.previous?.key).toBe(a.key);
    expect(s2.current?.key).toBe(b.key);
    expect(noteSchedule(s2, { ...b })).toBe(s2);
  });

  it('after a change of model or mode there is no "before"', () => {
    const other = { ...b, family: 'another model|training' };
    expect(noteSchedule(noteSchedule(S(), a), other)).toMatchObject({ previous: null, current: other });
    const seed = scheduleOf(uiFixture('seed'));
    expect(seed.family).not.toBe(a.family);
  });

  it('the remembered schedule says what it was', () => {
    const e = uiFixture('training1f1b');
    expect(a.what).toBe(`PP ${e.pipeline.stages} × ${e.pipeline.microBatches} micro-batches`);
    expect(a.makespan).toBeGreaterThanOrEqual(e.pipeline.makespanSeconds);
  });

  it('the axis end: off → null; fixed → the fixed span, never shorter than the step; a ghost → long enough for it', () => {
    expect(axisEndOf(S({ ghost: false }), 3)).toBeNull();
    expect(axisEndOf(S({ fixedAxis: 5 }), 3)).toBe(5);
    expect(axisEndOf(S({ fixedAxis: 5 }), 7)).toBe(7);
    expect(axisEndOf(S({ previous: { ...a, makespan: 6 } }), 3)).toBe(6);
    expect(axisEndOf(S({ previous: { ...a, makespan: 6 }, ghost: false }), 3)).toBeNull();
  });
});
