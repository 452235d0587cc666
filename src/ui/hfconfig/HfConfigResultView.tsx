/**
 * What an import read: the keys used (and for which field), the keys
 * ignored and the notes on what was assumed; or the errors, each naming its
 * key. Props only, so it renders the same on the server and in tests.
 */
import type { HfConfigResult } from '../../core';
import { describeModel, groupUsed, messageAfterKey } from './describe';
import css from './hfconfig.module.css';

export function HfConfigResultView({ result }: { result: HfConfigResult }) {
  if (!result.ok) {
    return (
      <div className={css.errors} role="alert" data-testid="hf-errors">
        <p className={css.heading}>This config cannot be read:</p>
        <ul className={css.list}>
          {result.errors.map((e, i) => (
            <li key={`${e.key}-${i}`}>
              <code className={css.key}>{e.key}</code> {messageAfterKey(e.key, e.message)}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const used = groupUsed(result.used);
  return (
    <div className={css.result} data-testid="hf-result">
      <p className={css.summary}>{describeModel(result.model)}</p>
      <p className={css.heading}>Used:</p>
      <ul className={css.list} data-testid="hf-used">
        {used.map((u) => (
          <li key={u.key}>
            <code className={css.key}>{u.key}</code> → {u.fields.join(', ')}
          </li>
        ))}
      </ul>
      {result.ignored.length > 0 ? (
        <details className={css.ignored}>
          <summary>
            Ignored: {result.ignored.length} key{result.ignored.length === 1 ? '' : 's'} the model fields do not need
          </summary>
          <p className={css.keys} data-testid="hf-ignored">
            {result.ignored.join(', ')}
          </p>
        </details>
      ) : (
        <p className={css.heading}>Ignored: none</p>
      )}
      {result.notes.length > 0 ? (
        <>
          <p className={css.heading}>Notes:</p>
          <ul className={`${css.list} ${css.notes}`} data-testid="hf-notes">
            {result.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
