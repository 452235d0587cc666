/**
 * A number box that lets a value be retyped: the text is the user's until
 * Enter or leaving the box commits it; an invalid entry stays visible (the
 * store names the problem beside it) instead of snapping back mid-typing.
 */
import { useEffect, useState } from 'react';
import css from './controls.module.css';

export interface NumberBoxProps {
  value: number;
  label: string;
  disabled?: boolean;
  onCommit(value: number | string): void;
}

export function NumberBox({ value, label, disabled = false, onCommit }: NumberBoxProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = (raw: string) => {
    if (raw.trim() === String(value)) return;
    const n = Number(raw);
    onCommit(raw.trim() === '' || Number.isNaN(n) ? raw : n);
  };
  return (
    <input
      className={`${css.numberBox} num`}
      type="text"
      inputMode="numeric"
      value={text}
      aria-label={label}
      disabled={disabled}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
        if (e.key === 'Escape') setText(String(value));
      }}
    />
  );
}
