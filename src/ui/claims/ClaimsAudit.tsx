/**
 * A source document's stated figures against what the model computes, with a
 * verdict per claim. Built on TanStack Table v9 for the verdict sorting.
 * Renders nothing when the scenario states no claims.
 */
import { useId, useMemo } from 'react';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import type { ClaimAudit, Evaluation } from '../../core';
import { formatMetric, METRIC_LABELS } from '../format';
import { compareVerdicts, VERDICT_ICON, VERDICT_TONE, type Verdict } from './verdict';
import css from './ClaimsAudit.module.css';

export interface ClaimsAuditProps {
  evaluation: Evaluation;
  /** Start sorted by verdict: "asc" puts contradicted claims first. Unsorted (document order) when left out. */
  initialVerdictSort?: 'asc' | 'desc';
}

// Module scope keeps features and columns stable, as TanStack v9 requires.
const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
const helper = createColumnHelper<typeof features, ClaimAudit>();

/** Column headers, also used as cell labels when rows stack on a phone. */
const HEADERS = { claim: 'Claim', stated: 'Stated', computed: 'Computed', verdict: 'Verdict', why: 'Why' } as const;

const columns = helper.columns([
  helper.accessor('claim', {
    header: HEADERS.claim,
    enableSorting: false,
    cell: (c) => METRIC_LABELS[c.getValue()] ?? c.getValue(),
  }),
  helper.accessor('stated', {
    header: HEADERS.stated,
    enableSorting: false,
    cell: (c) => formatMetric(c.row.original.claim, c.getValue()),
  }),
  helper.accessor('computed', {
    header: HEADERS.computed,
    enableSorting: false,
    cell: (c) => formatMetric(c.row.original.claim, c.getValue()),
  }),
  helper.accessor('verdict', {
    header: HEADERS.verdict,
    sortFn: (a, b, id) => compareVerdicts(a.getValue<Verdict>(id), b.getValue<Verdict>(id)),
    cell: (c) => <VerdictBadge verdict={c.getValue()} />,
  }),
  helper.accessor('why', { header: HEADERS.why, enableSorting: false }),
]);

export function ClaimsAudit({ evaluation, initialVerdictSort }: ClaimsAuditProps) {
  const rows = evaluation.claimsAudit;
  if (rows.length === 0) return null;
  return (
    <ClaimsTable
      rows={rows}
      source={evaluation.scenario.claims?.source ?? ''}
      initialVerdictSort={initialVerdictSort}
      infeasible={evaluation.fromInfeasibleStrategy}
    />
  );
}

interface ClaimsTableProps {
  rows: ClaimAudit[];
  source: string;
  initialVerdictSort?: 'asc' | 'desc';
  infeasible: boolean;
}

function ClaimsTable({ rows, source, initialVerdictSort, infeasible }: ClaimsTableProps) {
  const titleId = useId();
  const initialState = useMemo(
    () => ({ sorting: initialVerdictSort ? [{ id: 'verdict', desc: initialVerdictSort === 'desc' }] : [] }),
    [initialVerdictSort],
  );
  const table = useTable({ features, columns, data: rows, initialState, enableSortingRemoval: true });
  const counts = countVerdicts(rows);
  return (
    <section
      className={`panel ${css.root}`}
      aria-labelledby={titleId}
      data-testid="claims-audit"
      id="claims"
      tabIndex={-1}
    >
      <div className="panel-header">
        <h2 id={titleId}>Claims audit</h2>
        <span className="muted num">
          {counts.contradicted} contradicted · {counts.consistent} consistent
          {counts['not computable'] ? ` · ${counts['not computable']} not computable` : ''}
        </span>
      </div>
      <p className="what">
        Each figure the source states, against what this model computes; a claim within 10% of the computed value is
        consistent.
        {infeasible ? ' The computed values come from a strategy that cannot run as configured.' : ''}
      </p>
      <div className={css.wrap}>
        <table className={css.table}>
          <caption className={css.caption}>
            Claims from <cite>{source || 'an unnamed source'}</cite>
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={css[`col_${header.column.id}`]}
                      aria-sort={
                        canSort
                          ? sorted === 'asc'
                            ? 'ascending'
                            : sorted === 'desc'
                              ? 'descending'
                              : 'none'
                          : undefined
                      }
                    >
                      {header.isPlaceholder ? null : canSort ? (
                        <button
                          type="button"
                          className={css.sortButton}
                          onClick={header.column.getToggleSortingHandler()}
                          title="Sort by verdict"
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className={css.sortIcon}>
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '⇅'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid={`claim-${row.original.claim}`} data-verdict={row.original.verdict}>
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    data-label={HEADERS[cell.column.id as keyof typeof HEADERS]}
                    className={css[`col_${cell.column.id}`]}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`${css.verdict} ${css[VERDICT_TONE[verdict]]}`} data-verdict={verdict}>
      <span aria-hidden="true">{VERDICT_ICON[verdict]}</span> {verdict}
    </span>
  );
}

function countVerdicts(rows: ClaimAudit[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = { contradicted: 0, consistent: 0, 'not computable': 0 };
  for (const r of rows) out[r.verdict]++;
  return out;
}
