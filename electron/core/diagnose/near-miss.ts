/**
 * The near miss: nothing listens on the address asked, but something listens on that port
 * elsewhere (another family, an IPv6-only `[::]`, another 127.x address). `who` and `diagnose`
 * say what it is, why it refuses this client, and the two ways out: connect where it listens, or
 * bind the server where the client connects. Import-free of zod: the one-shot `who` uses it.
 */
import { fitOf, hostPort, isLoopbackIp, reachWords, type RefusalReason } from '../../contract/reachability.js';
import { readIp, type IpAddress } from '../../contract/target-address.js';
import type { ProcessInfo, SocketRow } from '../model.js';

/** A listener on the port that does not accept the target, and what to do about it. */
export interface NearMiss {
  pid: number | null;
  name: string | null;
  protocol: SocketRow['protocol'];
  localAddress: string;
  localPort: number;
  family: 4 | 6;
  v6Only: boolean | null;
  /** Who the listener accepts, in words (reachability.ts). */
  reach: string;
  why: RefusalReason;
  /** Addresses the client can connect to instead (`[::1]:8766`, `localhost:8766`). */
  connectTo: string[];
  /** How to change the server so this client reaches it. */
  bindFix: string;
  /** The whole answer in one line (what `who` prints). */
  message: string;
}

/**
 * The target as the user wrote it (an IP, IPv4-mapped read as IPv4, or `localhost`) with the
 * addresses it stands for, and what `localhost` resolves to here: `localhost:P` is suggested
 * only where it reaches the listener (without `::1 localhost` in /etc/hosts it never reaches ::1).
 */
export type NearMissTarget = { address: string; ips: readonly IpAddress[]; localhost: readonly IpAddress[] };

/** Listeners of `rows` that refuse every address of the target, each explained. */
export function nearMisses(
  target: NearMissTarget,
  port: number,
  rows: readonly SocketRow[],
  processes: Readonly<Record<string, ProcessInfo>>,
): NearMiss[] {
  const misses: NearMiss[] = [];
  for (const row of rows) {
    const first = target.ips[0];
    if (first === undefined || target.ips.some((ip) => fitOf(row, ip).accepts)) continue;
    const fit = fitOf(row, first);
    if (fit.accepts) continue;
    const pid = row.pids[0] ?? null;
    const name = pid === null ? null : (processes[String(pid)]?.name ?? null);
    const connectTo = connectInstead(row, first, port, target.localhost);
    const bindFix = bindInstead(fit.why, first, target.address);
    const who = pid === null ? 'a process PortLens cannot see' : `${name ?? 'pid'} (pid ${pid})`;
    const reach = reachWords(row);
    const message =
      `nothing listens on ${hostPort(target.address, port)} — ${who} listens on ${hostPort(row.localAddress, port)} (${reach}): ` +
      `${connectTo.length ? `connect to ${connectTo.join(' or ')}, or ` : ''}${bindFix}`;
    misses.push({ pid, name, protocol: row.protocol, localAddress: row.localAddress, localPort: port, family: row.family, v6Only: row.v6Only, reach, why: fit.why, connectTo, bindFix, message });
  }
  return misses;
}

/** Where this client could connect to reach the listener: the same kind of address it meant. */
function connectInstead(row: SocketRow, target: IpAddress, port: number, localhost: readonly IpAddress[]): string[] {
  const bound = readIp(row.localAddress);
  if (bound === null) return [];
  const viaLocalhost = isLoopbackIp(target) && localhost.some((ip) => fitOf(row, ip).accepts) ? [`localhost:${port}`] : [];
  if (bound.address !== '0.0.0.0' && bound.address !== '::') return [hostPort(bound.address, port), ...viaLocalhost];
  // A wildcard of the other family (or IPv6-only): that family's form of the same place.
  const loop = bound.family === 6 ? '::1' : '127.0.0.1';
  return isLoopbackIp(target) ? [hostPort(loop, port), ...viaLocalhost] : [`this machine's IPv${bound.family} address, port ${port}`];
}

/** What to change on the server's side. */
function bindInstead(why: RefusalReason, target: IpAddress, asked: string): string {
  const where = asked === 'localhost' ? '127.0.0.1 and ::1' : target.address;
  switch (why) {
    case 'v6-only':
      return `let the server accept IPv4 on [::] (turn IPV6_V6ONLY off, as Node's ipv6Only: false does) or bind 0.0.0.0 too`;
    case 'family':
      return `bind the server to ${where} too`;
    case 'address':
      return `bind the server to ${where} (or to ${target.family === 4 ? '0.0.0.0' : '::'} for every address)`;
  }
}
