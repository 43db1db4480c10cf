/**
 * The netlink SOCK_DESTROY request (linux/sock_diag.h): an inet_diag_req_v2 naming one socket
 * by its 4-tuple and cookie, sent with NLM_F_ACK so the kernel answers with an NLMSG_ERROR
 * whose code is 0 (closed) or -errno. The kernel looks the socket up by the exact tuple and
 * refuses a cookie that does not match, so a reused tuple is never hit. Needs CAP_NET_ADMIN and
 * a kernel built with CONFIG_INET_DIAG_DESTROY.
 */
import { parseIpv4, parseIpv6 } from '../../contract/target-address.js';
import { AF_INET, AF_INET6, IPPROTO_TCP, NLMSG_HDRLEN, NO_COOKIE } from '../collect/netlink-protocol.js';

export const SOCK_DESTROY = 21;
const NLM_F_REQUEST = 0x1;
const NLM_F_ACK = 0x4;
const INET_DIAG_REQ_V2_SIZE = 56;
/** Offsets in inet_diag_req_v2: family, protocol, ext, pad, states u32, then the sockid. */
const SOCKID = 8;

/** One TCP connection, as the kernel keys it. */
export interface ConnectionKey {
  family: 4 | 6;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** The socket's cookie (a row id `tcp#<cookie>`), or null to match by the tuple alone. */
  cookie: bigint | null;
}

/** 16 bytes of an address in network order (IPv4 in the first 4); null for text of another family. */
export function addressBytes(text: string, family: 4 | 6): Buffer | null {
  const bytes = Buffer.alloc(16);
  if (family === 4) {
    const value = parseIpv4(text);
    if (value === null) return null;
    bytes.writeUInt32BE(value, 0);
    return bytes;
  }
  const groups = parseIpv6(text);
  if (groups === null) return null;
  groups.forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
  return bytes;
}

/** The cookie of a row id `tcp#<decimal>`, or null when the id is not a cookie. */
export function cookieOfRowId(id: string): bigint | null {
  const match = /^tcp#(\d{1,20})$/.exec(id);
  return match ? BigInt(match[1] as string) : null;
}

/** The request; throws on an address that is not of `key.family`. */
export function buildDestroyRequest(key: ConnectionKey, seq: number): Buffer {
  const local = addressBytes(key.localAddress, key.family);
  const remote = addressBytes(key.remoteAddress, key.family);
  if (!local || !remote) throw new Error(`not an IPv${key.family} connection: ${key.localAddress} → ${key.remoteAddress}`);
  const request = Buffer.alloc(NLMSG_HDRLEN + INET_DIAG_REQ_V2_SIZE);
  request.writeUInt32LE(request.length, 0);
  request.writeUInt16LE(SOCK_DESTROY, 4);
  request.writeUInt16LE(NLM_F_REQUEST | NLM_F_ACK, 6);
  request.writeUInt32LE(seq >>> 0, 8);
  const body = NLMSG_HDRLEN;
  request.writeUInt8(key.family === 4 ? AF_INET : AF_INET6, body);
  request.writeUInt8(IPPROTO_TCP, body + 1);
  request.writeUInt32LE(0xffffffff, body + 4); // any state
  const id = body + SOCKID;
  request.writeUInt16BE(key.localPort, id);
  request.writeUInt16BE(key.remotePort, id + 2);
  local.copy(request, id + 4);
  remote.copy(request, id + 20);
  // id + 36: interface 0 (any)
  const cookie = key.cookie;
  request.writeUInt32LE(cookie === null ? NO_COOKIE : Number(cookie & 0xffffffffn), id + 40);
  request.writeUInt32LE(cookie === null ? NO_COOKIE : Number(cookie >> 32n), id + 44);
  return request;
}

/** The kernel's answer: 0, or a positive errno; null when `reply` is not an NLMSG_ERROR. */
export function ackErrno(reply: Buffer, length: number): number | null {
  if (length < NLMSG_HDRLEN + 4 || reply.readUInt16LE(4) !== 2 /* NLMSG_ERROR */) return null;
  return -reply.readInt32LE(NLMSG_HDRLEN);
}
