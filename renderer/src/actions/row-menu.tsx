/** The row context menu (right-click, the Menu key or Shift+F10): the panel's actions, closer. */
import { useServices } from '../app/app-context';
import { formatEndpoint } from '../table/format';
import { ContextMenu } from '../ui/context-menu';
import { rowTarget } from './action-target';
import { useActions } from './actions-context';
import { rowMenuEntries } from './row-menu-entries';

/** Props of RowMenu. */
export interface RowMenuProps {
  rowId: string;
  x: number;
  y: number;
  onClose: () => void;
  onShowDetails: (rowId: string) => void;
  /** Adds a token to the quick filter. */
  onFilter: (token: string) => void;
}

/** The menu for one row (nothing if the row is gone). */
export function RowMenu({ rowId, x, y, onClose, onShowDetails, onFilter }: RowMenuProps) {
  const { store } = useServices();
  const actions = useActions();
  const entry = store.data.rows.get(rowId);
  if (!entry) return null;
  const { row } = entry;
  const pid = row.pids[0];
  const local = formatEndpoint(row.localAddress, row.localPort, row.family);
  const subject = {
    row,
    local,
    pid,
    owner: pid === undefined ? undefined : store.data.process(pid),
    target: rowTarget(row, store.data),
  };
  const entries = rowMenuEntries(subject, actions, { onShowDetails: () => onShowDetails(rowId), onFilter });
  return <ContextMenu x={x} y={y} label={`Actions for ${local}`} entries={entries} onClose={onClose} />;
}
