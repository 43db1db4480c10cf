/** One socket row of the grid. */
import { flexRender, type Row } from '@tanstack/react-table';
import type { CSSProperties } from 'react';
import { CLOSING_MS, NEW_MS } from '../store/socket-data';
import type { RowModel } from './row-model';

/** Props of SocketRowView. */
export interface SocketRowViewProps {
  index: number;
  start: number;
  selected: boolean;
  tableRow: Row<RowModel>;
  onSelect: (key: string, scroll: boolean) => void;
  onActivate: (key: string) => void;
  onContextMenu: (rowId: string, x: number, y: number) => void;
}

/** A row; new rows flash, closing rows fade (animations resume where they were on remount). */
export function SocketRowView({ index, start, selected, tableRow, onActivate, onSelect, onContextMenu }: SocketRowViewProps) {
  const model = tableRow.original;
  const { entry, now } = model;
  let className = 'trow';
  const style: CSSProperties & Record<string, string> = { transform: `translateY(${start}px)` };
  if (entry.closingAt !== null) {
    className += ' is-closing';
    style.animationDelay = `${-Math.min(CLOSING_MS, now - entry.closingAt)}ms`;
  } else if (entry.addedAt !== null && now - entry.addedAt < NEW_MS) {
    className += ' is-new';
    style.animationDelay = `${-(now - entry.addedAt)}ms`;
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
}
