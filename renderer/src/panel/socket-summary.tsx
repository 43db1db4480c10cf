/** The panel's summary of the selected socket. */
import type { RowEntry, SocketData } from '../store/socket-data';
import { Endpoint, ProtocolLabel, ScopeBadge, StateLabel } from '../table/cells';
import { formatBytes, formatDuration, formatRate } from '../table/format';
import { openForNote } from '../table/open-for';
import { ownerReasonText } from '../table/row-model';
import { ownerState } from '@contract/row-fields';

/** Facts of one socket. */
export function SocketSummary({ entry, now, owners }: { entry: RowEntry; now: number; owners: SocketData }) {
  const { row } = entry;
  const openedBefore = owners.openedBefore(row);
  const owner = row.pids[0] === undefined ? undefined : owners.process(row.pids[0]);
  return (
    <section className="panel__section" aria-label="Socket">
      <dl className="facts">
        <dt>Socket</dt>
        <dd className="facts__inline">
          <ProtocolLabel row={row} /> <StateLabel state={row.state} /> <ScopeBadge row={row} />
          {entry.closingAt !== null && <span className="badge badge--closing">closed</span>}
        </dd>
        <dt>Local</dt>
        <dd className="mono">
          <Endpoint address={row.localAddress} port={row.localPort} family={row.family} />
        </dd>
        <dt>Remote</dt>
        <dd className="mono">
          <Endpoint address={row.remoteAddress} port={row.remotePort} family={row.family} />
        </dd>
        {(row.bytesSent !== null || row.bytesReceived !== null) && (
          <>
            <dt>Traffic</dt>
            <dd className="mono">
              ↑ {formatRate(row.sendRate) || '—'} ({formatBytes(row.bytesSent ?? 0)}) · ↓{' '}
              {formatRate(row.receiveRate) || '—'} ({formatBytes(row.bytesReceived ?? 0)})
            </dd>
          </>
        )}
        <dt>Open for</dt>
        <dd data-testid="socket-open-for">
          {openedBefore ? '≥ ' : ''}
          {formatDuration(now - row.firstSeen)}{' '}
          <span className="dim">{openForNote({ row, openedBefore, owner })}</span>
        </dd>
        <dt>Inode</dt>
        <dd className="mono">
          {row.inode || '—'}
          {row.uid !== null && <span className="dim"> · uid {row.uid}</span>}
        </dd>
        {ownerState(row) !== 'live' && (
          <>
            <dt>Owner</dt>
            <dd data-testid="owner-reason">{ownerReasonText(row)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
