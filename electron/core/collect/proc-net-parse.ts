/**
 * Parser of /proc/net/{tcp,tcp6,udp,udp6}: `sl local remote st tx:rx tr:when retrnsmt uid
 * timeout inode ...`. Addresses are hex words in the kernel's byte order (IPv4 one 32-bit word,
 * IPv6 four), ports and states hex. No byte counters, no cookie.
 */
import { endianness } from 'node:os';
import type { Family, Protocol, RawSocket } from '../model.js';
import { formatIpv4, formatIpv6 } from './address.js';
import { LineProblem, decimal, parseLines } from './line-parser.js';
import type { ParseResult } from './line-parser.js';
import { ownerUid, stateFromCode } from './socket-state.js';

/** Options for parsing a file from a machine of the other byte order. */
export interface ProcNetOptions {
  /** Byte order of the kernel that wrote the file; this machine's by default. */
  littleEndian?: boolean;
}

/**
 * Sockets of one /proc/net file, plus a warning for each line that could not be read. Throws
 * ParseError when the file has lines and none of them can be read.
 */
export function parseProcNet(
  text: string,
  protocol: Protocol,
  family: Family,
  options: ProcNetOptions = {},
): ParseResult {
  const littleEndian = options.littleEndian ?? endianness() === 'LE';
  const what = `/proc/net/${protocol}${family === 6 ? '6' : ''}`;
  return parseLines(
    text,
    what,
    (line, lineNumber) => lineNumber === 1 && line.trimStart().startsWith('sl'),
    (line) => parseProcNetLine(line, protocol, family, littleEndian),
  );
}

function parseProcNetLine(
  line: string,
  protocol: Protocol,
  family: Family,
  littleEndian: boolean,
): RawSocket {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 10) throw new LineProblem(`${fields.length} fields, expected at least 10`);
  const [
    slot = '',
    localField = '',
    remoteField = '',
    stateField = '',
    ,
    ,
    ,
    uidField = '',
    ,
    inodeField = '',
  ] = fields;
  if (!/^\d+:$/.test(slot)) throw new LineProblem(`slot ${JSON.stringify(slot)} is not "<n>:"`);
  if (!/^[0-9A-Fa-f]{2}$/.test(stateField))
    throw new LineProblem(`state ${JSON.stringify(stateField)} is not hex`);
  const stateCode = parseInt(stateField, 16);
  const state = stateFromCode(protocol, stateCode);
  if (state === null) throw new LineProblem(`unknown state ${stateCode}`);
  const local = parseEndpoint(localField, family, littleEndian, 'local');
  const remote = parseEndpoint(remoteField, family, littleEndian, 'remote');
  const inode = decimal(inodeField, 'inode');
  const remoteUnset = remote.port === 0 && remote.zero;
  return {
    protocol,
    family,
    localAddress: local.address,
    localPort: local.port,
    remoteAddress: remoteUnset ? null : remote.address,
    remotePort: remoteUnset ? null : remote.port,
    state,
    inode,
    uid: ownerUid(state, inode, decimal(uidField, 'uid')),
    cookie: null,
    bytesSent: null,
    bytesReceived: null,
    // /proc/net/tcp6 and udp6 do not show the option.
    v6Only: null,
  };
}

/** `0100007F:1F90` → 127.0.0.1 port 8080 (on a little-endian kernel). */
function parseEndpoint(
  field: string,
  family: Family,
  littleEndian: boolean,
  side: string,
): { address: string; port: number; zero: boolean } {
  const digits = family === 4 ? 8 : 32;
  const match = new RegExp(`^([0-9A-Fa-f]{${digits}}):([0-9A-Fa-f]{4})$`).exec(field);
  if (match === null)
    throw new LineProblem(`${side} address ${JSON.stringify(field)} is not ${digits} hex digits and a port`);
  const hex = match[1] ?? '';
  const words: number[] = [];
  for (let i = 0; i < digits; i += 8)
    words.push(networkOrder(parseInt(hex.slice(i, i + 8), 16), littleEndian));
  const zero = words.every((word) => word === 0);
  const address =
    family === 4
      ? formatIpv4(words[0] ?? 0)
      : formatIpv6(words.flatMap((word) => [word >>> 16, word & 0xffff]));
  return { address, port: parseInt(match[2] ?? '', 16), zero };
}

/** The kernel printed each address word as a host-order number; undo that to network order. */
function networkOrder(word: number, littleEndian: boolean): number {
  if (!littleEndian) return word >>> 0;
  return (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)) >>> 0;
}
