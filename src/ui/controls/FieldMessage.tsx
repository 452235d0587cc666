/** The reason an input was refused, shown under the control. */
export function FieldMessage({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="field-error" style={{ color: 'var(--fail)', fontSize: 12.5, margin: '4px 0 0' }}>
      {message}
    </p>
  );
}
