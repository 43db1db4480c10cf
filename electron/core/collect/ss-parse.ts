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
 * Keys that ss prints only from tcp_info (cwnd is never 0 on a full socket): their presence
 * means the byte counters were known, so a missing `bytes_acked:` means 0, not unknown.
 */
const TCP_INFO_KEYS = new Set([
  'cwnd', 'rto', 'mss', 'advmss', 'pmtu', 'rcvmss', 'rcv_space', 'rcv_ssthresh', 'minrtt', 'snd_wnd',
  'bytes_sent', 'bytes_acked', 'bytes_received', 'segs_out', 'segs_in', 'lastsnd', 'lastrcv', 'lastack', 'delivered',
]);

/** Details read from the `key:value` tokens after the address columns. */
interface Details {
  uid: number | null;
  inode: number | null;
  cookie: string | null;
  bytesAcked: number | null;
  bytesReceived: number | null;
  tcpInfo: boolean;
}

/**
 * Sockets in ss output, plus a warning for each line that could not be read. Throws ParseError
 * when the output has lines and none of them can be read (not the format this expects).
 */
export function parseSsOutput(text: string): ParseResult {
  return parseLines(text, WHAT, () => false, parseSsLine);
}

function parseSsLine(line: string): RawSocket {
  const tokens = line.trim().split(/\s+/);
  const [netid = '', stateName = '', recvQ = '', sendQ = '', localColumn = '', peerColumn = ''] = tokens;
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
  const details = readDetails(tokens.slice(6));
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
  };
}

function isUnspecified(endpoint: SsEndpoint): boolean {
  return endpoint.address === null || endpoint.address === '0.0.0.0' || endpoint.address === '::';
}

function ownerUidOf(state: SocketState, details: Details): number | null {
  return ownerUid(state, details.inode ?? 0, details.uid ?? 0); // ss omits uid:0
}

/** Reads the detail tokens; the first occurrence of a key wins (a cgroup path could repeat one). */
function readDetails(tokens: readonly string[]): Details {
  const details: Details = { uid: null, inode: null, cookie: null, bytesAcked: null, bytesReceived: null, tcpInfo: false };
  for (const token of tokens) {
    const colon = token.indexOf(':');
    if (colon <= 0) continue;
    const key = token.slice(0, colon);
    const value = token.slice(colon + 1);
    if (TCP_INFO_KEYS.has(key)) details.tcpInfo = true;
    if (key === 'uid') details.uid ??= decimal(value, 'uid');
    else if (key === 'ino') details.inode ??= decimal(value, 'ino');
    else if (key === 'sk') details.cookie ??= cookieFromHex(value);
    else if (key === 'bytes_acked') details.bytesAcked ??= decimal(value, 'bytes_acked');
    else if (key === 'bytes_received') details.bytesReceived ??= decimal(value, 'bytes_received');
  }
  return details;
}

/** `sk:` is the 64-bit socket cookie in hex; the contract carries it in decimal. */
function cookieFromHex(hex: string): string {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw new LineProblem(`sk: is not a 64-bit hex cookie: ${hex}`);
  return BigInt(`0x${hex}`).toString();
}
