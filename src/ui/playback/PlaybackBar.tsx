/**
 * The playback bar above the Gantt: play / pause ("k" too), step to the
 * previous or next event, a scrub slider over the step, the speed, "keep the
 * time axis fixed" and the before / after ghost. Nothing moves until the
 * user presses play (prefers-reduced-motion or not).
 */
import { useEffect, useId } from 'react';
import { formatSeconds } from '../format';
import { PLAY_EVENT } from '../presenter/Shortcuts';
import { advance, axisEndOf, PACES, seek, togglePlay, updatePlayback, usePlayback } from './store';
import { STATE_STYLE } from '../gantt/playStates';
import { nextEvent, previousEvent, stageStatesAt, type PlaybackIndex } from './timeline';
import css from './playback.module.css';

/** Longest frame counted: a tab in the background does not jump the cursor to the end. */
const MAX_FRAME_SECONDS = 0.25;

export function PlaybackBar({ index }: { index: PlaybackIndex }) {
  const makespan = index.makespan;
  const playing = usePlayback((s) => s.playing);
  const cursor = usePlayback((s) => s.cursor);
  const pace = usePlayback((s) => s.pace);
  const fixed = usePlayback((s) => s.fixedAxis !== null);
  const ghost = usePlayback((s) => s.ghost);
  const previous = usePlayback((s) => s.previous);
  const speedId = useId();
  const t = cursor === null ? null : Math.min(cursor, makespan);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let id = requestAnimationFrame(function frame(now) {
      const dt = Math.min(MAX_FRAME_SECONDS, Math.max(0, (now - last) / 1e3));
      last = now;
      updatePlayback((s) => advance(s, dt, makespan));
      id = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(id);
  }, [playing, makespan]);

  useEffect(() => {
    const onPlay = () => updatePlayback((s) => togglePlay(s, makespan));
    window.addEventListener(PLAY_EVENT, onPlay);
    return () => window.removeEventListener(PLAY_EVENT, onPlay);
  }, [makespan]);

  const go = (to: number) => updatePlayback((s) => seek(s, to, makespan));
  return (
    <div className={css.bar} role="group" aria-label="Pipeline playback" data-testid="playback">
      <div className={css.row}>
        <button
          type="button"
          className={css.play}
          onClick={() => updatePlayback((s) => togglePlay(s, makespan))}
          aria-keyshortcuts="k"
          title="Play or pause (k)"
          data-testid="play-toggle"
          data-playing={playing ? 'true' : 'false'}
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          onClick={() => go(previousEvent(index, t ?? 0))}
          aria-label="Step back to the previous event"
          title="Previous event"
          data-testid="step-back"
        >
          ◀ Step
        </button>
        <button
          type="button"
          onClick={() => go(nextEvent(index, t ?? 0))}
          aria-label="Step forward to the next event"
          title="Next event"
          data-testid="step-forward"
        >
          Step ▶
        </button>
        {/* Thousandths of the step: arrow keys nudge by one; the step buttons reach every event exactly. */}
        <input
          type="range"
          className={css.scrub}
          min={0}
          max={makespan}
          step={makespan / 1000}
          value={t ?? 0}
          onChange={(e) => go(Number(e.currentTarget.value))}
          aria-label="Time in the step"
          aria-valuetext={`${formatSeconds(t ?? 0)} of ${formatSeconds(makespan)}`}
          data-testid="playback-scrub"
        />
        <span className={css.time} data-testid="playback-time">
          {t === null ? '–' : formatSeconds(t)} / {formatSeconds(makespan)}
        </span>
        <label className={css.speed} htmlFor={speedId}>
          Speed
          <select
            id={speedId}
            value={pace}
            onChange={(e) => updatePlayback((s) => ({ ...s, pace: Number(e.currentTarget.value) }))}
          >
            {PACES.map((p) => (
              <option key={p} value={p}>
                whole step in {p} s
              </option>
            ))}
          </select>
        </label>
        {t !== null && (
          <button
            type="button"
            onClick={() => updatePlayback((s) => ({ ...s, cursor: null, playing: false }))}
            title="Hide the cursor; the GPU grid shows its metric again"
          >
            Hide cursor
          </button>
        )}
      </div>
      <div className={css.row}>
        <label className={css.check}>
          <input
            type="checkbox"
            checked={fixed}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              updatePlayback((s) => ({ ...s, fixedAxis: on ? (axisEndOf(s, makespan) ?? makespan) : null }));
            }}
            data-testid="fixed-axis"
          />
          Keep the time axis fixed (a shorter step then draws shorter)
        </label>
        <label className={css.check}>
          <input
            type="checkbox"
            checked={ghost}
            onChange={(e) => updatePlayback((s) => ({ ...s, ghost: e.currentTarget.checked }))}
            data-testid="ghost-toggle"
          />
          Show the previous schedule faintly (before / after)
        </label>
        {ghost && previous && (
          <span className={css.before} data-testid="ghost-note">
            <span className={css.ghostSwatch} aria-hidden="true" /> before: {previous.what},{' '}
            {formatSeconds(previous.makespan)}; now {formatSeconds(makespan)}
          </span>
        )}
      </div>
      <p className={css.srOnly} aria-live="polite">
        {t !== null && !playing ? statesText(index, t) : ''}
      </p>
    </div>
  );
}

/** "At 1.20 s: stage 0 computing forward (F1); stage 1 waiting." For screen readers, when the cursor stops. */
export function statesText(index: PlaybackIndex, t: number): string {
  const parts = stageStatesAt(index, t).map(
    (s, i) => `stage ${i} ${STATE_STYLE[s.state].label.replace(/ \(.*\)$/, '')}${s.block ? ` (${s.block})` : ''}`,
  );
  return `At ${formatSeconds(t)}: ${parts.join('; ')}.`;
}
