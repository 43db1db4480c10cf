/** One socket row of the grid. */
import { memo, type CSSProperties } from 'react';
import { CLOSING_MS } from '../store/socket-data';
import { renderCell } from './columns';
import type { RowModel } from './row-model';

/** A visible column as the rows draw it: its id and its cell's class names. */
export interface RowColumn {
  id: string;
  className: string;
}

/** Props of SocketRowView. */
export interface SocketRowViewProps {
  index: number;
  start: number;
  selected: boolean;
  /** In the multi-selection (Ctrl/Shift click or keys; see selection/use-row-marks.ts). */
  marked?: boolean;
  /** Still inside its "new" flash (decided by the table from the store clock). */
  fresh: boolean;
  /** The store clock when this row was rendered: where a flash or fade resumes on remount. */
  clock: number;
  /** The visible columns, in order (a new array when columns change or are resized). */
  columns: readonly RowColumn[];
  model: RowModel;
  onSelect: (key: string, scroll: boolean) => void;
  onActivate: (key: string) => void;
  onContextMenu: (rowId: string, x: number, y: number) => void;
}

function sameRow(a: SocketRowViewProps, b: SocketRowViewProps): boolean {
  // The model is the same object while nothing the row shows has changed; the clock only
  // matters to a row that flashes or fades, and those get `fresh` or a closing model.
  return (
    a.model === b.model &&
    a.index === b.index &&
    a.start === b.start &&
    a.selected === b.selected &&
    a.marked === b.marked &&
    a.fresh === b.fresh &&
    a.columns === b.columns &&
    a.onSelect === b.onSelect &&
    a.onActivate === b.onActivate &&
    a.onContextMenu === b.onContextMenu
  );
}

/**
 * A row's cells. A component of their own: when rows shift (one added or dropped above them),
 * every row on screen gets a new position, but its cells, unchanged, are not rendered again.
 */
const RowCells = memo(function RowCells({
  model,
  columns,
}: {
  model: RowModel;
  columns: readonly RowColumn[];
}) {
  return (
    <>
      {columns.map((column) => (
        <div key={column.id} role="gridcell" className={column.className}>
          {renderCell(column.id, model)}
        </div>
      ))}
      <div className="cell cell--filler" aria-hidden="true" />
    </>
  );
});

/** A row; new rows flash, closing rows fade (animations resume where they were on remount). */
export const SocketRowView = memo(function SocketRowView({
  index,
  start,
  selected,
  marked = false,
  fresh,
  clock,
  columns,
  model,
  onActivate,
  onSelect,
  onContextMenu,
}: SocketRowViewProps) {
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
  if (marked) className += ' is-marked';
  return (
    <div
      id={`pl-item-${index}`}
      className={className}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected || marked}
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
      <RowCells model={model} columns={columns} />
    </div>
  );
}, sameRow);
