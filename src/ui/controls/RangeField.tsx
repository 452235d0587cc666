/** A continuous slider with its number (capacity factor, routing skew, efficiencies). */
import { useId } from 'react';
import { fieldByPath } from '../../core';
import { inError } from '../../state/store';
import { useExplorer } from '../../state/react';
import { valueAt } from './paths';
import { FieldMessage } from './FieldMessage';
import css from './controls.module.css';

export interface RangeFieldProps {
  path: string;
  min: number;
  max: number;
  step: number;
  /** For a nullable field: what null means ("dropless"), shown as a checkbox. */
  nullMeaning?: string;
  format?: (v: number) => string;
}

export function RangeField({ path, min, max, step, nullMeaning, format = (v) => String(v) }: RangeFieldProps) {
  const def = fieldByPath(path)!;
  // The value last asked for: keyboard steps build on it even before its evaluation arrives.
  const value = useExplorer((s) => valueAt(s.scenario, path)) as number | null;
  const setField = useExplorer((s) => s.setField);
  const error = useExplorer((s) => s.fieldErrors[path]);
  // Highlighted when the user pointed at it from a violation, or when an error involves it.
  const highlighted = useExplorer((s) => s.highlighted.includes(path) || inError(s, path));
  const id = useId();
  const isNull = value === null;
  const shown = isNull ? min : value;
  return (
    <div className={`${css.field} ${highlighted ? css.highlighted : ''}`} data-field={path}>
      <div className={css.sliderHead}>
        <label htmlFor={id} className={css.label} title={def.description}>
          {def.label}
        </label>
        <output htmlFor={id} className="num">
          {isNull ? nullMeaning : format(shown)}
        </output>
        {nullMeaning ? (
          <label className={css.inlineCheck}>
            <input
              type="checkbox"
              checked={isNull}
              onChange={(e) => setField(path, e.currentTarget.checked ? null : 1.0)}
            />{' '}
            {nullMeaning}
          </label>
        ) : null}
      </div>
      <input
        id={id}
        className={css.slider}
        type="range"
        min={min}
        max={max}
        step={step}
        value={shown}
        disabled={isNull}
        data-testid={`slider-${path}`}
        onChange={(e) => setField(path, Number(e.currentTarget.value), 'drag')}
        onPointerUp={(e) => setField(path, Number(e.currentTarget.value), 'commit')}
      />
      <p className={css.hint}>{def.description}</p>
      <FieldMessage message={error} />
    </div>
  );
}
