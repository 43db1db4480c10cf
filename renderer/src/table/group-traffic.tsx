/** A group header's traffic: its rows' summed send/receive rates and bytes (contract/traffic.ts). */
import { totalsOf, type TrafficTotals } from '@contract/traffic';
import type { SocketRow } from '@contract/model';
import type { SocketData } from '../store/socket-data';
import type { GroupItem } from '../store/view-index';
import { formatBytes, formatRate } from './format';

/** The group's totals, from its rows' current values. */
export function groupTotals(group: GroupItem, data: SocketData): TrafficTotals {
  const rows: SocketRow[] = [];
  for (const id of group.ids) {
    const entry = data.rows.get(id);
    if (entry) rows.push(entry.row);
  }
  return totalsOf(rows);
}

/** "↑ 1.2 KiB/s ↓ 30 B/s · 4.1 MiB": rates now, then bytes so far; nothing for a group without counters. */
export function GroupTraffic({ totals }: { totals: TrafficTotals }) {
  const counted = totals.sockets - totals.udpSockets;
  if (counted === 0) return null;
  const bytes = totals.bytesSent + totals.bytesReceived;
  const label =
    `Sending ${formatRate(totals.sendRate)}, receiving ${formatRate(totals.receiveRate)}; ` +
    `${formatBytes(totals.bytesSent)} sent and ${formatBytes(totals.bytesReceived)} received in all` +
    (totals.udpSockets
      ? ` (${totals.udpSockets} UDP socket${totals.udpSockets === 1 ? '' : 's'} not counted)`
      : '');
  return (
    <span className="group__traffic" title={label} aria-label={label} data-testid="group-traffic">
      <span data-testid="group-send">↑ {formatRate(totals.sendRate)}</span>{' '}
      <span data-testid="group-receive">↓ {formatRate(totals.receiveRate)}</span>
      <span className="group__bytes" data-testid="group-bytes">
        {' '}
        · {formatBytes(bytes)}
      </span>
    </span>
  );
}
