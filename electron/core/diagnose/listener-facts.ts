/** The listeners on a port as diagnose, explain and audit report them: owner, reach, fit. */
import type { ListenerFact } from '../../contract/diagnose-model.js';
import { fitOf, reachWords } from '../../contract/reachability.js';
import { isListening } from '../../contract/row-fields.js';
import type { IpAddress } from '../../contract/target-address.js';
import type { Snapshot, SocketRow } from '../model.js';
import { readStat } from '../owners/proc-stat.js';

/** Accept-queue readings keyed by `queueKey`. */
export type QueueReadings = ReadonlyMap<string, { recvQ: number; backlog: number | null }>;

/** The key of a listener's accept-queue reading. */
export const queueKey = (address: string, port: number): string => `${address}|${port}`;

/** Every listening socket on `port` of `protocol` in a snapshot. */
export function listenersOnPort(snapshot: Snapshot, port: number, protocol: SocketRow['protocol'] = 'tcp'): SocketRow[] {
  return snapshot.sockets.filter((row) => row.localPort === port && row.protocol === protocol && isListening(row));
}

/**
 * One fact per listener: it accepts the target when it accepts any of `targets` (the addresses
 * a client tries); with no targets (a bare port) every listener counts as accepting.
 */
export function listenerFacts(
  rows: readonly SocketRow[],
  snapshot: Snapshot,
  targets: readonly IpAddress[],
  queues: QueueReadings = new Map(),
): ListenerFact[] {
  return rows.map((row) => {
    const fits = targets.map((ip) => fitOf(row, ip));
    const accepting = fits.find((fit) => fit.accepts);
    const refusing = fits[0];
    const fit = targets.length === 0 ? 'any' : accepting?.accepts ? accepting.how : refusing && !refusing.accepts ? refusing.why : 'address';
    const pid = row.pids[0] ?? null;
    const info = pid === null ? undefined : snapshot.processes[String(pid)];
    const queue = queues.get(queueKey(row.localAddress, row.localPort));
    return {
      protocol: row.protocol,
      family: row.family,
      localAddress: row.localAddress,
      localPort: row.localPort,
      v6Only: row.v6Only,
      pid,
      startTime: info?.startTime ?? null,
      name: info?.name ?? null,
      user: info?.user ?? null,
      reach: reachWords(row),
      accepts: targets.length === 0 || accepting !== undefined,
      fit,
      acceptQueue: queue?.recvQ ?? null,
      backlog: queue?.backlog ?? null,
      processState: pid === null ? null : (readStat(pid)?.state ?? null),
    };
  });
}

/** `node (pid 42)`, or what is known when the owner is hidden. */
export function ownerWords(fact: Pick<ListenerFact, 'pid' | 'name'>): string {
  if (fact.pid === null) return 'a process PortLens cannot see (run as root to see it)';
  return `${fact.name ?? 'pid'} (pid ${fact.pid})`;
}
