/**
 * One CSV cell, for every CSV the explorer writes (the search's rows, the
 * page's tables): RFC 4180 quoting, and text that a spreadsheet would run as
 * a formula neutralised (CSV injection, OWASP "CSV Injection": a cell that
 * begins with = + - @, tab or carriage return gets a leading single quote).
 * Numbers stay numbers: a typed number, or text that is only a number
 * ("-12.5", "−3", "1,234", "7%"), is never prefixed.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number as the page writes one: sign, digits with , or . groups, optional exponent, optional %. */
const NUMBER_TEXT = /^[-+]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][-+]?\d+)?%?$/;

/** The text with a leading ' when a spreadsheet would read it as a formula. */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text) ? `'${text}` : text;
}

/** One field: text neutralised (formulaSafe), then quoted when it holds a comma, quote or line break, quotes doubled. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  const text = formulaSafe(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
