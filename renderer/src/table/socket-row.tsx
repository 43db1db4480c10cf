/** One socket row of the grid. */
import { flexRender, type Row } from '@tanstack/react-table';
import { memo, type CSSProperties } from 'react';
import { CLOSING_MS } from '../store/socket-data';
import type { RowModel } from './row-model';

/** Props of SocketRowView. */
export interface SocketRowViewProps {
  index: number;
  start: number;
  selected: boolean;
  /** Still inside its "new" flash (decided by the table from the store clock). */
  fresh: boolean;
  /** The store clock when this row was rendered: where a flash or fade resumes on remount. */
  clock: number;
  /** Changes when columns are resized or reordered. */
  layoutKey: string;
  tableRow: Row<RowModel>;
  onSelect: (key: string, scroll: boolean) => void;
  onActivate: (key: string) => void;
  onContextMenu: (rowId: string, x: number, y: number) => void;
}

function sameRow(a: SocketRowViewProps, b: SocketRowViewProps): boolean {
  // The TanStack Row is rebuilt every render; what it shows is its (cached) model.
  return (
    a.tableRow.original === b.tableRow.original &&
    a.index === b.index &&
    a.start === b.start &&
    a.selected === b.selected &&
    a.fresh === b.fresh &&
    a.layoutKey === b.layoutKey &&
    a.onSelect === b.onSelect &&
    a.onActivate === b.onActivate &&
    a.onContextMenu === b.onContextMenu
  );
}

/** A row; new rows flash, closing rows fade (animations resume where they were on remount). */
export const SocketRowView = memo(function SocketRowView({
  index,
  start,
  selected,
  fresh,
  clock,
  tableRow,
  onActivate,
  onSelect,
  onContextMenu,
}: SocketRowViewProps) {
  const model = tableRow.original;
  const { entry } = model;
  let className = 'trow';
  const style: CSSProperties = { transform: `translateY(${start}px)` };
  if (entry.closingAt !== null) {
    className += ' is-closing';
    style.animationDelay = `${-Math.min(CLOSING_MS, clock - entry.closingAt)}ms`;
  } else if (fresh && entry.addedAt !== null) {
    className += ' is-new';
    style.animationDelay = `${-(clock - entry.addedAt)}ms`;
  }
  if (selected) className += ' is-selected';
  return (
    <div
      id={`pl-item-${index}`}
      className={className}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      data-testid="row"
      data-row-id={model.id}
      data-state={model.row.state}
      data-closing={entry.closingAt !== null || undefined}
      style={style}
      onClick={() => onActivate(model.id)}
      onContextMenu={(event) => {
        event.preventDefault();
        onSelect(model.id, false);
        onContextMenu(model.id, event.clientX, event.clientY);
      }}
    >
      {tableRow.getVisibleCells().map((cell) => (
        <div
          key={cell.id}
          role="gridcell"
          className={`cell cell--${cell.column.id}${cell.column.columnDef.meta?.align === 'right' ? ' is-right' : ''}`}
        >
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
      <div className="cell cell--filler" aria-hidden="true" />
    </div>
  );
}, sameRow);
