/**
 * The socket grid: a virtualized list of fixed-height rows (only the ~50 on screen exist in
 * the DOM) under a sticky header. Filtering, sorting and grouping happen in the store's view
 * index; TanStack Table supplies column definitions, header sorting and column resizing, and
 * the rows draw their cells from the same column definitions, so an update costs the same at
 * 200 rows as at 20,000 and renders only the rows whose data changed.
 */
import {
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useStoreVersion } from '../app/app-context';
import type { LiveStore } from '../store/live-store';
import type { SortSpec } from '../store/sort-keys';
import { ClockContext, type ClockSource } from './clock';
import { ColumnChooser, type ColumnChoice } from './column-chooser';
import { GridBody } from './grid-body';
import { GridHeader } from './grid-header';
import { onGridKey } from './grid-keys';
import { itemKey } from './item-key';
import { useRowWindow } from './row-window';
import { gridStyleOf, useRowColumns, useSocketTable } from './use-socket-table';
import './table.css';

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
  /** The multi-selection's row ids (Ctrl/Shift click or keys). */
  marked?: ReadonlySet<string>;
  /** Bumped to scroll the selection into view (keyboard moves, reveal). */
  scrollRequest: number;
  sort: SortSpec;
  columnSizes: Record<string, number>;
  /** The user's column order and hidden columns (view prefs). */
  columnOrder: string[];
  hiddenColumns: string[];
  /** What the body shows when there are no items (called at render time). */
  renderEmpty: () => ReactNode;
  onSortChange: (sort: SortSpec) => void;
  onColumnSizesChange: (sizes: Record<string, number>) => void;
  onColumnsChange: (choice: Partial<ColumnChoice>) => void;
  onSelect: (key: string, scroll: boolean) => void;
  onActivate: (key: string, viaKeyboard?: boolean) => void;
  onToggleGroup: (groupKey: string, expand?: boolean) => void;
  onContextMenu: (rowId: string, x: number, y: number) => void;
  /** Called after each commit (perf probe). */
  onCommitted: () => void;
}

/** Scrolls the selection into view when `scrollRequest` changes and the selection is in the view. */
function useScrollRequest(
  scrollRequest: number,
  selectedIndex: number,
  scrollToIndex: (index: number) => void,
) {
  // Not on every data change: the user may be reading elsewhere while rows update. A request
  // waits until its row is in the view (a revealed row can appear a render later, once a filter
  // is cleared or its group expanded).
  const handledScroll = useRef(0);
  useLayoutEffect(() => {
    if (scrollRequest === handledScroll.current || selectedIndex < 0) return;
    handledScroll.current = scrollRequest;
    scrollToIndex(selectedIndex);
  });
}

/** The grid's inner width (without its scrollbar) and the scrollbar's width, kept up to date. */
function useGridWidth(ref: RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState({ width: 0, scrollbar: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const next = { width: el.clientWidth, scrollbar: el.offsetWidth - el.clientWidth };
      setSize((old) => (old.width === next.width && old.scrollbar === next.scrollbar ? old : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** The grid. */
export function SocketTable(props: SocketTableProps) {
  const { store, selected, scrollRequest, columnSizes, renderEmpty } = props;
  const version = useStoreVersion(store);
  const items = store.view.items;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useRowWindow(scrollRef, items.length, ROW_WINDOW);
  const visible: number[] = [];
  for (let index = rows.start; index < rows.end; index++) visible.push(index);

  const clockSource = useMemo<ClockSource>(
    () => ({ subscribe: store.subscribe, now: () => store.data.clock }),
    [store],
  );
  const gridSize = useGridWidth(scrollRef);
  const { table, sorting, columns, layout } = useSocketTable(props, gridSize.width);
  const rowColumns = useRowColumns(columns);

  const selectedIndex = useMemo(
    () => (selected === null ? -1 : items.findIndex((item) => itemKey(item) === selected)),
    [items, selected],
  );
  // aria-activedescendant may only name an element that exists (rows off screen do not).
  const selectedRendered = selectedIndex >= rows.start && selectedIndex < rows.end;

  useLayoutEffect(() => {
    props.onCommitted();
  });
  useScrollRequest(scrollRequest, selectedIndex, rows.scrollToIndex);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) =>
    onGridKey(event, { ...props, scrollRef, items, at: selectedIndex, rowHeight: ROW_HEIGHT });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const { columnSizingInfo } = table.getState();

  const empty = items.length === 0;
  return (
    <ClockContext value={clockSource}>
      {/* The empty state sits outside the grid (a grid holds rows only), over its body. */}
      <div className="grid-frame" style={{ '--scrollbar-w': `${gridSize.scrollbar}px` } as CSSProperties}>
        <div
          ref={scrollRef}
          className="grid"
          role="grid"
          aria-label="Sockets"
          aria-multiselectable="true"
          aria-rowcount={items.length + 1}
          aria-colcount={columns.length}
          aria-activedescendant={selectedRendered ? `pl-item-${selectedIndex}` : undefined}
          tabIndex={0}
          data-testid="socket-table"
          data-version={version}
          onKeyDown={onKeyDown}
        >
          <div className="grid__inner" style={gridStyleOf(columns)}>
            <GridHeader
              headers={headers}
              sorting={sorting}
              columnSizes={columnSizes}
              resizing={columnSizingInfo.isResizingColumn}
            />
            {!empty && <GridBody {...props} visible={visible} rowHeight={ROW_HEIGHT} columns={rowColumns} />}
          </div>
        </div>
        {empty && <div className="grid-frame__empty">{renderEmpty()}</div>}
        <ColumnChooser
          order={layout.order}
          hidden={layout.hidden}
          squeezed={layout.squeezed}
          onChange={props.onColumnsChange}
        />
      </div>
    </ClockContext>
  );
}
