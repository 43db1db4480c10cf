/**
 * The TanStack table behind the grid: column definitions, header sorting and column resizing.
 * TanStack never sees the rows (the store's view index filters, sorts and groups them).
 */
import {
  getCoreRowModel,
  useReactTable,
  type ColumnSizingState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useMemo, type CSSProperties } from 'react';
import type { SortColumn, SortSpec } from '../store/sort-keys';
import { COLUMNS } from './columns';
import type { RowModel } from './row-model';
import type { RowColumn } from './socket-row';

// TanStack never sees the rows: it builds no row model at all.
const NO_ROWS: RowModel[] = [];

/** What the table needs from the grid's props. */
export interface SocketTableOptions {
  sort: SortSpec;
  columnSizes: Record<string, number>;
  onSortChange: (sort: SortSpec) => void;
  onColumnSizesChange: (sizes: Record<string, number>) => void;
}

/** The table, its sorting state and its visible columns. */
export function useSocketTable({ sort, columnSizes, onSortChange, onColumnSizesChange }: SocketTableOptions) {
  const sorting = useMemo<SortingState>(() => [{ id: sort.column, desc: sort.desc }], [sort]);
  // The table object is mutable by design; this component does not rely on memoizing it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: NO_ROWS,
    columns: COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (model) => model.id,
    // The store sorts and filters; TanStack only sees the rows on screen. Its auto-resets would
    // fire on every new slice of data (each scroll or update) and loop re-rendering.
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    autoResetAll: false,
    enableSortingRemoval: false,
    enableMultiSort: false,
    sortDescFirst: false,
    columnResizeMode: 'onChange',
    defaultColumn: { minSize: 40, maxSize: 800 },
    state: { sorting, columnSizing: columnSizes },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSortChange({ column: first.id as SortColumn, desc: first.desc });
    },
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) => {
      onColumnSizesChange(typeof updater === 'function' ? updater(columnSizes) : updater);
    },
  });
  return { table, sorting, columns: table.getVisibleLeafColumns() };
}

type Columns = ReturnType<typeof useSocketTable>['columns'];

/** The grid's style: each column's width as a CSS variable (--w-<id>) and the total (--row-w). */
export function gridStyleOf(columns: Columns): CSSProperties {
  const widths = {} as Record<string, string>;
  let totalWidth = 0;
  for (const col of columns) {
    widths[`--w-${col.id}`] = `${col.getSize()}px`;
    totalWidth += col.getSize();
  }
  return { ...widths, '--row-w': `${totalWidth}px` } as CSSProperties;
}

/**
 * The columns as rows need them. Rows take their widths from the CSS variables above: they
 * re-render only when the set of columns changes, not when one is resized.
 */
export function useRowColumns(columns: Columns): RowColumn[] {
  return useMemo<RowColumn[]>(
    () =>
      columns.map((col) => ({
        id: col.id,
        className: `cell cell--${col.id}${col.columnDef.meta?.align === 'right' ? ' is-right' : ''}`,
      })),
    [columns],
  );
}
