/**
 * Socket inodes as `ss` reports them (sock_diag; independent of the /proc fd scan under
 * test), found by port.
 */
import { execFileSync } from 'node:child_process';

/** One socket from `ss -tuanHe`. */
export interface SsSocket {
  protocol: 'tcp' | 'udp';
  state: string;
  local: string;
  peer: string;
  inode: number;
}

const LINE = /^(tcp|udp)\s+(\S+)\s+\d+\s+\d+\s+(\S+)\s+(\S+).*\bino:(\d+)/;

/** Sockets matching an `ss` filter expression, e.g. `sport = :8080`. */
export function socketsMatching(filter: string): SsSocket[] {
  const text = execFileSync('ss', ['-tuanHe', filter], { encoding: 'utf8' });
  const sockets: SsSocket[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match?.[5]) continue;
    sockets.push({
      protocol: match[1] as 'tcp' | 'udp',
      state: match[2] ?? '',
      local: match[3] ?? '',
      peer: match[4] ?? '',
      inode: Number(match[5]),
    });
  }
  return sockets;
}

function only(found: SsSocket[], what: string): number {
  if (found.length !== 1) throw new Error(`expected one ${what}, ss shows ${JSON.stringify(found)}`);
  return (found[0] as SsSocket).inode;
}

/**
 * The inode of the socket bound to local `port`: a TCP listener, or a UDP socket. (Other
 * machines' connections may reuse the number as an ephemeral port, hence the state filter.)
 */
export function inodeOf(protocol: 'tcp' | 'udp', port: number): number {
  const found = socketsMatching(`sport = :${port}`).filter(
    (socket) =>
      socket.protocol === protocol && socket.inode > 0 && (protocol === 'udp' || socket.state === 'LISTEN'),
  );
  return only(found, `${protocol} socket bound to port ${port}`);
}

/** The inode of the TCP connection from local port `localPort` to peer port `peerPort`. */
export function connectionInode(localPort: number, peerPort: number): number {
  const found = socketsMatching(`sport = :${localPort} and dport = :${peerPort}`).filter(
    (socket) => socket.protocol === 'tcp' && socket.inode > 0,
  );
  return only(found, `connection ${localPort} -> ${peerPort}`);
}
