/**
 * Parser of `ss -tuanieHO` output (iproute2 ≥ 5.2): one socket per line, columns
 * `netid state recv-q send-q local peer`, then `key:value` details. ss leaves out `uid:` when
 * it is 0 and every tcp_info counter when it is 0.
 */
import type { Family, Protocol, RawSocket, SocketState } from '../model.js';
import { LineProblem, decimal, parseLines } from './line-parser.js';
import type { ParseResult } from './line-parser.js';
import { ownerUid, stateFromSsName } from './socket-state.js';
import { parseSsEndpoint } from './ss-endpoint.js';
import type { SsEndpoint } from './ss-endpoint.js';

/** The command line this parser reads. */
export const SS_ARGS = ['-tuanieHO'] as const;
const WHAT = 'ss -tuanieHO';

/**
 * Keys that ss prints only from tcp_info, cwnd first (never 0 on a full socket): their presence
 * means the byte counters were known, so a missing `bytes_acked:` means 0, not unknown.
 */
const TCP_INFO_KEYS = [
  'cwnd',
  'rto',
  'mss',
  'advmss',
  'pmtu',
  'rcvmss',
  'rcv_space',
  'rcv_ssthresh',
  'minrtt',
  'snd_wnd',
  'bytes_sent',
  'segs_out',
  'segs_in',
  'lastsnd',
  'lastrcv',
  'lastack',
  'delivered',
];

/** Details read from the `key:value` tokens after the address columns. */
interface Details {
  uid: number | null;
  inode: number | null;
  cookie: string | null;
  bytesAcked: number | null;
  bytesReceived: number | null;
  tcpInfo: boolean;
  /** `v6only:` (with -e, for IPv6 listening and unconnected sockets only, as netlink gives it). */
  v6Only: boolean | null;
}

/**
 * Sockets in ss output, plus a warning for each line that could not be read. Throws ParseError
 * when the output has lines and none of them can be read (not the format this expects).
 */
export function parseSsOutput(text: string): ParseResult {
  return parseLines(text, WHAT, () => false, parseSsLine);
}

/** The six columns, then the rest of the line (searched for details, not split: ~60 tokens). */
const COLUMNS = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(.*)$/;

function parseSsLine(line: string): RawSocket {
  const columns = COLUMNS.exec(line);
  if (columns === null) throw new LineProblem('fewer than six columns');
  const [, netid = '', stateName = '', recvQ = '', sendQ = '', localColumn = '', peerColumn = '', rest = ''] =
    columns;
  if (netid !== 'tcp' && netid !== 'udp') throw new LineProblem(`unexpected netid ${JSON.stringify(netid)}`);
  const protocol: Protocol = netid;
  const state = stateFromSsName(protocol, stateName);
  if (state === null) throw new LineProblem(`unknown state ${JSON.stringify(stateName)}`);
  decimal(recvQ, 'Recv-Q');
  decimal(sendQ, 'Send-Q');
  const local = parseSsEndpoint(localColumn, 'local');
  const peer = parseSsEndpoint(peerColumn, 'peer');
  const family: Family = local.family ?? peer.family ?? 6; // `*` is printed for IPv6 only
  if (peer.family !== null && peer.family !== family) throw new LineProblem('local and peer families differ');
  const details = readDetails(rest);
  if (details.inode === null) throw new LineProblem('no ino: field (ss run without -e?)');
  const hasCounters = protocol === 'tcp' && details.tcpInfo;
  const remoteUnset = peer.port === 0 && isUnspecified(peer);
  return {
    protocol,
    family,
    localAddress: local.address ?? (family === 6 ? '::' : '0.0.0.0'),
    localPort: local.port,
    remoteAddress: remoteUnset ? null : (peer.address ?? '::'),
    remotePort: remoteUnset ? null : peer.port,
    state,
    inode: details.inode,
    uid: ownerUidOf(state, details),
    cookie: details.cookie,
    bytesSent: hasCounters ? (details.bytesAcked ?? 0) : null,
    bytesReceived: hasCounters ? (details.bytesReceived ?? 0) : null,
    v6Only: family === 6 ? details.v6Only : null,
  };
}

function isUnspecified(endpoint: SsEndpoint): boolean {
  return endpoint.address === null || endpoint.address === '0.0.0.0' || endpoint.address === '::';
}

function ownerUidOf(state: SocketState, details: Details): number | null {
  return ownerUid(state, details.inode ?? 0, details.uid ?? 0); // ss omits uid:0
}

/** Reads the details; the first occurrence of a key wins (a cgroup path could repeat one). */
function readDetails(rest: string): Details {
  const uid = detail(rest, ' uid:');
  const inode = detail(rest, ' ino:');
  const cookie = detail(rest, ' sk:');
  const bytesAcked = detail(rest, ' bytes_acked:');
  const bytesReceived = detail(rest, ' bytes_received:');
  const v6Only = detail(rest, ' v6only:');
  return {
    uid: uid === null ? null : decimal(uid, 'uid'),
    inode: inode === null ? null : decimal(inode, 'ino'),
    cookie: cookie === null ? null : cookieFromHex(cookie),
    bytesAcked: bytesAcked === null ? null : decimal(bytesAcked, 'bytes_acked'),
    bytesReceived: bytesReceived === null ? null : decimal(bytesReceived, 'bytes_received'),
    tcpInfo:
      bytesAcked !== null || bytesReceived !== null || TCP_INFO_KEYS.some((key) => rest.includes(` ${key}:`)),
    v6Only: v6Only === null ? null : decimal(v6Only, 'v6only') !== 0,
  };
}

/** The value of the first ` key:value` token (`key` given with its space and colon), else null. */
function detail(rest: string, key: string): string | null {
  const at = rest.indexOf(key);
  if (at < 0) return null;
  const start = at + key.length;
  let end = start;
  while (end < rest.length && rest.charCodeAt(end) > 32) end++;
  return rest.slice(start, end);
}

/** `sk:` is the 64-bit socket cookie in hex; the contract carries it in decimal. */
function cookieFromHex(hex: string): string {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw new LineProblem(`sk: is not a 64-bit hex cookie: ${hex}`);
  return BigInt(`0x${hex}`).toString();
}
