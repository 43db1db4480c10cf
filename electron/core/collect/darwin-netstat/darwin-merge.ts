/**
 * macOS's two socket sources, merged. lsof names every process holding a socket, but as a
 * normal user only the user's own processes' sockets, and no byte counts; netstat -anv lists
 * every socket of every user with the pid that last used it and, since macOS 15, its counters.
 * So lsof's rows keep lsof's holders, gain netstat's counters where netstat has the same socket
 * (protocol and both endpoints), and netstat adds the sockets lsof could not see.
 */
import type { RawSocket } from '../../model.js';

/** One source's sockets and the pids it names for them. */
export interface DarwinSide {
  sockets: readonly RawSocket[];
  owners(socket: RawSocket, index: number): readonly number[] | undefined;
}

/** The merged rows: the owners of each, and how many rows each source gave. */
export interface DarwinMerge {
  sockets: RawSocket[];
  owners: Map<RawSocket, readonly number[]>;
  /** lsof rows netstat had too (they carry netstat's counters). */
  matched: number;
  /** netstat rows lsof did not list (other users' sockets, TIME_WAIT…). */
  added: number;
  /** Those rows themselves: their owner is only the pid netstat names (the socket's last user). */
  netstatOnly: Set<RawSocket>;
}

/** Merges lsof's rows with netstat's (pure: the tests feed it rows of real captures). */
export function mergeDarwinSockets(lsof: DarwinSide, netstat: DarwinSide): DarwinMerge {
  const unmatched = new Map<string, number[]>();
  netstat.sockets.forEach((socket, i) => {
    const key = endpointKey(socket);
    unmatched.set(key, [...(unmatched.get(key) ?? []), i]);
  });
  const sockets: RawSocket[] = [];
  const owners = new Map<RawSocket, readonly number[]>();
  let matched = 0;
  lsof.sockets.forEach((socket, i) => {
    const same = unmatched.get(endpointKey(socket));
    const index = same?.shift();
    const twin = index === undefined ? undefined : netstat.sockets[index];
    const row = twin === undefined ? socket : { ...socket, bytesSent: twin.bytesSent, bytesReceived: twin.bytesReceived };
    if (twin !== undefined) matched++;
    sockets.push(row);
    const holders = lsof.owners(socket, i);
    if (holders?.length) owners.set(row, holders);
  });
  let added = 0;
  const netstatOnly = new Set<RawSocket>();
  for (const indexes of unmatched.values()) {
    for (const index of indexes) {
      const socket = netstat.sockets[index];
      if (socket === undefined) continue;
      added++;
      netstatOnly.add(socket);
      sockets.push(socket);
      const pids = netstat.owners(socket, index);
      if (pids?.length) owners.set(socket, pids);
    }
  }
  return { sockets, owners, matched, added, netstatOnly };
}

/**
 * Protocol and both endpoints, IPv4-mapped addresses read as IPv4: lsof and netstat may name a
 * dual-stack socket's family differently. The wildcards (`0.0.0.0`, `::`) stay apart.
 */
function endpointKey(s: RawSocket): string {
  const plain = (address: string | null) => (address?.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address);
  return `${s.protocol}|${plain(s.localAddress)}|${s.localPort}|${plain(s.remoteAddress)}|${s.remotePort}`;
}
