/**
 * The socket grid: a virtualized list of fixed-height rows (only the ~50 on screen exist in
 * the DOM) under a sticky header. Filtering, sorting and grouping happen in the store's view
 * index; TanStack Table supplies column definitions, header sorting and column resizing, and
 * the rows draw their cells from the same column definitions, so an update costs the same at
 * 200 rows as at 20,000 and renders only the rows whose data changed.
 */
import {
  getCoreRowModel,
  useReactTable,
  type ColumnSizingState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import {
  useLayoutEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useStoreVersion } from '../app/app-context';
import type { LiveStore } from '../store/live-store';
import { NEW_MS } from '../store/socket-data';
import type { SortColumn, SortSpec } from '../store/sort-keys';
import { ClockContext, type ClockSource } from './clock';
import { COLUMNS } from './columns';
import { GridHeader } from './grid-header';
import { GroupRow } from './group-row';
import { itemKey } from './item-key';
import { rowModel, type RowModel } from './row-model';
import { useRowWindow } from './row-window';
import { SocketRowView, type RowColumn } from './socket-row';
import './table.css';

// TanStack never sees the rows (see the file comment): it builds no row model at all.
const NO_ROWS: RowModel[] = [];

/** Row height in px; CSS uses the same value (--row-h). */
export const ROW_HEIGHT = 24;
/** The sticky header's height in px (CSS: .grid__header). Rows start below it. */
const HEADER_HEIGHT = 28;
// The rows start below the sticky header, which also covers the top of the viewport: scrolling a
// row into view keeps it out from under the header. Rows render in step with each scroll event
// (see row-window.ts), so a few rows beyond each edge are enough; each one is work on every update.
const ROW_WINDOW = { rowHeight: ROW_HEIGHT, offset: HEADER_HEIGHT, overscan: 4 };

/** Props of SocketTable. */
export interface SocketTableProps {
  /** The live store: the table subscribes to it and renders its view. */
  store: LiveStore;
  /** The selected item's key (see item-key.ts). */
  selected: string | null;
  /** Bumped to scroll the selection into view (keyboard moves, reveal). */
  scrollRequest: number;
  sort: SortSpec;
  columnSizes: Record<string, number>;
  /** What the body shows when there are no items (called at render time). */
  renderEmpty: () => ReactNode;
  onSortChange: (sort: SortSpec) => void;
  onColumnSizesChange: (sizes: Record<string, number>) => void;
  onSelect: (key: string, scroll: boolean) => void;
  onActivate: (key: string) => void;
  onToggleGroup: (groupKey: string, expand?: boolean) => void;
  onContextMenu: (rowId: string, x: number, y: number) => void;
  /** Called after each commit (perf probe). */
  onCommitted: () => void;
}

/** The grid. */
export function SocketTable(props: SocketTableProps) {
  const { store, selected, scrollRequest, sort, columnSizes, renderEmpty } = props;
  const version = useStoreVersion(store);
  const items = store.view.items;
  const data = store.data;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useRowWindow(scrollRef, items.length, ROW_WINDOW);
  const visible: number[] = [];
  for (let index = rows.start; index < rows.end; index++) visible.push(index);

  const clock = data.clock;
  const clockSource = useMemo<ClockSource>(
    () => ({ subscribe: store.subscribe, now: () => store.data.clock }),
    [store],
  );

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
      if (first) props.onSortChange({ column: first.id as SortColumn, desc: first.desc });
    },
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) => {
      props.onColumnSizesChange(typeof updater === 'function' ? updater(columnSizes) : updater);
    },
  });

  const columns = table.getVisibleLeafColumns();
  const widths = {} as Record<string, string>;
  let totalWidth = 0;
  for (const col of columns) {
    widths[`--w-${col.id}`] = `${col.getSize()}px`;
    totalWidth += col.getSize();
  }
  const gridStyle = { ...widths, '--row-w': `${totalWidth}px` } as CSSProperties;
  // Rows take their widths from the CSS variables above: they re-render only when the set of
  // columns changes, not when one is resized.
  const rowColumns = useMemo<RowColumn[]>(
    () =>
      columns.map((col) => ({
        id: col.id,
        className: `cell cell--${col.id}${col.columnDef.meta?.align === 'right' ? ' is-right' : ''}`,
      })),
    [columns],
  );

  const selectedIndex = useMemo(
    () => (selected === null ? -1 : items.findIndex((item) => itemKey(item) === selected)),
    [items, selected],
  );

  // aria-activedescendant may only name an element that exists (rows off screen do not).
  const selectedRendered = selectedIndex >= rows.start && selectedIndex < rows.end;

  useLayoutEffect(() => {
    props.onCommitted();
  });

  // Scroll the selection into view when asked (not on every data change: the user may be
  // reading elsewhere while rows update). A request waits until its row is in the view (a
  // revealed row can appear a render later, once a filter is cleared or its group expanded).
  const handledScroll = useRef(0);
  useLayoutEffect(() => {
    if (scrollRequest === handledScroll.current || selectedIndex < 0) return;
    handledScroll.current = scrollRequest;
    rows.scrollToIndex(selectedIndex);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!items.length) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT) - 1);
    const at = selectedIndex;
    const move = (index: number) =>
      props.onSelect(itemKey(items[Math.max(0, Math.min(items.length - 1, index))]!), true);
    const current = at >= 0 ? items[at] : undefined;
    switch (event.key) {
      case 'ArrowDown':
        move(at < 0 ? 0 : at + 1);
        break;
      case 'ArrowUp':
        move(at < 0 ? 0 : at - 1);
        break;
      case 'PageDown':
        move(at + page);
        break;
      case 'PageUp':
        move(at - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'ArrowRight':
      case 'ArrowLeft':
        if (!current || typeof current === 'string') return;
        props.onToggleGroup(current.key, event.key === 'ArrowRight');
        break;
      case 'Enter':
      case ' ':
        if (!current) return;
        props.onActivate(itemKey(current));
        break;
      case 'ContextMenu':
      case 'F10': {
        if (event.key === 'F10' && !event.shiftKey) return;
        if (typeof current !== 'string') return;
        const rowEl = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${at}"]`);
        const box = rowEl?.getBoundingClientRect();
        props.onContextMenu(current, (box?.left ?? 0) + 40, (box?.bottom ?? 0) - 4);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const { columnSizingInfo } = table.getState();

  return (
    <ClockContext value={clockSource}>
      <div
        ref={scrollRef}
        className="grid"
        role="grid"
        aria-label="Sockets"
        aria-rowcount={items.length + 1}
        aria-colcount={columns.length}
        aria-activedescendant={selectedRendered ? `pl-item-${selectedIndex}` : undefined}
        tabIndex={0}
        data-testid="socket-table"
        data-version={version}
        onKeyDown={onKeyDown}
      >
        <div className="grid__inner" style={gridStyle}>
          <GridHeader
            headers={headers}
            sorting={sorting}
            columnSizes={columnSizes}
            resizing={columnSizingInfo.isResizingColumn}
          />
          {items.length === 0 ? (
            renderEmpty()
          ) : (
            <div className="grid__body" role="rowgroup" style={{ height: items.length * ROW_HEIGHT }}>
              {visible.map((index) => {
                const item = items[index]!;
                const key = itemKey(item);
                const common = {
                  index,
                  start: index * ROW_HEIGHT,
                  selected: key === selected,
                };
                if (typeof item !== 'string') {
                  return (
                    <GroupRow
                      key={key}
                      {...common}
                      group={item}
                      colCount={columns.length}
                      onSelect={props.onSelect}
                      onToggle={props.onToggleGroup}
                    />
                  );
                }
                const entry = data.rows.get(item);
                if (!entry) return null;
                const { addedAt } = entry;
                return (
                  <SocketRowView
                    key={key}
                    {...common}
                    fresh={addedAt !== null && clock - addedAt < NEW_MS}
                    clock={clock}
                    columns={rowColumns}
                    model={rowModel(entry, data)}
                    onSelect={props.onSelect}
                    onActivate={props.onActivate}
                    onContextMenu={props.onContextMenu}
                  />
                );
              })}
            </div>
          )}
        </div>
      </div>
    </ClockContext>
  );
}
