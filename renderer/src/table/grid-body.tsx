/** The grid's rows on screen: group headers and socket rows, each at its offset. */
import type { LiveStore } from '../store/live-store';
import { NEW_MS } from '../store/socket-data';
import { GroupRow } from './group-row';
import { GroupTraffic, groupTotals } from './group-traffic';
import { itemKey } from './item-key';
import { rowModel } from './row-model';
import { SocketRowView, type RowColumn } from './socket-row';

/** Props of GridBody. */
export interface GridBodyProps {
  store: LiveStore;
  /** The indices of the items to draw. */
  visible: number[];
  rowHeight: number;
  selected: string | null;
  /** The multi-selection's row ids. */
  marked?: ReadonlySet<string>;
  columns: RowColumn[];
  onSelect: (key: string, scroll: boolean) => void;
  onActivate: (key: string) => void;
  onToggleGroup: (groupKey: string, expand?: boolean) => void;
  onContextMenu: (rowId: string, x: number, y: number) => void;
}

/** The body. */
export function GridBody(props: GridBodyProps) {
  const { store, visible, rowHeight, selected, columns } = props;
  const items = store.view.items;
  const data = store.data;
  const clock = data.clock;
  return (
    <div className="grid__body" role="rowgroup" style={{ height: items.length * rowHeight }}>
      {visible.map((index) => {
        const item = items[index]!;
        const key = itemKey(item);
        const common = { index, start: index * rowHeight, selected: key === selected };
        if (typeof item !== 'string') {
          return (
            <GroupRow
              key={key}
              {...common}
              group={item}
              colCount={columns.length}
              traffic={<GroupTraffic totals={groupTotals(item, data)} />}
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
            marked={props.marked?.has(key) ?? false}
            fresh={addedAt !== null && clock - addedAt < NEW_MS}
            clock={clock}
            columns={columns}
            model={rowModel(entry, data)}
            onSelect={props.onSelect}
            onActivate={props.onActivate}
            onContextMenu={props.onContextMenu}
          />
        );
      })}
    </div>
  );
}
