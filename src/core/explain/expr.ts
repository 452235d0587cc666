/**
 * The arithmetic of a derivation, as text a student reads and a test runs:
 * numbers, symbols (T_step, M_peak), + − · / ×, parentheses and max(…).
 * One expression yields the formula in symbols, the same line with values
 * substituted, and the value itself, so the three cannot disagree.
 */

type Token =
  { kind: 'num'; text: string; value: number } | { kind: 'sym'; text: string } | { kind: 'op'; text: string };

const SYMBOL = /^[\p{L}_][\p{L}\p{N}_]*/u;
const NUMBER = /^\d+(\.\d+)?(e[+-]?\d+)?/i;
/** Operators as written (· and × multiply, − subtracts) and what they do. */
const OPS: Record<string, string> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '*': '*',
  '·': '*',
  '×': '*',
  '/': '/',
  '(': '(',
  ')': ')',
  ',': ',',
};

export function tokenize(expr: string): Token[] {
  const out: Token[] = [];
  let rest = expr;
  while (rest.length > 0) {
    const ch = rest[0];
    if (ch === ' ') {
      rest = rest.slice(1);
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ kind: 'num', text: num[0], value: Number(num[0]) });
      rest = rest.slice(num[0].length);
      continue;
    }
    const sym = SYMBOL.exec(rest);
    if (sym) {
      out.push({ kind: 'sym', text: sym[0] });
      rest = rest.slice(sym[0].length);
      continue;
    }
    if (OPS[ch]) {
      out.push({ kind: 'op', text: ch });
      rest = rest.slice(1);
      continue;
    }
    throw new Error(`Unexpected "${ch}" in ${expr}`);
  }
  return out;
}

/** The symbols an expression reads (function names excluded). */
export function symbolsOf(expr: string): string[] {
  const toks = tokenize(expr);
  return toks.filter((t, i) => t.kind === 'sym' && toks[i + 1]?.text !== '(').map((t) => t.text);
}

const FUNCTIONS: Record<string, (...xs: number[]) => number> = { max: Math.max, min: Math.min };

/** Evaluates an expression with the given symbol values (recursive descent; throws on an unknown symbol). */
export function evaluateExpr(expr: string, values: Record<string, number>): number {
  const toks = tokenize(expr);
  let i = 0;
  const peek = () => toks[i];
  const op = (t: Token | undefined) => (t && t.kind === 'op' ? OPS[t.text] : null);
  const expect = (o: string) => {
    if (op(toks[i]) !== o) throw new Error(`Expected "${o}" in ${expr}`);
    i++;
  };
  function sum(): number {
    let v = product();
    while (op(peek()) === '+' || op(peek()) === '-') v = op(toks[i++]) === '+' ? v + product() : v - product();
    return v;
  }
  function product(): number {
    let v = unary();
    while (op(peek()) === '*' || op(peek()) === '/') v = op(toks[i++]) === '*' ? v * unary() : v / unary();
    return v;
  }
  function unary(): number {
    if (op(peek()) === '-') {
      i++;
      return -unary();
    }
    return atom();
  }
  function atom(): number {
    const t = toks[i++];
    if (!t) throw new Error(`Unexpected end of ${expr}`);
    if (t.kind === 'num') return t.value;
    if (t.kind === 'sym') {
      if (op(peek()) === '(') {
        const f = FUNCTIONS[t.text];
        if (!f) throw new Error(`Unknown function ${t.text}`);
        i++;
        const args = [sum()];
        while (op(peek()) === ',') {
          i++;
          args.push(sum());
        }
        expect(')');
        return f(...args);
      }
      if (!(t.text in values)) throw new Error(`Unknown symbol ${t.text} in ${expr}`);
      return values[t.text];
    }
    if (op(t) === '(') {
      const v = sum();
      expect(')');
      return v;
    }
    throw new Error(`Unexpected "${t.text}" in ${expr}`);
  }
  const v = sum();
  if (i !== toks.length) throw new Error(`Trailing "${toks[i].text}" in ${expr}`);
  return v;
}

/** The expression with each symbol replaced by `show(symbol)` (a value with its unit), spacing kept. */
export function substitute(expr: string, show: (symbol: string) => string): string {
  const toks = tokenize(expr);
  return toks
    .map((t, i) => {
      if (t.kind === 'sym' && toks[i + 1]?.text !== '(') return show(t.text);
      if (t.kind === 'op' && ['+', '-', '−', '·', '×', '*', '/'].includes(t.text))
        return ` ${t.text === '-' ? '−' : t.text === '*' ? '·' : t.text} `;
      if (t.kind === 'op' && t.text === ',') return ', ';
      return t.text;
    })
    .join('')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')');
}
