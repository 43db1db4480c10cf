/**
 * The table's columns (TanStack Table definitions). Ids double as sort columns and as CSS
 * hooks: each cell gets `cell--<id>` and its width from the `--w-<id>` variable.
 */
import { createColumnHelper, type ColumnDef, type RowData } from '@tanstack/react-table';
import type { SortColumn } from '../store/sort-keys';
import { Endpoint, ProcessCell, ProtocolLabel, ScopeBadge, StateLabel } from './cells';
import { Age } from './clock';
import { formatBytes, formatRate } from './format';
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
 * The columns, in display order. Accessors make a column sortable in TanStack's eyes (the
 * store does the sorting); busy-first columns (rates, totals) sort descending first.
 */
export const COLUMNS = [
  column.accessor((m) => m.row.protocol, {
    id: 'protocol',
    header: 'Proto',
    size: 70,
    meta: { title: 'Protocol and IP version' },
    cell: ({ row }) => <ProtocolLabel row={row.original.row} />,
  }),
  column.accessor((m) => m.row.localPort, {
    id: 'local',
    header: 'Local address',
    size: 200,
    meta: { title: 'Local address and port (sorts by port)' },
    cell: ({ row: { original: m } }) => (
      <Endpoint address={m.row.localAddress} port={m.row.localPort} family={m.row.family} />
    ),
  }),
  column.accessor((m) => m.row.remotePort, {
    id: 'remote',
    header: 'Remote address',
    size: 190,
    cell: ({ row: { original: m } }) => (
      <Endpoint address={m.row.remoteAddress} port={m.row.remotePort} family={m.row.family} />
    ),
  }),
  column.accessor((m) => m.row.state, {
    id: 'state',
    header: 'State',
    size: 112,
    cell: ({ row }) => <StateLabel state={row.original.row.state} />,
  }),
  column.accessor((m) => m.owner?.name ?? null, {
    id: 'process',
    header: 'Process',
    size: 180,
    meta: { title: 'Owning process and pid' },
    cell: ({ row }) => <ProcessCell model={row.original} />,
  }),
  column.accessor((m) => m.user, {
    id: 'user',
    header: 'User',
    size: 84,
    cell: ({ row }) => <span title={row.original.user}>{row.original.user}</span>,
  }),
  column.accessor((m) => m.row.scope, {
    id: 'scope',
    header: 'Scope',
    size: 116,
    meta: { title: 'Who can reach the local address' },
    cell: ({ row }) => <ScopeBadge scope={row.original.row.scope} />,
  }),
  column.accessor((m) => m.row.sendRate, {
    id: 'sendRate',
    sortDescFirst: true,
    header: 'Send/s',
    size: 78,
    meta: { align: 'right', title: 'Bytes sent per second' },
    cell: ({ row }) => (
      <span className={row.original.row.sendRate ? 'rate rate--send' : 'dim'}>
        {formatRate(row.original.row.sendRate)}
      </span>
    ),
  }),
  column.accessor((m) => m.row.receiveRate, {
    id: 'receiveRate',
    sortDescFirst: true,
    header: 'Recv/s',
    size: 78,
    meta: { align: 'right', title: 'Bytes received per second' },
    cell: ({ row }) => (
      <span className={row.original.row.receiveRate ? 'rate rate--receive' : 'dim'}>
        {formatRate(row.original.row.receiveRate)}
      </span>
    ),
  }),
  column.accessor((m) => total(m), {
    id: 'total',
    sortDescFirst: true,
    header: 'Total',
    size: 78,
    meta: { align: 'right', title: 'Bytes sent + received since the socket opened' },
    cell: ({ row: { original: m } }) => {
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
  }),
  column.display({
    id: 'activity',
    header: 'Activity',
    size: 72,
    enableSorting: false,
    meta: { title: 'Send (orange) and receive (blue) rate, last 30 samples' },
    cell: ({ row: { original: m } }) => (
      <Sparkline history={m.entry.history} counted={m.row.sendRate !== null || m.row.receiveRate !== null} />
    ),
  }),
  column.accessor((m) => m.row.firstSeen, {
    id: 'age',
    header: 'Age',
    size: 70,
    meta: { align: 'right', title: 'Time since PortLens first saw the socket' },
    cell: ({ row: { original: m } }) => <Age since={m.row.firstSeen} />,
  }),
] as ColumnDef<RowModel, unknown>[];
