/**
 * Parser of Windows' `netstat -ano`: `proto local foreign state pid` for TCP, `proto local
 * foreign pid` for UDP (`*:*`: Windows lists no UDP peers). Headers are translated in other
 * locales (`활성 연결`…), the rows are not, so any line not starting with TCP or UDP is a header.
 * It prints neither inodes nor uids; its pid column names each socket's owner, 0 for none
 * (TIME_WAIT). Identical endpoints (several sockets on one UDP port, as mDNS does) are one row
 * with every owner: without an inode or cookie nothing else tells them apart.
 */
import type { Family, Protocol, RawSocket, SocketState } from '../../model.js';
import { canonicalAddress } from '../address.js';
import { LineProblem, decimal, parseLines } from '../line-parser.js';
import type { ParseResult } from '../line-parser.js';

/** The command line this parser reads. */
export const NETSTAT_WINDOWS_ARGS = ['-ano'] as const;
const WHAT = 'netstat -ano';

/** Windows' TCP state names (MIB_TCP_STATE) as the contract names them. */
const WINDOWS_STATES: Readonly<Record<string, SocketState>> = {
  CLOSED: 'CLOSE',
  LISTENING: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RECEIVED: 'SYN_RECV',
  ESTABLISHED: 'ESTABLISHED',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT_2: 'FIN_WAIT2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
  // Bound, neither listening nor connected: Linux calls that CLOSE too.
  BOUND: 'CLOSE',
};

/** Sockets and the pids owning each (`owners[i]` for `sockets[i]`, empty for pid 0). */
export interface WindowsNetstatResult extends ParseResult {
  owners: number[][];
}

/** One line's socket and pid, before identical endpoints are merged. */
interface Line {
  socket: RawSocket;
  pid: number;
}

/** Sockets in `netstat -ano` output; throws ParseError when it has rows and none can be read. */
export function parseNetstatWindows(text: string): WindowsNetstatResult {
  const pids = new WeakMap<RawSocket, number>();
  const { sockets, warnings } = parseLines(text.replaceAll('\r', ''), WHAT, isHeader, (line) => {
    const { socket, pid } = parseLine(line);
    pids.set(socket, pid);
    return socket;
  });
  const merged = new Map<string, { socket: RawSocket; owners: number[] }>();
  for (const socket of sockets) {
    const key = `${socket.protocol}${socket.family}|${socket.localAddress}|${socket.localPort}|${socket.remoteAddress}|${socket.remotePort}|${socket.state}`;
    const pid = pids.get(socket) ?? 0;
    const known = merged.get(key);
    if (known === undefined) merged.set(key, { socket, owners: pid === 0 ? [] : [pid] });
    else if (pid !== 0 && !known.owners.includes(pid)) known.owners.push(pid);
  }
  const rows = [...merged.values()];
  return { sockets: rows.map((r) => r.socket), owners: rows.map((r) => r.owners.sort((a, b) => a - b)), warnings };
}

function isHeader(line: string): boolean {
  const first = line.trimStart().slice(0, 4);
  return first !== 'TCP ' && first !== 'UDP ';
}

function parseLine(line: string): Line {
  const columns = line.trim().split(/\s+/);
  const protocol: Protocol = columns[0] === 'TCP' ? 'tcp' : 'udp';
  if (columns.length !== (protocol === 'tcp' ? 5 : 4)) throw new LineProblem(`${columns.length} columns, not ${protocol === 'tcp' ? 5 : 4}`);
  const local = endpoint(columns[1] ?? '', 'local');
  const peer = columns[2] === '*:*' ? null : endpoint(columns[2] ?? '', 'peer');
  if (peer !== null && peer.family !== local.family) throw new LineProblem('local and peer families differ');
  const state = protocol === 'udp' ? 'UNCONN' : stateOf(columns[3] ?? '');
  const pid = decimal(columns.at(-1) ?? '', 'PID');
  const remoteUnset = peer === null || (peer.port === 0 && (peer.address === '0.0.0.0' || peer.address === '::'));
  const socket: RawSocket = {
    protocol,
    family: local.family,
    localAddress: local.address,
    localPort: local.port,
    remoteAddress: remoteUnset ? null : peer.address,
    remotePort: remoteUnset ? null : peer.port,
    state,
    inode: 0,
    uid: null,
    cookie: null,
    bytesSent: null,
    bytesReceived: null,
    v6Only: null,
  };
  return { socket, pid };
}

function stateOf(name: string): SocketState {
  const state = Object.hasOwn(WINDOWS_STATES, name) ? WINDOWS_STATES[name] : undefined;
  if (state === undefined) throw new LineProblem(`unknown TCP state ${JSON.stringify(name)}`);
  return state;
}

/** `1.2.3.4:80` or `[fe80::1%9]:80` (the zone dropped). */
function endpoint(text: string, side: string): { address: string; port: number; family: Family } {
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new LineProblem(`${side} address has no port: ${text}`);
  const port = decimal(text.slice(colon + 1), `${side} port`);
  if (port > 65535) throw new LineProblem(`${side} port is out of range: ${text}`);
  const host = text.slice(0, colon);
  const bracketed = host.startsWith('[') && host.endsWith(']');
  const bare = bracketed ? host.slice(1, -1) : host;
  const percent = bare.indexOf('%');
  const family: Family = bracketed ? 6 : 4;
  const address = canonicalAddress(percent < 0 ? bare : bare.slice(0, percent), family);
  if (address === null) throw new LineProblem(`${side} address is not IPv${family}: ${text}`);
  return { address, port, family };
}
