/**
 * The search results: sortable, filterable, virtualised (only the rows in
 * view are in the DOM, so 100,000 rows scroll smoothly). The best row per
 * objective is marked; a row that cannot run shows why.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTable, type ColumnFiltersState, type SortingState } from '@tanstack/react-table';
import type { Objective, SearchRow } from '../../core';
import { features, makeColumns } from './columns';
import css from './search.module.css';

export const ROW_HEIGHT = 30;
const VIEW_ROWS = 14;
const OVERSCAN = 6;

const OBJECTIVE_MARK: Record<Objective, string> = { throughput: 'T', latency: 'L', memory: 'M', cost: 'C' };

export interface ResultsTableProps {
  rows: SearchRow[];
  training: boolean;
  best: Record<Objective, number | null>;
  /** Ids tied within the model's error of the best by the ranking objective (marked ≈), and the mark's tooltip. */
  tied?: ReadonlySet<number>;
  tiedTitle?: string;
  selectedId: number | null;
  /** The search has finished: the selected row's place no longer moves. */
  done: boolean;
  hoveredId: number | null;
  onHover(id: number | null): void;
  onPick(row: SearchRow): void;
}

export function ResultsTable({
  rows,
  training,
  best,
  tied,
  tiedTitle,
  selectedId,
  done,
  hoveredId,
  onHover,
  onPick,
}: ResultsTableProps) {
  const columns = useMemo(() => makeColumns(training), [training]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const table = useTable({
    features,
    columns,
    data: rows,
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    enableSortingRemoval: true,
  });
  const [scrollTop, setScrollTop] = useState(0);
  const model = table.getRowModel().rows;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(model.length, first + VIEW_ROWS + 2 * OVERSCAN);
  const scroller = useRef<HTMLDivElement>(null);
  const selectedIndex = selectedId === null ? -1 : model.findIndex((r) => r.original.id === selectedId);
  const scrollToSelected = () => {
    const el = scroller.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    // Only move when the row is out of view, so a click in the table never jumps it.
    if (top < el.scrollTop || top + 2 * ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - ROW_HEIGHT * 3);
      setScrollTop(el.scrollTop);
    }
  };
  // The strategy on screen is brought into view when the search ends, and when
  // it changes from outside the table (a link, the chart): a user should not
  // have to hunt through thousands of rows for it.
  const selectedAtEnd = done ? selectedId : null;
  useEffect(scrollToSelected, [selectedAtEnd, sorting, columnFilters]);
  const marks = new Map<number, Objective[]>();
  for (const o of Object.keys(best) as Objective[]) {
    const id = best[o];
    if (id !== null) marks.set(id, [...(marks.get(id) ?? []), o]);
  }
  const filterOf = (id: string) => columnFilters.find((f) => f.id === id)?.value;
  const setFilter = (id: string, value: unknown) => table.getColumn(id)?.setFilterValue(value);

  return (
    <div className={css.tableBlock}>
      <div className={css.filters}>
        <label>
          <input
            type="checkbox"
            checked={filterOf('meetsTargets') === true}
            onChange={(e) => setFilter('meetsTargets', e.target.checked || undefined)}
            data-testid="filter-targets"
          />{' '}
          Meets every target
        </label>
        <label>
          <input
            type="checkbox"
            checked={filterOf('feasible') === true}
            onChange={(e) => setFilter('feasible', e.target.checked || undefined)}
          />{' '}
          Can run
        </label>
        <label>
          Strategy contains{' '}
          <input
            type="search"
            className={css.textFilter}
            value={(filterOf('strategy') as string) ?? ''}
            onChange={(e) => setFilter('strategy', e.target.value || undefined)}
            placeholder="e.g. TP8 or 1f1b"
          />
        </label>
        <button
          type="button"
          onClick={scrollToSelected}
          disabled={selectedIndex < 0}
          data-testid="search-goto-current"
          title={
            selectedIndex < 0
              ? 'The strategy on screen is not among the rows shown'
              : 'Scroll to the strategy on screen'
          }
        >
          Show the one on screen
        </button>
        <span className="muted num" data-testid="search-shown">
          {model.length.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')} shown
        </span>
      </div>
      <div
        ref={scroller}
        className={css.scroller}
        style={{ maxHeight: ROW_HEIGHT * (VIEW_ROWS + 1) }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="search-scroller"
      >
        <table className={css.table} aria-rowcount={model.length + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th
                  scope="col"
                  className={css.markCol}
                  title="Best per objective: T throughput, L latency, M memory, C cost; ≈ tied within the model’s error with the best"
                >
                  Best
                </th>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      data-col={header.column.id}
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
                      {canSort ? (
                        <button
                          type="button"
                          className={css.sortButton}
                          onClick={header.column.getToggleSortingHandler()}
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
            {first > 0 ? <tr style={{ height: first * ROW_HEIGHT }} aria-hidden="true" /> : null}
            {model.slice(first, last).map((row) => {
              const r = row.original;
              const mark = marks.get(r.id);
              const cls = [
                css.row,
                r.feasible ? '' : css.infeasible,
                r.id === selectedId ? css.selected : '',
                r.id === hoveredId ? css.hovered : '',
              ].join(' ');
              return (
                <tr
                  key={row.id}
                  className={cls}
                  style={{ height: ROW_HEIGHT }}
                  data-testid="search-row"
                  data-id={r.id}
                  aria-selected={r.id === selectedId}
                  tabIndex={0}
                  onClick={() => onPick(r)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') onPick(r);
                  }}
                  onMouseEnter={() => onHover(r.id)}
                  onMouseLeave={() => onHover(null)}
                >
                  <td
                    className={css.markCol}
                    title={
                      [mark ? `Best by ${mark.join(', ')}` : '', tied?.has(r.id) ? tiedTitle : '']
                        .filter(Boolean)
                        .join('. ') || undefined
                    }
                  >
                    {mark ? `★${mark.map((o) => OBJECTIVE_MARK[o]).join('')}` : ''}
                    {tied?.has(r.id) ? (
                      <span className={css.tied} data-testid="search-tied" aria-label="tied within the model’s error">
                        ≈
                      </span>
                    ) : null}
                  </td>
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      data-col={cell.column.id}
                      title={cell.column.id === 'feasible' && r.violation ? r.violation : undefined}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {last < model.length ? (
              <tr style={{ height: (model.length - last) * ROW_HEIGHT }} aria-hidden="true" />
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
