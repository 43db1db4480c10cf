/**
 * Traffic summed per process (and per any group of rows), as bandwhich and nethogs show it.
 * Pure (no Node, no zod): `portlens top`, the metrics and the page's group headers all use it.
 * UDP sockets carry no byte counters (the kernel's sock_diag reports tcp_info for TCP only, and
 * /proc/net/udp has none), so their traffic is unknown and `udpSockets` says how many were
 * left out.
 */
import type { ProcessInfo, SocketRow } from './model.js';

/** The summed traffic of some rows. Rates are bytes/s over the last poll. */
export interface TrafficTotals {
  sendRate: number;
  receiveRate: number;
  bytesSent: number;
  bytesReceived: number;
  sockets: number;
  /** Rows with a peer. */
  connections: number;
  /** UDP rows, whose traffic the kernel does not count per socket. */
  udpSockets: number;
}

/** A process's traffic. */
export interface ProcessTraffic extends TrafficTotals {
  pid: number;
  name: string;
  user: string | null;
}

export function emptyTotals(): TrafficTotals {
  return { sendRate: 0, receiveRate: 0, bytesSent: 0, bytesReceived: 0, sockets: 0, connections: 0, udpSockets: 0 };
}

/** Adds one row's traffic to `into`. */
export function addRow(into: TrafficTotals, row: SocketRow): void {
  into.sockets++;
  if (row.remoteAddress !== null) into.connections++;
  if (row.protocol === 'udp') into.udpSockets++;
  into.sendRate += row.sendRate ?? 0;
  into.receiveRate += row.receiveRate ?? 0;
  into.bytesSent += row.bytesSent ?? 0;
  into.bytesReceived += row.bytesReceived ?? 0;
}

/** The summed traffic of `rows`. */
export function totalsOf(rows: Iterable<SocketRow>): TrafficTotals {
  const totals = emptyTotals();
  for (const row of rows) addRow(totals, row);
  return totals;
}

/**
 * Traffic per owning process (a socket shared after fork counts for its first owner), busiest
 * first: by current rate, then by bytes, then by pid. Rows without a visible owner are left out.
 */
export function trafficByProcess(rows: Iterable<SocketRow>, processOf: (pid: number) => ProcessInfo | undefined): ProcessTraffic[] {
  const byPid = new Map<number, ProcessTraffic>();
  for (const row of rows) {
    const pid = row.pids[0];
    if (pid === undefined) continue;
    let entry = byPid.get(pid);
    if (!entry) {
      const info = processOf(pid);
      entry = { pid, name: info?.name ?? '?', user: info?.user ?? null, ...emptyTotals() };
      byPid.set(pid, entry);
    }
    addRow(entry, row);
  }
  return [...byPid.values()].sort(busiestFirst);
}

/** Busiest first: current rate, then total bytes, then pid (a stable order at idle). */
export function busiestFirst(a: TrafficTotals & { pid?: number }, b: TrafficTotals & { pid?: number }): number {
  return (
    b.sendRate + b.receiveRate - (a.sendRate + a.receiveRate) ||
    b.bytesSent + b.bytesReceived - (a.bytesSent + a.bytesReceived) ||
    (a.pid ?? 0) - (b.pid ?? 0)
  );
}

/** Connections (rows with a peer), busiest first. */
export function busiestConnections(rows: Iterable<SocketRow>): SocketRow[] {
  const connections: SocketRow[] = [];
  for (const row of rows) if (row.remoteAddress !== null) connections.push(row);
  const rate = (row: SocketRow): number => (row.sendRate ?? 0) + (row.receiveRate ?? 0);
  const bytes = (row: SocketRow): number => (row.bytesSent ?? 0) + (row.bytesReceived ?? 0);
  return connections.sort((a, b) => rate(b) - rate(a) || bytes(b) - bytes(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
