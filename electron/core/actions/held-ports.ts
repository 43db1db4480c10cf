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

/** The listening sockets on `port` in a snapshot. */
export function listenersOn(snapshot: Snapshot, port: number): SocketRow[] {
  return snapshot.sockets.filter((row) => row.localPort === port && isListening(row));
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
