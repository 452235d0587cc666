/** Builds a derivation from its expression and terms: formula, substituted line and result all come from the one expression. */
import { evaluateExpr, substitute, symbolsOf } from './expr';
import { formatQuantity } from './quantity';
import type { Derivation, MetricId, Source, Term, Unit } from './types';

export interface DerivationSpec {
  id: MetricId;
  title: string;
  symbol: string;
  expr: string;
  terms: Term[];
  unit: Unit;
  source: Source[];
  notes?: string[];
}

export function derive(spec: DerivationSpec): Derivation {
  const bySymbol = new Map(spec.terms.map((t) => [t.symbol, t]));
  const used = new Set(symbolsOf(spec.expr));
  // Every term the table lists is in the formula, and the formula reads nothing the table does not list.
  for (const s of used) if (!bySymbol.has(s)) throw new Error(`${spec.id}: ${s} has no term`);
  const terms = spec.terms.filter((t) => used.has(t.symbol));
  const values = Object.fromEntries(terms.map((t) => [t.symbol, t.value]));
  return {
    id: spec.id,
    title: spec.title,
    symbol: spec.symbol,
    expr: spec.expr,
    formula: `${spec.symbol} = ${substitute(spec.expr, (s) => s)}`,
    substituted: `${spec.symbol} = ${substitute(spec.expr, (s) => formatQuantity(bySymbol.get(s)!.value, bySymbol.get(s)!.unit))}`,
    terms,
    result: evaluateExpr(spec.expr, values),
    unit: spec.unit,
    source: spec.source,
    notes: spec.notes ?? [],
  };
}

/** A sum of parts, leaving out those that are zero (named in a note instead), in the given order. */
export function sumOfParts(
  parts: Term[],
  keep: (t: Term) => boolean = (t) => t.value !== 0,
): { expr: string; terms: Term[]; zero: Term[] } {
  const terms = parts.filter(keep);
  const zero = parts.filter((t) => !keep(t));
  return { expr: terms.length ? terms.map((t) => t.symbol).join(' + ') : '0', terms, zero };
}

/** "Zero here: exposed DP sync (T_DP), optimizer step (T_opt)." */
export function zeroNote(zero: Term[], what: string): string[] {
  return zero.length
    ? [`${what}: ${zero.map((t) => t.symbol).join(', ')} (0 for this scenario, left out of the sum).`]
    : [];
}
