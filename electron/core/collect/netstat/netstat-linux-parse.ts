/**
 * Parser of Linux's `netstat -tuanWe` (net-tools): `proto recv-q send-q local foreign state
 * user inode`, one socket a line. A UDP socket's state column is blank unless it is connected
 * (ESTABLISHED); `-W` keeps IPv6 addresses whole; `-e` adds the uid and the inode, so owners
 * come from the same inode lookup as every Linux source. net-tools prints a tcp6/udp6
 * socket's IPv4-mapped address in dotted form (`127.0.0.1:80` on a tcp6 line).
 */
import { SOCKET_STATES } from '../../../contract/enum-values.js';
import type { Family, Protocol, RawSocket, SocketState } from '../../model.js';
import { canonicalAddress } from '../address.js';
import { LineProblem, decimal, parseLines } from '../line-parser.js';
import type { ParseResult } from '../line-parser.js';
import { ownerUid } from '../socket-state.js';

/** The command line this parser reads. */
export const NETSTAT_LINUX_ARGS = ['-tuanWe'] as const;
const WHAT = 'netstat -tuanWe';

/** net-tools prints the kernel's TCP state names, spelled as the contract spells them. */
const NETSTAT_STATES: ReadonlySet<string> = new Set(SOCKET_STATES.filter((state) => state !== 'NEW_SYN_RECV' && state !== 'UNCONN'));

/** Sockets in `netstat -tuanWe` output; throws ParseError when no line of it can be read. */
export function parseNetstatLinux(text: string): ParseResult {
  return parseLines(text, WHAT, (line) => line.startsWith('Active ') || line.startsWith('Proto '), parseLine);
}

function parseLine(line: string): RawSocket {
  const columns = line.trim().split(/\s+/);
  const [proto = '', recvQ = '', sendQ = '', localText = '', peerText = ''] = columns;
  const protocol: Protocol | null = proto.startsWith('tcp') ? 'tcp' : proto.startsWith('udp') ? 'udp' : null;
  if (protocol === null || (proto !== protocol && proto !== `${protocol}6`))
    throw new LineProblem(`unexpected protocol ${JSON.stringify(proto)}`);
  const family: Family = proto.endsWith('6') ? 6 : 4;
  // A UDP socket without a peer has no state column: 7 columns instead of 8.
  const stateless = protocol === 'udp' && columns.length === 7;
  if (columns.length !== (stateless ? 7 : 8)) throw new LineProblem(`${columns.length} columns, not 8`);
  const [stateName = '', uidText = '', inodeText = ''] = stateless ? ['', ...columns.slice(5)] : columns.slice(5);
  decimal(recvQ, 'Recv-Q');
  decimal(sendQ, 'Send-Q');
  const local = endpoint(localText, family, 'local');
  const peer = endpoint(peerText, family, 'peer');
  const state = stateOf(protocol, stateName);
  const inode = decimal(inodeText, 'inode');
  const remoteUnset = peer.port === 0 && (peer.address === '0.0.0.0' || peer.address === '::');
  return {
    protocol,
    family,
    localAddress: local.address,
    localPort: local.port,
    remoteAddress: remoteUnset ? null : peer.address,
    remotePort: remoteUnset ? null : peer.port,
    state,
    inode,
    uid: ownerUid(state, inode, decimal(uidText, 'user')),
    cookie: null,
    bytesSent: null,
    bytesReceived: null,
    v6Only: null,
  };
}

function stateOf(protocol: Protocol, name: string): SocketState {
  if (protocol === 'udp') {
    if (name === '') return 'UNCONN';
    if (name === 'ESTABLISHED') return 'ESTABLISHED';
  } else if (NETSTAT_STATES.has(name)) {
    return name as SocketState;
  }
  throw new LineProblem(`unknown ${protocol} state ${JSON.stringify(name)}`);
}

/** `addr:port`, `addr:*`; IPv6 unbracketed (`:::80`), an IPv4-mapped one dotted on a v6 line. */
function endpoint(text: string, family: Family, side: string): { address: string; port: number } {
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new LineProblem(`${side} address has no port: ${text}`);
  const portText = text.slice(colon + 1);
  const port = portText === '*' ? 0 : decimal(portText, `${side} port`);
  if (port > 65535) throw new LineProblem(`${side} port is out of range: ${text}`);
  const withZone = text.slice(0, colon);
  const percent = withZone.indexOf('%');
  const host = percent < 0 ? withZone : withZone.slice(0, percent);
  const mapped = family === 6 && !host.includes(':');
  const address = canonicalAddress(mapped ? `::ffff:${host}` : host, family);
  if (address === null) throw new LineProblem(`${side} address is not IPv${family}: ${text}`);
  return { address, port };
}
