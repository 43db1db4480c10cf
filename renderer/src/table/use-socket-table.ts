/**
 * The TanStack table behind the grid: column definitions, header sorting and column resizing.
 * TanStack never sees the rows (the store's view index filters, sorts and groups them).
 */
import {
  getCoreRowModel,
  useReactTable,
  type ColumnSizingState,
  type SortingState,
  type VisibilityState,
  type Updater,
} from '@tanstack/react-table';
import { useMemo, type CSSProperties } from 'react';
import type { SortColumn, SortSpec } from '../store/sort-keys';
import { columnsToFit, orderedColumns, REQUIRED } from './column-layout';
import { COLUMNS, defaultColumnSize, type ColumnId } from './columns';
import type { RowModel } from './row-model';
import type { RowColumn } from './socket-row';

// TanStack never sees the rows: it builds no row model at all.
const NO_ROWS: RowModel[] = [];

/** What the table needs from the grid's props. */
export interface SocketTableOptions {
  sort: SortSpec;
  columnSizes: Record<string, number>;
  /** The user's column order and hidden columns (view prefs). */
  columnOrder: string[];
  hiddenColumns: string[];
  onSortChange: (sort: SortSpec) => void;
  onColumnSizesChange: (sizes: Record<string, number>) => void;
}

/**
 * The columns in the user's order, which the user hid, and which give way for width (the table
 * is `available` px wide; 0 before it is measured).
 */
function useColumnLayout(options: SocketTableOptions, available: number) {
  const { columnOrder, hiddenColumns, columnSizes } = options;
  return useMemo(() => {
    const order = orderedColumns(columnOrder);
    const hidden = new Set(hiddenColumns.filter((id) => !REQUIRED.has(id as ColumnId)));
    const shown = order.filter((id) => !hidden.has(id));
    // The filler cell after the last column keeps 32 px (the header's holds the column chooser).
    const squeezed = columnsToFit(
      shown.map((id) => ({ id, size: columnSizes[id] ?? defaultColumnSize(id) })),
      available - 32,
    );
    const visibility: VisibilityState = {};
    for (const id of order) visibility[id] = !hidden.has(id) && !squeezed.has(id);
    return { order, hidden, squeezed, visibility };
  }, [columnOrder, hiddenColumns, columnSizes, available]);
}

/** The table, its sorting state, its visible columns and how they were chosen. */
export function useSocketTable(options: SocketTableOptions, available: number) {
  const { sort, columnSizes, onSortChange, onColumnSizesChange } = options;
  const layout = useColumnLayout(options, available);
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
    state: {
      sorting,
      columnSizing: columnSizes,
      columnOrder: layout.order,
      columnVisibility: layout.visibility,
    },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSortChange({ column: first.id as SortColumn, desc: first.desc });
    },
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) => {
      onColumnSizesChange(typeof updater === 'function' ? updater(columnSizes) : updater);
    },
  });
  return { table, sorting, columns: table.getVisibleLeafColumns(), layout };
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
