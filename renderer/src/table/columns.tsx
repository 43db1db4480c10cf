/**
 * The table's columns (TanStack Table definitions). Ids double as sort columns and as CSS
 * hooks: each cell gets `cell--<id>` and its width from the `--w-<id>` variable.
 */
import { createColumnHelper, type ColumnDef, type RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { LocalEndpoint, RemoteEndpoint } from '../names/remote-endpoint';
import type { SortColumn } from '../store/sort-keys';
import { Endpoint, ProcessCell, ProtocolLabel, ScopeBadge, StateLabel } from './cells';
import { Age } from './clock';
import { formatBytes, formatRate } from './format';
import { openForTitle } from './open-for';
import type { RowModel } from './row-model';
import { Sparkline } from './sparkline';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Numbers align right. */
    align?: 'right';
    /** Header tooltip. */
    title?: string;
  }
}

const column = createColumnHelper<RowModel>();

/** Every column id; all but `activity` are sortable. */
export type ColumnId = SortColumn | 'activity';

function total(model: RowModel): number | null {
  const { bytesSent, bytesReceived } = model.row;
  return bytesSent === null && bytesReceived === null ? null : (bytesSent ?? 0) + (bytesReceived ?? 0);
}

/**
 * What each column's cell shows for a row. The grid renders rows from these directly (TanStack
 * supplies the header, sorting and sizing; building its row model for every update cost more
 * than the rows themselves).
 */
const CELLS: Record<ColumnId, (m: RowModel) => ReactNode> = {
  protocol: (m) => <ProtocolLabel row={m.row} />,
  local: (m) => <LocalEndpoint row={m.row} />,
  remote: (m) =>
    m.row.remoteAddress === null ? (
      <Endpoint address={null} port={null} family={m.row.family} />
    ) : (
      <RemoteEndpoint row={m.row} />
    ),
  state: (m) => <StateLabel state={m.row.state} closed={m.closingAt !== null} />,
  process: (m) => <ProcessCell model={m} />,
  user: (m) => <span title={m.user}>{m.user}</span>,
  scope: (m) => <ScopeBadge row={m.row} />,
  sendRate: (m) => (
    <span className={m.row.sendRate ? 'rate rate--send' : 'dim'}>{formatRate(m.row.sendRate)}</span>
  ),
  receiveRate: (m) => (
    <span className={m.row.receiveRate ? 'rate rate--receive' : 'dim'}>{formatRate(m.row.receiveRate)}</span>
  ),
  total: (m) => {
    const sum = total(m);
    if (sum === null) return null;
    return (
      <span
        title={`Sent ${formatBytes(m.row.bytesSent ?? 0)} · received ${formatBytes(m.row.bytesReceived ?? 0)}`}
      >
        {formatBytes(sum)}
      </span>
    );
  },
  activity: (m) => (
    <Sparkline history={m.entry.history} counted={m.row.sendRate !== null || m.row.receiveRate !== null} />
  ),
  age: (m) => <Age since={m.row.firstSeen} atLeast={m.openedBefore} title={openForTitle(m)} />,
};

/** The content of column `id`'s cell for a row (nothing for an unknown column). */
export function renderCell(id: string, model: RowModel): ReactNode {
  return Object.hasOwn(CELLS, id) ? CELLS[id as ColumnId](model) : null;
}

/**
 * The columns, in display order. Accessors make a column sortable in TanStack's eyes (the
 * store does the sorting); busy-first columns (rates, totals) sort descending first.
 */
export const COLUMNS = [
  column.accessor((m) => m.row.protocol, {
    id: 'protocol',
    header: 'Proto',
    size: 70,
    meta: { title: 'Protocol and IP version' },
    cell: ({ row }) => CELLS.protocol(row.original),
  }),
  column.accessor((m) => m.row.localPort, {
    id: 'local',
    header: 'Local address',
    size: 200,
    meta: { title: 'Local address and port (sorts by port)' },
    cell: ({ row }) => CELLS.local(row.original),
  }),
  column.accessor((m) => m.row.remotePort, {
    id: 'remote',
    header: 'Remote address',
    size: 190,
    cell: ({ row }) => CELLS.remote(row.original),
  }),
  column.accessor((m) => m.row.state, {
    id: 'state',
    header: 'State',
    size: 112,
    cell: ({ row }) => CELLS.state(row.original),
  }),
  column.accessor((m) => m.owner?.name ?? null, {
    id: 'process',
    header: 'Process',
    size: 180,
    meta: { title: 'Owning process and pid' },
    cell: ({ row }) => CELLS.process(row.original),
  }),
  column.accessor((m) => m.user, {
    id: 'user',
    header: 'User',
    size: 84,
    cell: ({ row }) => CELLS.user(row.original),
  }),
  column.accessor((m) => m.row.scope, {
    id: 'scope',
    header: 'Scope',
    size: 116,
    meta: { title: 'Who can reach the local address' },
    cell: ({ row }) => CELLS.scope(row.original),
  }),
  column.accessor((m) => m.row.sendRate, {
    id: 'sendRate',
    sortDescFirst: true,
    header: 'Send/s',
    size: 96,
    meta: { align: 'right', title: 'Bytes sent per second' },
    cell: ({ row }) => CELLS.sendRate(row.original),
  }),
  column.accessor((m) => m.row.receiveRate, {
    id: 'receiveRate',
    sortDescFirst: true,
    header: 'Recv/s',
    size: 96,
    meta: { align: 'right', title: 'Bytes received per second' },
    cell: ({ row }) => CELLS.receiveRate(row.original),
  }),
  column.accessor((m) => total(m), {
    id: 'total',
    sortDescFirst: true,
    header: 'Total',
    size: 90,
    meta: { align: 'right', title: 'Bytes sent + received since the socket opened' },
    cell: ({ row }) => CELLS.total(row.original),
  }),
  column.display({
    id: 'activity',
    header: 'Activity',
    size: 72,
    enableSorting: false,
    meta: { title: 'Send (orange) and receive (blue) rate, last 30 samples, on a log scale' },
    cell: ({ row }) => CELLS.activity(row.original),
  }),
  column.accessor((m) => m.row.firstSeen, {
    id: 'age',
    header: 'Open for',
    size: 92,
    meta: {
      align: 'right',
      title:
        'How long the socket has been open: exact when PortLens saw it open; “≥” when it was open before PortLens started (then no older than its owner process)',
    },
    cell: ({ row }) => CELLS.age(row.original),
  }),
] as ColumnDef<RowModel, unknown>[];

/** A column's name as its header shows it. */
export function columnLabel(id: ColumnId): string {
  const header = COLUMNS.find((col) => col.id === id)?.header;
  return typeof header === 'string' ? header : id;
}

/** A column's default width in px. */
export function defaultColumnSize(id: string): number {
  return COLUMNS.find((col) => col.id === id)?.size ?? 80;
}
