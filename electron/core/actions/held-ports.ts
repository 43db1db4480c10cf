/** Which sockets and ports a set of processes holds, and who listens on a port now. */
import { isListening } from '../diff/diff-snapshots.js';
import type { Snapshot, SocketRow } from '../model.js';

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
 * Does a socket bound to `bound` accept traffic for `wanted`? Wildcards accept their family
 * (`::` both, when dual-stack), `::ffff:a.b.c.d` is its IPv4 form, `localhost` is either loopback.
 */
export function addressAccepts(bound: string, wanted: string): boolean {
  const plain = (a: string): string => {
    const lower = a.toLowerCase();
    return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
  };
  const b = plain(bound);
  const w = plain(wanted);
  if (b === w || b === '::') return true;
  const wantedIsV4 = w.includes('.') || w === 'localhost';
  if (b === '0.0.0.0') return wantedIsV4;
  if (w === 'localhost') return b === '::1' || b.startsWith('127.');
  return false;
}
