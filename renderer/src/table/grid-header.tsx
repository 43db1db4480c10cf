/**
 * The grid's sticky header row: sortable column titles and resize handles. A component of its
 * own so that a live update, which changes rows only, does not render it again.
 */
import { flexRender, type ColumnSizingState, type Header, type SortingState } from '@tanstack/react-table';
import { memo } from 'react';
import type { RowModel } from './row-model';

/** Props of GridHeader: the headers, plus the table state they show (so it re-renders on it). */
export interface GridHeaderProps {
  headers: readonly Header<RowModel, unknown>[];
  sorting: SortingState;
  columnSizes: ColumnSizingState;
  /** The column being resized, if any (its handle is highlighted). */
  resizing: string | false;
}

/** The header row. */
export const GridHeader = memo(function GridHeader({ headers }: GridHeaderProps) {
  return (
    <div className="grid__header" role="row" aria-rowindex={1}>
      {headers.map((header) => {
        const sorted = header.column.getIsSorted();
        const canSort = header.column.getCanSort();
        const align = header.column.columnDef.meta?.align;
        return (
          <div
            key={header.id}
            role="columnheader"
            className={`hcell cell--${header.id}${align === 'right' ? ' is-right' : ''}`}
            aria-sort={
              sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined
            }
            title={header.column.columnDef.meta?.title}
            data-testid={`header-${header.id}`}
          >
            {canSort ? (
              <button
                type="button"
                className="hcell__button"
                onClick={header.column.getToggleSortingHandler()}
              >
                <span className="hcell__label">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </span>
                <span className={`sort-arrow${sorted ? ' is-active' : ''}`} aria-hidden="true">
                  {sorted === 'desc' ? '▼' : '▲'}
                </span>
              </button>
            ) : (
              <span className="hcell__label">
                {flexRender(header.column.columnDef.header, header.getContext())}
              </span>
            )}
            <div
              className={`resizer${header.column.getIsResizing() ? ' is-resizing' : ''}`}
              onMouseDown={header.getResizeHandler()}
              onTouchStart={header.getResizeHandler()}
              onDoubleClick={() => header.column.resetSize()}
              aria-hidden="true"
            />
          </div>
        );
      })}
      <div className="hcell hcell--filler" aria-hidden="true" />
    </div>
  );
});
