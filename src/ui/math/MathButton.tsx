/**
 * "Show the math" beside a number: a button (aria-expanded) that opens the
 * number's derivation in a modal dialog. Escape, the Close button or a click
 * outside closes it, and focus goes back to the button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Derivation } from '../../core';
import { MathPanel } from './MathPanel';
import css from './math.module.css';

export interface MathButtonProps {
  /** What the math is of, for the button's accessible name ("Step time"). */
  label: string;
  /** Worked out only when opened. */
  derive(): Derivation | null;
  testId: string;
}

export function MathButton({ label, derive, testId }: MathButtonProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const dialogId = useId();
  const headingId = useId();
  // Focus goes back to the button once the dialog is gone (while it is open, the page behind it is inert).
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={css.open}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-controls={open ? dialogId : undefined}
        aria-label={`Show the math: ${label}`}
        title={`Show the math: how ${label.toLowerCase()} is worked out`}
        data-testid={testId}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">∑</span> math
      </button>
      {open ? <MathDialog id={dialogId} headingId={headingId} derive={derive} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function MathDialog({
  id,
  headingId,
  derive,
  onClose,
}: {
  id: string;
  headingId: string;
  derive: () => Derivation | null;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    // showModal: focus moves in, the page behind is inert, Escape closes.
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
  }, []);
  const derivation = derive();
  return (
    <dialog
      ref={ref}
      id={id}
      className={css.dialog}
      aria-labelledby={headingId}
      data-testid="math-dialog"
      onClose={onClose}
      onCancel={(ev) => {
        ev.preventDefault();
        onClose();
      }}
      onClick={(ev) => {
        // A click on the backdrop lands on the dialog element itself.
        if (ev.target === ev.currentTarget) onClose();
      }}
    >
      <div className={css.dialogBody}>
        {/* First in the dialog, so it takes the focus and the top of the math stays in view. */}
        <button type="button" className={css.close} onClick={onClose} data-testid="math-close" autoFocus>
          Close <span aria-hidden="true">×</span>
        </button>
        {derivation ? (
          <MathPanel derivation={derivation} headingId={headingId} />
        ) : (
          <p id={headingId}>No derivation for this number.</p>
        )}
      </div>
    </dialog>
  );
}
