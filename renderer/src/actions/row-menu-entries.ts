/** The row menu's entries, in groups: show/open, copy, filter, then the process actions. */
import type { Target } from '@contract/api';
import { rowsToTsv, rowToJson } from '@contract/export/row-export';
import type { ProcessInfo, SocketRow } from '@contract/model';
import { browserUrl, formatCommand, formatRemote } from '../table/format';
import type { MenuEntry } from '../ui/context-menu';
import type { Actions } from './actions-context';
import { connectionTarget } from './connection-target';

type Item = Exclude<MenuEntry, 'separator'>;

/** What the entries act on. */
export interface RowMenuSubject {
  row: SocketRow;
  /** The row's local address as shown. */
  local: string;
  pid: number | undefined;
  owner: ProcessInfo | undefined;
  target: Target | null;
}

/** `item` when `condition` holds, else nothing (to spread into a list). */
const when = (condition: unknown, item: () => Item): Item[] => (condition ? [item()] : []);

function copyEntries({ row, local, pid, owner }: RowMenuSubject, actions: Actions): Item[] {
  const ownerOf = () => owner;
  const remote = formatRemote(row);
  const copy = (id: string, label: string, text: string, what: string): Item => ({
    id,
    label,
    icon: 'copy',
    onSelect: () => actions.copy(text, what),
  });
  return [
    copy('copy-address', 'Copy local address', local, 'address'),
    ...when(remote, () => copy('copy-remote', 'Copy remote address', remote ?? '', 'remote address')),
    ...when(pid !== undefined, () => copy('copy-pid', 'Copy PID', String(pid), 'pid')),
    ...when(owner?.argv.length, () =>
      copy('copy-command', 'Copy command', formatCommand(owner?.argv ?? []), 'command'),
    ),
    // The same columns as `portlens list --csv`, tab-separated to paste into a spreadsheet.
    copy('copy-row', 'Copy row', rowsToTsv([row], ownerOf, false).trimEnd(), 'row'),
    copy('copy-json', 'Copy as JSON', rowToJson(row, owner), 'row as JSON'),
  ];
}

function filterEntries({ row, owner }: RowMenuSubject, onFilter: (token: string) => void): Item[] {
  return [
    {
      id: 'filter-port',
      label: `Filter to port ${row.localPort}`,
      onSelect: () => onFilter(`:${row.localPort}`),
    },
    ...when(owner, () => {
      const name = owner?.name ?? '';
      return {
        id: 'filter-process',
        label: `Filter to ${name}`,
        onSelect: () => onFilter(`proc:${name.includes(' ') ? `"${name}"` : name}`),
      };
    }),
  ];
}

function processEntries({ row, target }: RowMenuSubject, actions: Actions): Item[] {
  return [
    ...when(connectionTarget(row), () => ({
      id: 'close-connection',
      label: 'Close connection…',
      icon: 'close' as const,
      danger: true,
      onSelect: () => actions.closeConnection(row),
    })),
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
}

/** Every entry of the menu for one row. */
export function rowMenuEntries(
  subject: RowMenuSubject,
  actions: Actions,
  handlers: { onShowDetails: () => void; onFilter: (token: string) => void },
): MenuEntry[] {
  const { row } = subject;
  return [
    { id: 'details', label: 'Show details', icon: 'info', hint: 'Enter', onSelect: handlers.onShowDetails },
    ...when(row.protocol === 'tcp' && row.state === 'LISTEN', () => ({
      id: 'open-browser',
      label: `Open ${browserUrl(row)}`,
      icon: 'external' as const,
      onSelect: () => actions.openInBrowser(row),
    })),
    'separator',
    ...copyEntries(subject, actions),
    'separator',
    ...filterEntries(subject, handlers.onFilter),
    'separator',
    ...processEntries(subject, actions),
  ];
}
