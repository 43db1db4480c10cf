/** Small cell renderers shared by the table and the owner panel. */
import type { Family, SocketRow, SocketState } from '@contract/model';
import { Icon } from '../ui/icons';
import { ownerText, protocolName, scopeLabel, scopeTitle, stateTone } from '@contract/display-text';
import { ownerState } from '@contract/row-fields';
import { formatHost, formatState } from './format';
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
  return <span className={`state state--${stateTone(state)}`}>{formatState(state)}</span>;
}

/** Who can reach the socket. */
export function ScopeBadge({ row }: { row: Pick<SocketRow, 'scope' | 'family' | 'localAddress' | 'v6Only'> }) {
  return (
    <span className={`badge badge--${row.scope}`} title={scopeTitle(row)}>
      {scopeLabel(row)}
    </span>
  );
}

/** Protocol and family: `TCP v6`. */
export function ProtocolLabel({ row }: { row: Pick<SocketRow, 'protocol' | 'family'> }) {
  // The shared name, its version dimmed: people scan for the protocol.
  const [name, version] = protocolName(row).split(' ');
  return (
    <span className="protocol">
      {name}
      <span className="dim"> {version}</span>
    </span>
  );
}

/** Owner name and pid, or a dash that explains itself. */
export function ProcessCell({ model }: { model: RowModel }) {
  const { row, owner } = model;
  const pid = row.pids[0];
  const state = ownerState(row);
  const text = ownerText(row, { name: (p) => (p === pid ? owner?.name : undefined), running: () => model.ownerRunning });
  if (state === 'history' || state === 'kernel') {
    // The kernel owns it: the last known owner is history, greyed, and offers no action. The
    // words are the CLI's; the pid is set as in live rows so the column stays narrow.
    return (
      <span className="owner owner--history" title={`${text}\n${ownerReasonText(row)}`} aria-label={text} data-owner-state={state}>
        {pid === undefined ? (
          text
        ) : (
          <>
            was <span className="owner__name">{owner?.name ?? '?'}</span> <span className="owner__pid">{row.pids.join(', ')}</span>
            {!model.ownerRunning && ', exited'}
          </>
        )}
      </span>
    );
  }
  if (pid === undefined) {
    return (
      <span className="owner owner--unknown" title={ownerReasonText(row)}>
        {(row.ownerReason === 'permission' || row.ownerReason === 'unreadable') && (
          <Icon name="lock" size={12} className="owner__lock" />
        )}
        <span aria-label={ownerReasonText(row)}>{state === 'hidden' ? text : '—'}</span>
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
