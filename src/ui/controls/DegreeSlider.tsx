/**
 * A slider for a parallel degree or the micro-batch count. Dragging snaps to
 * values that divide (marked with labelled ticks); the arrow keys and the
 * number box still reach every value, so a student can see why one fails.
 */
import { useId, useMemo, useRef } from 'react';
import { fieldByPath } from '../../core';
import { useExplorer } from '../app/storeContext';
import { isDividing, sliderValues, snapIndex, type DegreePath } from './values';
import { valueAt } from './paths';
import { FieldMessage } from './FieldMessage';
import css from './controls.module.css';

export function DegreeSlider({ path, disabled = false }: { path: DegreePath; disabled?: boolean }) {
  const scenario = useExplorer((s) => s.scenario);
  const setField = useExplorer((s) => s.setField);
  const error = useExplorer((s) => s.fieldErrors[path]);
  const highlighted = useExplorer((s) => s.highlighted.includes(path));
  const def = fieldByPath(path)!;
  const current = valueAt(scenario, path) as number;
  const values = useMemo(() => sliderValues(path, scenario, current), [path, scenario, current]);
  const index = Math.max(0, values.indexOf(current));
  const pointer = useRef(false);
  const id = useId();
  const ok = (v: number) => isDividing(path, v, scenario);
  const dividing = ok(current);
  // The status beside the value: the evaluator's errors that involve this field.
  const violations = useExplorer((s) => s.evaluation?.violations);
  const problems = useMemo(() => (violations ?? []).filter((v) => v.severity === 'error' && v.fields.includes(path)).map((v) => v.code), [violations, path]);
  const status = problems.length ? `✗ ${problems.join(', ')}` : dividing ? '✓ fits' : '✗ does not divide';

  const onSlide = (i: number) => {
    const target = pointer.current ? snapIndex(values, i, ok) : i;
    setField(path, values[target], pointer.current ? 'drag' : 'commit');
  };
  const last = values.length - 1;

  return (
    <div className={`${css.field} ${highlighted ? css.highlighted : ''}`} data-field={path}>
      <div className={css.sliderHead}>
        <label htmlFor={id} title={def.description}>
          <span className={css.label}>{def.label}</span>
        </label>
        <input
          className={`${css.numberBox} num`}
          type="number"
          min={1}
          step={1}
          value={current}
          aria-label={`${def.label} value`}
          disabled={disabled}
          onChange={(e) => {
            const v = e.currentTarget.valueAsNumber;
            setField(path, Number.isNaN(v) ? e.currentTarget.value : v, 'commit');
          }}
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
        onPointerUp={(e) => {
          pointer.current = false;
          setField(path, values[Number(e.currentTarget.value)], 'commit');
        }}
        onChange={(e) => onSlide(Number(e.currentTarget.value))}
      />
      <div className={css.ticks} aria-hidden="true">
        {values.map((v, i) => {
          const good = ok(v);
          const left = last > 0 ? (i / last) * 100 : 0;
          const showLabel = good && (values.length <= 24 || i === 0 || i === last || isPowerOfTwo(v));
          return (
            <span key={v} className={good ? css.tickGood : css.tick} style={{ left: `${left}%` }}>
              {showLabel ? <span className={css.tickLabel}>{v}</span> : null}
            </span>
          );
        })}
      </div>
      <p id={`${id}-desc`} className={css.hint}>{def.description}</p>
      <FieldMessage message={error} />
    </div>
  );
}

function isPowerOfTwo(v: number) {
  return (v & (v - 1)) === 0;
}
