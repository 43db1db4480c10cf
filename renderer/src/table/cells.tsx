/** Small cell renderers shared by the table and the owner panel. */
import type { Family, Scope, SocketRow, SocketState } from '@contract/model';
import { Icon } from '../ui/icons';
import { formatHost, formatState, SCOPE_LABEL, SCOPE_TITLE } from './format';
import { ownerReasonText, type RowModel } from './row-model';

/** `address:port` with the port emphasised (people scan for ports). */
export function Endpoint({
  address,
  port,
  family,
}: {
  address: string | null;
  port: number | null;
  family: Family;
}) {
  if (address === null) return <span className="dim">—</span>;
  const host = formatHost(address, family);
  return (
    <span className="endpoint" title={port === null ? host : `${host}:${port}`}>
      <span className="endpoint__host">{host}</span>
      {port !== null && <span className="endpoint__port">:{port}</span>}
    </span>
  );
}

/** A mini table's local address, remote address and state cells for one socket. */
export function EndpointCells({ row, closed = false }: { row: SocketRow; closed?: boolean }) {
  return (
    <>
      <td className="mono">
        <Endpoint address={row.localAddress} port={row.localPort} family={row.family} />
      </td>
      <td className="mono">
        <Endpoint address={row.remoteAddress} port={row.remotePort} family={row.family} />
      </td>
      <td>
        <StateLabel state={row.state} closed={closed} />
      </td>
    </>
  );
}

const STATE_TONE: Partial<Record<SocketState, string>> = {
  LISTEN: 'listen',
  UNCONN: 'listen',
  ESTABLISHED: 'ok',
  SYN_SENT: 'pending',
  SYN_RECV: 'pending',
  NEW_SYN_RECV: 'pending',
  CLOSE_WAIT: 'warn',
};

/**
 * A socket state, colored by what it means. A socket that has gone (its row fading out) says
 * "closed" in words, not only by fading, and keeps its last state as a tooltip.
 */
export function StateLabel({ state, closed = false }: { state: SocketState; closed?: boolean }) {
  if (closed) {
    return (
      <span className="state state--closing" title={`Closed (was ${formatState(state)})`}>
        closed
      </span>
    );
  }
  return <span className={`state state--${STATE_TONE[state] ?? 'closing'}`}>{formatState(state)}</span>;
}

/** Who can reach the socket. */
export function ScopeBadge({ scope }: { scope: Scope }) {
  return (
    <span className={`badge badge--${scope}`} title={SCOPE_TITLE[scope]}>
      {SCOPE_LABEL[scope]}
    </span>
  );
}

/** Protocol and family: `TCP v6`. */
export function ProtocolLabel({ row }: { row: Pick<SocketRow, 'protocol' | 'family'> }) {
  return (
    <span className="protocol">
      {row.protocol.toUpperCase()}
      <span className="dim"> v{row.family}</span>
    </span>
  );
}

/** Owner name and pid, or a dash that explains itself. */
export function ProcessCell({ model }: { model: RowModel }) {
  const { row, owner } = model;
  const pid = row.pids[0];
  if (pid === undefined) {
    return (
      <span className="owner owner--unknown" title={ownerReasonText(row)}>
        {(row.ownerReason === 'permission' || row.ownerReason === 'unreadable') && (
          <Icon name="lock" size={12} className="owner__lock" />
        )}
        <span aria-label={ownerReasonText(row)}>—</span>
      </span>
    );
  }
  const more = row.pids.length - 1;
  const title = owner
    ? `${owner.name} (pid ${row.pids.join(', ')})\n${owner.argv.join(' ')}`
    : `pid ${row.pids.join(', ')}`;
  return (
    <span className="owner" title={title}>
      <span className="owner__name">{owner?.name ?? '?'}</span>
      <span className="owner__pid">{pid}</span>
      {more > 0 && <span className="owner__more">+{more}</span>}
    </span>
  );
}
