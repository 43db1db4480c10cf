/**
 * Is a listener accepting? Its accept queue (Recv-Q on a listening socket: connections the
 * kernel completed that the program has not accept()ed) against its backlog (Send-Q), read from
 * netlink (the one-shot listing; `ss` where netlink is unavailable), and the kernel's
 * ListenOverflows counter (/proc/net/netstat), which rises each time a full queue drops a
 * connection.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseSsEndpoint } from '../../collect/ss-endpoint.js';
import type { SocketRow } from '../../model.js';
import { takeListing } from '../../one-shot/socket-listing.js';
import { queueKey, type QueueReadings } from '../listener-facts.js';

/** Recv-Q and backlog of the TCP listeners on `port`; empty when neither netlink nor `ss` answers. */
export function readAcceptQueues(port: number, timeoutMs: number): Promise<QueueReadings> {
  const fromNetlink = netlinkQueues(port);
  if (fromNetlink) return Promise.resolve(fromNetlink);
  return new Promise((resolve) => {
    execFile('ss', ['-Hltn', `sport = :${port}`], { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout) => {
      const readings = new Map<string, { recvQ: number; backlog: number | null }>();
      if (!error) for (const line of stdout.split('\n')) readLine(line, readings);
      resolve(readings);
    });
  });
}

/** The queues from netlink's listing (no `ss` needed); null where netlink is unavailable. */
function netlinkQueues(port: number): QueueReadings | null {
  let listing;
  try {
    listing = takeListing();
  } catch {
    return null;
  }
  if (!listing) return null;
  const readings = new Map<string, { recvQ: number; backlog: number | null }>();
  const view = {} as SocketRow; // one row object, refilled per socket
  for (let i = 0; i < listing.length; i++) {
    const row = listing.rowAt(i, view);
    if (row.protocol !== 'tcp' || row.state !== 'LISTEN' || row.localPort !== port) continue;
    const queue = listing.queuesAt(i);
    readings.set(queueKey(row.localAddress, port), { recvQ: queue.receive, backlog: queue.send });
  }
  return readings;
}

function readLine(line: string, into: Map<string, { recvQ: number; backlog: number | null }>): void {
  const [state, recvQ, sendQ, local] = line.trim().split(/\s+/);
  if (state !== 'LISTEN' || !local || !/^\d+$/.test(recvQ ?? '') || !/^\d+$/.test(sendQ ?? '')) return;
  try {
    const end = parseSsEndpoint(local, 'local');
    // `*` is the dual-stack IPv6 wildcard.
    into.set(queueKey(end.address ?? '::', end.port), { recvQ: Number(recvQ), backlog: Number(sendQ) });
  } catch {
    // A line ss changed the shape of: that listener's queue stays unknown.
  }
}

/** The kernel's TcpExt ListenOverflows counter, or null where unreadable. */
export function readListenOverflows(file = '/proc/net/netstat'): number | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n').filter((line) => line.startsWith('TcpExt:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  const at = names.indexOf('ListenOverflows');
  const value = at < 0 ? undefined : values[at];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}
