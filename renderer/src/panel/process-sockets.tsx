/**
 * Every socket of a process (live, from the store); a click, or Enter on a focused row, selects
 * it in the table. Rows are reached with Tab (one stop) then ↑/↓.
 */
import type { KeyboardEvent } from 'react';
import type { SocketData } from '../store/socket-data';
import { EndpointCells, ProtocolLabel } from '../table/cells';
import { formatRate } from '../table/format';

/** Props of ProcessSockets. */
export interface ProcessSocketsProps {
  data: SocketData;
  pid: number;
  selectedRowId: string | null;
  onSelectRow: (rowId: string) => void;
}

/** The list. */
export function ProcessSockets({ data, pid, selectedRowId, onSelectRow }: ProcessSocketsProps) {
  const entries = data
    .rowsOfPid(pid)
    .map((id) => data.rows.get(id))
    .filter((entry) => entry !== undefined)
    .sort((a, b) => a.row.localPort - b.row.localPort || a.ordinal - b.ordinal);
  if (!entries.length) return <p className="dim">No open sockets.</p>;
  // One Tab stop: the selected row, else the first.
  const tabStop = entries.some(({ row }) => row.id === selectedRowId) ? selectedRowId : entries[0]!.row.id;
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, rowId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelectRow(rowId);
      return;
    }
    const row = event.currentTarget;
    const next =
      event.key === 'ArrowDown' ? row.nextElementSibling : event.key === 'ArrowUp' ? row.previousElementSibling : null;
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  };
  return (
    <div className="panel__sockets" role="region" aria-label="Sockets of this process" tabIndex={-1}>
      <table className="mini-table mini-table--interactive" data-testid="process-sockets">
        <thead>
          <tr>
            <th scope="col">Proto</th>
            <th scope="col">Local</th>
            <th scope="col">Remote</th>
            <th scope="col">State</th>
            <th scope="col" className="is-right">
              Send/s
            </th>
            <th scope="col" className="is-right">
              Recv/s
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(({ row, closingAt }) => (
            <tr
              key={row.id}
              className={`${row.id === selectedRowId ? 'is-selected' : ''}${closingAt !== null ? ' is-closing-static' : ''}`}
              onClick={() => onSelectRow(row.id)}
              onKeyDown={(event) => onRowKey(event, row.id)}
              tabIndex={row.id === tabStop ? 0 : -1}
              aria-current={row.id === selectedRowId ? true : undefined}
              data-row-id={row.id}
            >
              <td className="mono">
                <ProtocolLabel row={row} />
              </td>
              <EndpointCells row={row} closed={closingAt !== null} />
              <td className="mono is-right">{formatRate(row.sendRate)}</td>
              <td className="mono is-right">{formatRate(row.receiveRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
