/**
 * Parser of macOS's `netstat -anvWl -p tcp` / `-p udp`: every socket of every user with the pid
 * of the process that last used it, and since macOS 15 its byte counters. Our own parser, not
 * node-netstat's (the design card's library): node-netstat reads fixed positions of the old
 * layout and does not parse the current ones (danielkrainas/node-netstat#43), and reading the
 * Sequoia layout by position gives rhiwat as the pid (sebhildebrandt/systeminformation#951).
 * Here the header line places the columns (darwin-netstat-layout.ts); a row before any header,
 * or cut short, is a warning, never a guess.
 *
 * Rows: `tcp4 0 0 192.168.1.191.52044 31.13.66.35.443 ESTABLISHED 131072 131860 9811 0 …`.
 * Addresses end in `.port` (`*.*` unbound, `*.80` any address, `fe80::1%lo0.5353` zoned);
 * `tcp46`/`udp46` is a dual-stack IPv6 socket; UDP rows leave `(state)` blank.
 */
import type { Family, Protocol, RawSocket, SocketState } from '../../model.js';
import { LineProblem, decimal, parseLineRows } from '../line-parser.js';
import type { ParseResult } from '../line-parser.js';
import { parseDarwinEndpoint } from './darwin-netstat-endpoint.js';
import { isDarwinHeader, readDarwinLayout } from './darwin-netstat-layout.js';
import type { DarwinNetstatLayout } from './darwin-netstat-layout.js';

/**
 * The command lines this parser reads. Without `-W` ("avoid truncating addresses even if this
 * causes some fields to overflow") and `-l` ("prints full IPv6 address"), both in macOS's
 * netstat(1) synopsis `netstat [-AaLlnW] [-f address_family | -p protocol]`, long IPv6
 * addresses are cut to their column; the real macOS 15.1 capture shows `-l` with `-anv`.
 */
export const DARWIN_NETSTAT_ARGS = {
  tcp: ['-a', '-n', '-v', '-W', '-l', '-p', 'tcp'],
  udp: ['-a', '-n', '-v', '-W', '-l', '-p', 'udp'],
} as const;
const WHAT = 'netstat -anv';

/** Sockets, each with the pids netstat names (none for pid 0: no process). */
export interface DarwinNetstatResult extends ParseResult {
  /** `owners[i]`: the pids of `sockets[i]`'s rows (several when identical rows were merged). */
  owners: number[][];
}

/** macOS's TCP state names (netinet/tcp_fsm.h) as the contract names them. */
const DARWIN_STATES: Readonly<Record<string, SocketState>> = {
  CLOSED: 'CLOSE',
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RCVD: 'SYN_RECV',
  SYN_RECEIVED: 'SYN_RECV',
  ESTABLISHED: 'ESTABLISHED',
  CLOSE_WAIT: 'CLOSE_WAIT',
  FIN_WAIT_1: 'FIN_WAIT1',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  FIN_WAIT_2: 'FIN_WAIT2',
  TIME_WAIT: 'TIME_WAIT',
};

interface Row {
  socket: RawSocket;
  pid: number;
}

/**
 * Sockets in the output of one or more `netstat -anv` runs (each starts with its own header).
 * Throws ParseError when it has rows and none can be read: a format this does not know.
 */
export function parseDarwinNetstat(text: string): DarwinNetstatResult {
  let layout: DarwinNetstatLayout | null = null;
  let headerProblem: string | null = null;
  const isHeader = (line: string): boolean => {
    if (/^\s*Active /.test(line)) return true;
    if (!isDarwinHeader(line)) return false;
    try {
      layout = readDarwinLayout(line);
      headerProblem = null;
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      layout = null;
      headerProblem = error.message;
    }
    return true;
  };
  const { rows, warnings } = parseLineRows(text.replaceAll('\r', ''), WHAT, isHeader, (line) => {
    if (layout === null) throw new LineProblem(headerProblem ?? 'row before any header line (its columns are unknown)');
    return parseRow(line, layout);
  });
  return merge(rows, warnings);
}

/**
 * Identical rows (one UDP port bound by several sockets) are one row with every owner: netstat
 * gives no inode or cookie to tell them apart. Their counters add up, as one row's traffic.
 */
function merge(rows: readonly Row[], warnings: string[]): DarwinNetstatResult {
  const merged = new Map<string, { socket: RawSocket; owners: number[] }>();
  for (const { socket, pid } of rows) {
    const key = `${socket.protocol}${socket.family}|${socket.localAddress}|${socket.localPort}|${socket.remoteAddress}|${socket.remotePort}|${socket.state}`;
    const known = merged.get(key);
    if (known === undefined) {
      merged.set(key, { socket, owners: pid === 0 ? [] : [pid] });
      continue;
    }
    if (pid !== 0 && !known.owners.includes(pid)) known.owners.push(pid);
    known.socket = { ...known.socket, bytesSent: sum(known.socket.bytesSent, socket.bytesSent), bytesReceived: sum(known.socket.bytesReceived, socket.bytesReceived) };
  }
  const all = [...merged.values()];
  return { sockets: all.map((e) => e.socket), owners: all.map((e) => e.owners.sort((a, b) => a - b)), warnings };
}

function sum(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

function parseRow(line: string, layout: DarwinNetstatLayout): Row {
  const words = line.trim().split(/\s+/);
  const kind = /^(tcp|udp)(4|6|46)$/.exec(words[0] ?? '');
  if (kind === null) throw new LineProblem(`not a tcp or udp row: ${JSON.stringify(words[0])}`);
  const protocol = kind[1] as Protocol;
  const family: Family = kind[2] === '4' ? 4 : 6;
  decimal(words[1] ?? '', 'Recv-Q');
  decimal(words[2] ?? '', 'Send-Q');
  const local = parseDarwinEndpoint(words[3] ?? '', family, 'local');
  const peer = parseDarwinEndpoint(words[4] ?? '', family, 'foreign');
  // UDP rows leave (state) blank: the next word is then a number.
  const stateWord = /^[A-Z][A-Z_0-9]*$/.test(words[5] ?? '') ? (words[5] ?? null) : null;
  const rest = words.slice(stateWord === null ? 5 : 6);
  const value = restReader(rest, layout);
  const remoteUnset = peer.address === null || (peer.port === 0 && (peer.address === '0.0.0.0' || peer.address === '::'));
  const counter = (index: number | null, name: string) => (index === null ? null : decimal(value(index), name));
  const socket: RawSocket = {
    protocol,
    family,
    localAddress: local.address ?? (family === 4 ? '0.0.0.0' : '::'),
    localPort: local.port,
    remoteAddress: remoteUnset ? null : peer.address,
    remotePort: remoteUnset ? null : peer.port,
    state: stateOf(protocol, stateWord, !remoteUnset),
    // netstat names no inode (macOS has none for sockets) and no uid.
    inode: 0,
    uid: null,
    cookie: null,
    bytesSent: counter(layout.txbytes, 'txbytes'),
    bytesReceived: counter(layout.rxbytes, 'rxbytes'),
    // `46`: an IPv6 socket IPv4 can reach. A `6` socket may be V6ONLY or bound to an IPv6 address: unknown.
    v6Only: kind[2] === '46' ? false : null,
  };
  return { socket, pid: ownerPid(value(layout.owner), layout.named) };
}

/**
 * The value of column `index` of the row's words after `(state)`. Only `process:pid` can span
 * several words (a name with spaces); a row with fewer words than the header is cut short.
 */
function restReader(rest: readonly string[], layout: DarwinNetstatLayout): (index: number) => string {
  const extra = rest.length - layout.rest.length;
  if (extra < 0 || (extra > 0 && !layout.named))
    throw new LineProblem(`${rest.length} columns after the state where the header has ${layout.rest.length}: cut short or misaligned`);
  return (index) => {
    if (index < layout.owner) return rest[index] ?? '';
    if (index > layout.owner) return rest[index + extra] ?? '';
    return rest.slice(index, index + extra + 1).join(' ');
  };
}

/** `9811`, or `Autodesk Fusion:22712` (the name may hold spaces and colons: the last colon splits). */
function ownerPid(text: string, named: boolean): number {
  if (!named) return decimal(text, 'pid');
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new LineProblem(`process:pid has no colon: ${JSON.stringify(text)}`);
  return decimal(text.slice(colon + 1), 'pid');
}

function stateOf(protocol: Protocol, word: string | null, connected: boolean): SocketState {
  if (protocol === 'udp') return connected ? 'ESTABLISHED' : 'UNCONN';
  if (word === null) throw new LineProblem('TCP row without a state');
  const state = Object.hasOwn(DARWIN_STATES, word) ? DARWIN_STATES[word] : undefined;
  if (state === undefined) throw new LineProblem(`unknown TCP state ${JSON.stringify(word)}`);
  return state;
}
