/**
 * The grid's sticky header row: sortable column titles and resize handles. A component of its
 * own so that a live update, which changes rows only, does not render it again.
 */
import { flexRender, type ColumnSizingState, type Header, type SortingState } from '@tanstack/react-table';
import { memo, type KeyboardEvent } from 'react';
import { announce } from '../ui/announcer';
import type { RowModel } from './row-model';

/** How far one Alt+Arrow press resizes a column, in px. */
const RESIZE_STEP = 16;

/**
 * Alt+← and Alt+→ on a column's header narrow and widen it (the mouse's drag handle, from the
 * keyboard); the new width is announced. True when the key was one of those.
 */
function resizeByKey(event: KeyboardEvent, header: Header<RowModel, unknown>): boolean {
  if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return false;
  const { column } = header;
  const { minSize, maxSize } = column.columnDef;
  const step = event.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP;
  const size = Math.max(minSize ?? 40, Math.min(maxSize ?? 800, column.getSize() + step));
  header.getContext().table.setColumnSizing((old) => ({ ...old, [column.id]: size }));
  const name = typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id;
  announce(`${name} column ${size} pixels wide`);
  return true;
}

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
                aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
                onClick={header.column.getToggleSortingHandler()}
                onKeyDown={(event) => {
                  if (resizeByKey(event, header)) event.preventDefault();
                }}
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
