/**
 * A slider for a parallel degree or the micro-batch count. Dragging snaps to
 * values that divide (marked with labelled ticks); the arrow keys and the
 * number box still reach every value, so a student can see why one fails.
 */
import { useId, useMemo, useRef } from 'react';
import { NumberBox } from './NumberBox';
import { fieldByPath } from '../../core';
import { inError, shownScenario } from '../../state/store';
import { useExplorer, useExplorerStore } from '../../state/react';
import { isDividing, keyTarget, sliderDependencies, sliderValues, snapIndex, type DegreePath } from './values';
import { valueAt } from './paths';
import { FieldMessage } from './FieldMessage';
import css from './controls.module.css';

export function DegreeSlider({ path, disabled = false }: { path: DegreePath; disabled?: boolean }) {
  // Re-render only when a fact this slider depends on changes (a string compares by value).
  const deps = useExplorer((s) => sliderDependencies(path, shownScenario(s)));
  const store = useExplorerStore();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const scenario = useMemo(() => shownScenario(store.getState()), [deps, store]);
  const setField = useExplorer((s) => s.setField);
  // Put back after an evaluator failure: the box drops the text typed for the failed value.
  const restored = useExplorer((s) => s.restoredAfterFailure);
  const error = useExplorer((s) => s.fieldErrors[path]);
  // Highlighted when the user pointed at it from a violation, or when an error involves it.
  const highlighted = useExplorer((s) => s.highlighted.includes(path) || inError(s, path));
  const def = fieldByPath(path)!;
  const current = valueAt(scenario, path) as number;
  const values = useMemo(() => sliderValues(path, scenario, current), [path, scenario, current]);
  const index = Math.max(0, values.indexOf(current));
  const pointer = useRef(false);
  const id = useId();
  const ok = (v: number) => isDividing(path, v, scenario);
  const dividing = ok(current);
  // The status beside the value: the evaluator's errors that involve this field.
  const problemText = useExplorer((s) =>
    (s.evaluation?.violations ?? [])
      .filter((v) => v.severity === 'error' && v.fields.includes(path))
      .map((v) => v.code)
      .join(', '),
  );
  const problems = problemText ? problemText.split(', ') : [];
  const status = problems.length ? `✗ ${problems.join(', ')}` : dividing ? '✓ fits' : '✗ does not divide';

  const onSlide = (i: number) => {
    const target = pointer.current ? snapIndex(values, i, ok) : i;
    setField(path, values[target], pointer.current ? 'drag' : 'step');
  };
  // Keys move through every position (dividing or not). The key's default is
  // prevented so the thumb moves when the new evaluation arrives, together
  // with everything else on the page: one repaint per step.
  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    // Step from the value last asked for, not the one on screen: presses faster
    // than the evaluations must not be lost. A value off the positions (tp=47
    // from a link, on 16 GPUs) steps to the nearest position that way.
    const from = valueAt(store.getState().scenario, path) as number;
    const next = keyTarget(values, from, e.key);
    if (next === null) return;
    e.preventDefault();
    if (next !== from) setField(path, next, 'step');
  };
  const last = values.length - 1;
  const labelled = useMemo(() => tickLabels(values, ok), [values, deps]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className={`${css.field} ${highlighted ? css.highlighted : ''}`} data-field={path}>
      <div className={css.sliderHead}>
        <label htmlFor={id} title={def.description}>
          <span className={css.label}>{def.label}</span>
        </label>
        <NumberBox
          key={restored}
          value={current}
          label={`${def.label} value`}
          disabled={disabled}
          onCommit={(v) => setField(path, v, 'commit')}
        />
        <span className={problems.length || !dividing ? css.badMark : css.okMark} data-testid={`status-${path}`}>
          {status}
        </span>
      </div>
      <input
        id={id}
        className={css.slider}
        type="range"
        min={0}
        max={last}
        step={1}
        value={index}
        disabled={disabled}
        aria-valuetext={`${current}${problems.length ? ` (${problems.join(', ')})` : dividing ? '' : ' (does not divide)'}`}
        aria-describedby={`${id}-desc`}
        data-testid={`slider-${path}`}
        onPointerDown={() => (pointer.current = true)}
        onPointerUp={() => {
          pointer.current = false;
          // Commit what the drag or click asked for (the thumb may still show the evaluated value).
          setField(path, valueAt(store.getState().scenario, path), 'commit');
        }}
        onKeyDown={onKey}
        onChange={(e) => onSlide(Number(e.currentTarget.value))}
      />
      <div className={css.ticks} aria-hidden="true">
        {values.map((v, i) => {
          const left = last > 0 ? (i / last) * 100 : 0;
          return (
            <span key={v} className={ok(v) ? css.tickGood : css.tick} style={{ left: `${left}%` }}>
              {labelled.has(i) ? <span className={css.tickLabel}>{v}</span> : null}
            </span>
          );
        })}
      </div>
      <p id={`${id}-desc`} className={css.hint}>
        {def.description}
      </p>
      <FieldMessage message={error} />
    </div>
  );
}

/** The slider track is about this wide in the sidebar; labels need this much room. */
const TRACK_PX = 290;
const LABEL_PX = 26;

/**
 * Positions whose dividing value gets a label: the first and last dividing
 * ones, and others left to right while they keep clear of each other (a
 * crowded end of the scale, 16 32 64 128, would otherwise overprint).
 */
export function tickLabels(values: number[], ok: (v: number) => boolean): Set<number> {
  const last = values.length - 1;
  const gap = last > 0 ? Math.ceil((LABEL_PX / TRACK_PX) * last) : 1;
  const dividing = values.map((v, i) => (ok(v) ? i : -1)).filter((i) => i >= 0);
  const out = new Set<number>();
  if (dividing.length === 0) return out;
  const end = dividing[dividing.length - 1];
  let prev = -Infinity;
  for (const i of dividing) {
    if (i - prev >= gap && (i === end || end - i >= gap)) {
      out.add(i);
      prev = i;
    }
  }
  out.add(end);
  return out;
}
