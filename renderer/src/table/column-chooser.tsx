/**
 * The column chooser: a button at the table's top right opening a list of every column, each
 * shown or hidden with a checkbox and moved with ↑/↓ (keyboard and mouse), plus a reset. Columns
 * the window is too narrow for are marked so: they come back when it widens.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useMenuFocusAndDismiss } from '../ui/context-menu-hooks';
import { IconButton } from '../ui/icon-button';
import { moveColumn, REQUIRED } from './column-layout';
import { columnLabel, type ColumnId } from './columns';

/** What the chooser changes: the order and the hidden columns (both kept in the view prefs). */
export interface ColumnChoice {
  columnOrder: ColumnId[];
  hiddenColumns: ColumnId[];
}

/** Props of ColumnChooser. */
export interface ColumnChooserProps {
  order: ColumnId[];
  hidden: ReadonlySet<string>;
  /** Left out because the table is too narrow for them. */
  squeezed: ReadonlySet<ColumnId>;
  onChange: (choice: Partial<ColumnChoice>) => void;
}

/** The button and, when open, the list. */
export function ColumnChooser(props: ColumnChooserProps) {
  const [open, setOpen] = useState(false);
  const squeezed = props.squeezed.size;
  return (
    <div className="column-chooser">
      <IconButton
        icon="columns"
        small
        label="Columns"
        title={`Show, hide and order columns${squeezed ? ` (${squeezed} left out for width)` : ''}`}
        onClick={() => setOpen((was) => !was)}
        testId="column-chooser"
      />
      {open && <ColumnList {...props} onClose={() => setOpen(false)} />}
    </div>
  );
}

function ColumnList({
  order,
  hidden,
  squeezed,
  onChange,
  onClose,
}: ColumnChooserProps & { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useMenuFocusAndDismiss(ref, onClose);
  useEffect(() => ref.current?.querySelector<HTMLElement>('input')?.focus(), []);
  const setHidden = (id: ColumnId, hide: boolean) =>
    onChange({ hiddenColumns: order.filter((other) => (other === id ? hide : hidden.has(other))) });
  return (
    <div
      ref={ref}
      className="column-list"
      role="dialog"
      aria-labelledby={titleId}
      data-testid="column-list"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      <div id={titleId} className="column-list__title">
        Columns
      </div>
      <ul>
        {order.map((id, at) => (
          <li key={id} data-column={id}>
            <label className="check">
              <input
                type="checkbox"
                checked={!hidden.has(id)}
                disabled={REQUIRED.has(id)}
                onChange={(event) => setHidden(id, !event.target.checked)}
              />
              {columnLabel(id)}
            </label>
            {squeezed.has(id) && <span className="column-list__note">no room</span>}
            <span className="spacer" />
            <MoveButton
              label={`Move ${columnLabel(id)} up`}
              arrow="↑"
              disabled={at === 0}
              onClick={() => onChange({ columnOrder: moveColumn(order, id, -1) })}
            />
            <MoveButton
              label={`Move ${columnLabel(id)} down`}
              arrow="↓"
              disabled={at === order.length - 1}
              onClick={() => onChange({ columnOrder: moveColumn(order, id, 1) })}
            />
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange({ columnOrder: [], hiddenColumns: [] })}
        data-testid="columns-reset"
      >
        Reset columns
      </button>
    </div>
  );
}

function MoveButton(props: { label: string; arrow: string; disabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className="column-list__move"
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.arrow}
    </button>
  );
}
