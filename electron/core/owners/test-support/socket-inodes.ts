/**
 * Socket inodes as the kernel's socket tables report them, found by port: independent of the
 * /proc fd scan under test. From `ss` (sock_diag) where iproute2 is installed, else from
 * /proc/net/{tcp,tcp6,udp,udp6}, which every Linux has: a machine without `ss` still runs the
 * owner tests.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findTool } from '../../../../scripts/lib/system-tools.mjs';

/** One TCP or UDP socket, as much of it as these tests look at. */
export interface KernelSocket {
  protocol: 'tcp' | 'udp';
  listening: boolean;
  localPort: number;
  /** 0 where there is no peer. */
  peerPort: number;
  inode: number;
}

const SS_LINE = /^(tcp|udp)\s+(\S+)\s+\d+\s+\d+\s+(\S+)\s+(\S+).*\bino:(\d+)/;
/** The port after an address's last colon (`*` and unconnected ends are 0). */
const portOf = (endpoint: string, radix: number): number =>
  Number.parseInt(endpoint.slice(endpoint.lastIndexOf(':') + 1), radix) || 0;
/** TCP_LISTEN in /proc/net/tcp's `st` column. */
const PROC_LISTEN = '0A';

/** Every TCP and UDP socket of this network namespace. */
export function allSockets(): KernelSocket[] {
  return findTool('ss') === null ? fromProcNet() : fromSs();
}

function fromSs(): KernelSocket[] {
  const text = execFileSync('ss', ['-tuanHe'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const sockets: KernelSocket[] = [];
  for (const line of text.split('\n')) {
    const match = SS_LINE.exec(line);
    if (!match?.[5]) continue;
    sockets.push({
      protocol: match[1] as 'tcp' | 'udp',
      listening: match[2] === 'LISTEN',
      localPort: portOf(match[3] ?? '', 10),
      peerPort: portOf(match[4] ?? '', 10),
      inode: Number(match[5]),
    });
  }
  return sockets;
}

function fromProcNet(): KernelSocket[] {
  const sockets: KernelSocket[] = [];
  for (const [file, protocol] of [
    ['tcp', 'tcp'],
    ['tcp6', 'tcp'],
    ['udp', 'udp'],
    ['udp6', 'udp'],
  ] as const) {
    let text: string;
    try {
      text = readFileSync(`/proc/net/${file}`, 'utf8');
    } catch {
      continue; // no IPv6 in this kernel
    }
    // `sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...`, hex ports.
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      sockets.push({
        protocol,
        listening: protocol === 'tcp' && fields[3] === PROC_LISTEN,
        localPort: portOf(fields[1] ?? '', 16),
        peerPort: portOf(fields[2] ?? '', 16),
        inode: Number(fields[9]),
      });
    }
  }
  return sockets;
}

function only(found: KernelSocket[], what: string): number {
  if (found.length !== 1) throw new Error(`expected one ${what}, the kernel shows ${JSON.stringify(found)}`);
  return (found[0] as KernelSocket).inode;
}

/**
 * The inode of the socket bound to local `port`: a TCP listener, or a UDP socket. (Other
 * machines' connections may reuse the number as an ephemeral port, hence the state filter.)
 */
export function inodeOf(protocol: 'tcp' | 'udp', port: number): number {
  const found = allSockets().filter(
    (socket) =>
      socket.protocol === protocol &&
      socket.localPort === port &&
      socket.inode > 0 &&
      (protocol === 'udp' || socket.listening),
  );
  return only(found, `${protocol} socket bound to port ${port}`);
}

/** The inode of the TCP connection from local port `localPort` to peer port `peerPort`. */
export function connectionInode(localPort: number, peerPort: number): number {
  const found = allSockets().filter(
    (socket) =>
      socket.protocol === 'tcp' &&
      socket.localPort === localPort &&
      socket.peerPort === peerPort &&
      socket.inode > 0,
  );
  return only(found, `connection ${localPort} -> ${peerPort}`);
}
