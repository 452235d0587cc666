/**
 * One derivation, readable by a student with a calculator: the formula in
 * symbols, the same with this scenario's values (ending on the number the
 * page shows), a table of the terms, notes, the check against a target, and
 * where the formula comes from.
 */
import { Fragment } from 'react';
import { formatQuantity, UNIT_NAMES, type Derivation } from '../../core';
import { checkText, resultText } from './display';
import css from './math.module.css';

/** "T_compute" as T with "compute" in subscript; other text as is. */
export function Symbolic({ text }: { text: string }) {
  const parts = text.split(/([\p{L}][\p{L}\p{N}]*_[\p{L}\p{N}_]+)/u);
  return (
    <>
      {parts.map((p, i) => {
        const m = /^([\p{L}][\p{L}\p{N}]*)_(.+)$/u.exec(p);
        return m ? (
          <Fragment key={i}>
            {m[1]}
            <sub>{m[2].replace(/_/g, ' ')}</sub>
          </Fragment>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        );
      })}
    </>
  );
}

/** "22.00 ms" → ["22.00", "ms"]; a bare number keeps its unit's name. */
function splitQuantity(value: number, unit: Derivation['unit']): [string, string] {
  const text = formatQuantity(value, unit);
  const space = text.indexOf(' ');
  if (space > 0) return [text.slice(0, space), text.slice(space + 1)];
  if (text.endsWith('%')) return [text.slice(0, -1), '%'];
  return [text, UNIT_NAMES[unit]];
}

export function MathPanel({ derivation: d, headingId }: { derivation: Derivation; headingId?: string }) {
  const result = resultText(d);
  const check = checkText(d);
  return (
    <div className={css.panel} data-testid="math-panel" data-metric={d.id}>
      <h2 className={css.title} id={headingId}>
        {d.title}: <span className="num">{result}</span>
      </h2>
      <p className={css.label}>Formula</p>
      <p className={css.formula} data-testid="math-formula">
        <Symbolic text={d.formula} />
      </p>
      <p className={css.label}>With this scenario’s values</p>
      <p className={css.substituted} data-testid="math-substituted">
        <Symbolic text={d.substituted} /> = <strong data-testid="math-result">{result}</strong>
      </p>
      {check ? (
        <p className={`${css.check} ${css[check.status]}`} data-testid="math-check" data-status={check.status}>
          Target: <Symbolic text={check.text} />
        </p>
      ) : null}
      {d.terms.length > 0 ? (
        <div className={css.tableWrap}>
          <table className={css.terms} data-testid="math-terms">
            <caption className={css.label}>Terms</caption>
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Value</th>
                <th scope="col">Unit</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {d.terms.map((t) => {
                const [value, unit] = splitQuantity(t.value, t.unit);
                return (
                  <tr key={t.symbol} data-symbol={t.symbol}>
                    <th scope="row" className={css.symbol}>
                      <Symbolic text={t.symbol} />
                    </th>
                    <td className={`num ${css.value}`}>{value}</td>
                    <td className={css.unit}>{unit}</td>
                    <td className={css.meaning}>{t.meaning}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {d.notes.length > 0 ? (
        <ul className={css.notes}>
          {d.notes.map((n) => (
            <li key={n}>
              <Symbolic text={n} />
            </li>
          ))}
        </ul>
      ) : null}
      <p className={css.label}>Source</p>
      <ul className={css.sources} data-testid="math-source">
        {d.source.map((s) => (
          <li key={s.paper + s.section}>
            {s.paper}, {s.section}
          </li>
        ))}
      </ul>
    </div>
  );
}
