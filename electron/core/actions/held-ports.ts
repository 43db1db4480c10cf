/** Which sockets and ports a set of processes holds, and who listens on a port now. */
import { isListening } from '../../contract/row-fields.js';
import type { Snapshot, SocketRow } from '../model.js';
import { acceptsTarget } from '../../contract/reachability.js';

/** Every socket owned (at least partly) by one of `pids`. */
export function socketsHeldBy(snapshot: Snapshot, pids: ReadonlySet<number>): SocketRow[] {
  return snapshot.sockets.filter((row) => row.pids.some((pid) => pids.has(pid)));
}

/** The distinct ports these sockets listen on (TCP LISTEN, bound UDP), ascending. */
export function listeningPorts(rows: readonly SocketRow[]): number[] {
  const ports = new Set<number>();
  for (const row of rows) if (isListening(row) && row.localPort > 0) ports.add(row.localPort);
  return [...ports].sort((a, b) => a - b);
}

/**
 * A port as the kernel keys it: TCP and UDP port numbers are separate spaces, so "is 5353 still
 * bound?" must ask about the protocol the process held, not any socket with that number.
 */
export interface HeldPort {
  protocol: SocketRow['protocol'];
  port: number;
}

/** The distinct (protocol, port) pairs these sockets listen on. */
export function heldPorts(rows: readonly SocketRow[]): HeldPort[] {
  const seen = new Map<string, HeldPort>();
  for (const row of rows) {
    if (isListening(row) && row.localPort > 0) seen.set(`${row.protocol}/${row.localPort}`, { protocol: row.protocol, port: row.localPort });
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** The port numbers of `held`, distinct and ascending (the contract's `ports` fields). */
export function portNumbers(held: readonly HeldPort[]): number[] {
  return [...new Set(held.map((p) => p.port))].sort((a, b) => a - b);
}

/** The listening sockets on `port` in a snapshot (of `protocol` only, when given). */
export function listenersOn(snapshot: Snapshot, port: number, protocol?: SocketRow['protocol']): SocketRow[] {
  return snapshot.sockets.filter(
    (row) => row.localPort === port && isListening(row) && (protocol === undefined || row.protocol === protocol),
  );
}

/**
 * Does a socket bound to `bound` accept traffic for `wanted` (a target address: an IP literal,
 * `localhost` or `*`)? The contract's one reachability judgement (reachability.ts); `v6Only`
 * unknown means dual-stack, Linux's default.
 */
export function addressAccepts(bound: string, wanted: string, v6Only?: boolean | null): boolean {
  return acceptsTarget({ family: bound.includes(':') ? 6 : 4, localAddress: bound, v6Only: v6Only ?? null }, wanted);
}

/**
 * The listeners on `port` that accept a connection to `address` (null: any address): an
 * IPv6-only `[::]` socket is not one for 127.0.0.1, whatever its port says.
 */
export function listenersAccepting(snapshot: Snapshot, port: number, address: string | null): SocketRow[] {
  return listenersOn(snapshot, port).filter((row) => acceptsTarget(row, address));
}
