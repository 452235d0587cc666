/**
 * A control for any leaf field of the scenario, built from its schema entry
 * (label, unit, range, description): a number box, a checkbox or a select.
 * Nullable fields get an "on" switch (a target switched off is null); a
 * nullable switch gets "framework default / on / off".
 */
import { useId, useState, useEffect } from 'react';
import { FRAMEWORK_SWITCHES, fieldByPath, frameworkSwitches } from '../../core';
import { inError, shownScenario } from '../../state/store';
import { useExplorer } from '../../state/react';
import { valueAt } from './paths';
import { FieldMessage } from './FieldMessage';
import css from './controls.module.css';

export interface FieldInputProps {
  path: string;
  /** Option labels for an enum, by value. */
  optionLabels?: Record<string, string>;
  /** Value to use when a nullable field is switched on. */
  onValue?: unknown;
  /** Label of the switch of a nullable field. */
  nullLabel?: string;
  disabled?: boolean;
}

export function FieldInput({ path, optionLabels, onValue, nullLabel, disabled = false }: FieldInputProps) {
  const def = fieldByPath(path);
  const value = useExplorer((s) => valueAt(shownScenario(s), path));
  const setField = useExplorer((s) => s.setField);
  const error = useExplorer((s) => s.fieldErrors[path]);
  // Highlighted when the user pointed at it from a violation, or when an error involves it.
  const highlighted = useExplorer((s) => s.highlighted.includes(path) || inError(s, path));
  // A framework switch left null: what the framework's default makes it (null for any other field).
  const frameworkValue = useExplorer((s) => {
    const sw = FRAMEWORK_SWITCHES.find((x) => x.path === path);
    return sw ? frameworkSwitches(shownScenario(s)).values[sw.key] : null;
  });
  const id = useId();
  // The text being typed: kept locally so "1." or "" can be typed on the way to a number.
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  // Also when put back after an evaluator failure (the value shown may not have changed).
  const restored = useExplorer((s) => s.restoredAfterFailure);
  useEffect(() => setText(value === null || value === undefined ? '' : String(value)), [value, restored]);
  if (!def) return null;
  const unit = def.unit ? <span className={css.unit}>{def.unit}</span> : null;
  const label = (
    <label htmlFor={id} className={css.label} title={def.description}>
      {def.label}
    </label>
  );
  const wrap = (control: React.ReactNode, extra?: React.ReactNode) => (
    <div className={`${css.field} ${css.row} ${highlighted ? css.highlighted : ''}`} data-field={path}>
      {def.type === 'boolean' ? null : label}
      <div className={css.controlLine}>
        {extra}
        {control}
        {unit}
      </div>
      <FieldMessage message={error} />
    </div>
  );

  // A nullable switch has three states: the framework's default (null), on, off.
  if (def.type === 'boolean' && def.nullable) {
    const dflt = value === null && frameworkValue !== null ? ` (${frameworkValue ? 'on' : 'off'})` : '';
    return (
      <div className={`${css.field} ${css.row} ${highlighted ? css.highlighted : ''}`} data-field={path}>
        {label}
        <div className={css.controlLine}>
          <select
            id={id}
            value={value === null ? 'default' : value ? 'on' : 'off'}
            disabled={disabled}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setField(path, v === 'default' ? null : v === 'on');
            }}
          >
            <option value="default">{`${nullLabel ?? 'framework default'}${dflt}`}</option>
            <option value="on">on</option>
            <option value="off">off</option>
          </select>
        </div>
        <FieldMessage message={error} />
      </div>
    );
  }

  if (def.type === 'boolean') {
    return (
      <div className={`${css.field} ${css.checkRow} ${highlighted ? css.highlighted : ''}`} data-field={path}>
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          onChange={(e) => setField(path, e.currentTarget.checked)}
        />
        <label htmlFor={id} title={def.description}>
          {def.label}
        </label>
        <FieldMessage message={error} />
      </div>
    );
  }

  const isNull = value === null;
  const nullSwitch = def.nullable ? (
    <input
      type="checkbox"
      aria-label={`${nullLabel ?? 'Use'} ${def.label}`}
      title={nullLabel ?? 'Use this field'}
      checked={!isNull}
      disabled={disabled}
      onChange={(e) =>
        setField(
          path,
          e.currentTarget.checked ? (onValue ?? (def.type === 'enum' ? def.values?.[0] : def.min) ?? 1) : null,
        )
      }
    />
  ) : null;

  if (def.type === 'enum') {
    return wrap(
      <select
        id={id}
        value={String(value ?? '')}
        disabled={disabled || isNull}
        onChange={(e) => setField(path, e.currentTarget.value)}
      >
        {isNull ? <option value="">default</option> : null}
        {(def.values ?? []).map((v) => (
          <option key={v} value={v}>
            {optionLabels?.[v] ?? v}
          </option>
        ))}
      </select>,
      nullSwitch,
    );
  }

  if (def.type === 'string') {
    return wrap(
      <input
        id={id}
        type="text"
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={() => setField(path, text)}
      />,
    );
  }

  const commit = (raw: string) => {
    if (raw.trim() === '') return setField(path, def.nullable ? null : raw);
    const n = Number(raw);
    setField(path, Number.isNaN(n) ? raw : n);
  };
  return wrap(
    <input
      id={id}
      className={`${css.numberInput} num`}
      type="number"
      inputMode="decimal"
      value={text}
      min={def.min}
      max={def.max}
      step={def.type === 'int' ? 1 : 'any'}
      disabled={disabled || isNull}
      aria-describedby={`${id}-d`}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
      }}
    />,
    <>
      {nullSwitch}
      <span id={`${id}-d`} hidden>
        {def.description}
      </span>
    </>,
  );
}
