/** The row context menu (right-click, the Menu key or Shift+F10): the panel's actions, closer. */
import { useServices } from '../app/app-context';
import { browserUrl, formatCommand, formatEndpoint, formatRemote } from '../table/format';
import { ContextMenu, type MenuEntry } from '../ui/context-menu';
import { rowTarget } from './action-target';
import { useActions } from './actions-context';

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
  const owner = pid === undefined ? undefined : store.data.process(pid);
  const target = rowTarget(row, store.data);
  const local = formatEndpoint(row.localAddress, row.localPort, row.family);
  const remote = formatRemote(row);
  const httpCandidate = row.protocol === 'tcp' && row.state === 'LISTEN';

  const entries: MenuEntry[] = [
    {
      id: 'details',
      label: 'Show details',
      icon: 'info',
      hint: 'Enter',
      onSelect: () => onShowDetails(rowId),
    },
    ...(httpCandidate
      ? [
          {
            id: 'open-browser',
            label: `Open ${browserUrl(row)}`,
            icon: 'external' as const,
            onSelect: () => actions.openInBrowser(row),
          },
        ]
      : []),
    'separator',
    {
      id: 'copy-address',
      label: 'Copy local address',
      icon: 'copy',
      onSelect: () => actions.copy(local, 'address'),
    },
    ...(remote
      ? [
          {
            id: 'copy-remote',
            label: 'Copy remote address',
            icon: 'copy' as const,
            onSelect: () => actions.copy(remote, 'remote address'),
          },
        ]
      : []),
    ...(pid !== undefined
      ? [
          {
            id: 'copy-pid',
            label: 'Copy PID',
            icon: 'copy' as const,
            onSelect: () => actions.copy(String(pid), 'pid'),
          },
        ]
      : []),
    ...(owner?.argv.length
      ? [
          {
            id: 'copy-command',
            label: 'Copy command',
            icon: 'copy' as const,
            onSelect: () => actions.copy(formatCommand(owner.argv), 'command'),
          },
        ]
      : []),
    'separator',
    {
      id: 'filter-port',
      label: `Filter to port ${row.localPort}`,
      onSelect: () => onFilter(`:${row.localPort}`),
    },
    ...(owner
      ? [
          {
            id: 'filter-process',
            label: `Filter to ${owner.name}`,
            onSelect: () => onFilter(`proc:${owner.name.includes(' ') ? `"${owner.name}"` : owner.name}`),
          },
        ]
      : []),
    'separator',
    {
      id: 'restart',
      label: 'Restart…',
      icon: 'restart',
      disabled: target === null,
      onSelect: () => target && actions.restart(target),
    },
    {
      id: 'kill',
      label: 'Kill…',
      icon: 'power',
      danger: true,
      disabled: target === null,
      onSelect: () => target && actions.kill(target),
    },
  ];
  return <ContextMenu x={x} y={y} label={`Actions for ${local}`} entries={entries} onClose={onClose} />;
}
