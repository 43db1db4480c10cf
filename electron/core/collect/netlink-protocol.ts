/**
 * NETLINK_SOCK_DIAG wire layout: constants and offsets from linux/netlink.h, sock_diag.h,
 * inet_diag.h and tcp.h (checked with offsetof against the installed headers), and the builder
 * of the dump request.
 */

export const AF_NETLINK = 16;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const NETLINK_SOCK_DIAG = 4;

export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const SOCK_DIAG_BY_FAMILY = 20;
/**
 * The older inet_diag request type. Its dump ignores the family and walks the TCP tables once
 * for IPv4 and IPv6 together (the kernel sets AF_UNSPEC "for compatibility"), where
 * SOCK_DIAG_BY_FAMILY needs two walks: at 20,000 sockets that saves about a third of the
 * kernel's time. Replies carry the request's type.
 */
export const TCPDIAG_GETSOCK = 18;

const NLM_F_REQUEST = 0x1;
const NLM_F_DUMP = 0x300; // NLM_F_ROOT | NLM_F_MATCH
/** Set on a dump's messages when the kernel's tables changed under it. */
export const NLM_F_DUMP_INTR = 0x10;

/** struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32. */
export const NLMSG_HDRLEN = 16;
/** struct inet_diag_req_v2. */
const INET_DIAG_REQ_V2_SIZE = 56;
/** struct inet_diag_req (the compat request): family, lengths, ext, sockid, states, dbs. */
const INET_DIAG_REQ_SIZE = 60;
/** Offsets inside struct inet_diag_msg (72 bytes); sockid starts at 4. */
export const DIAG_MSG = {
  size: 72,
  family: 0,
  state: 1,
  sport: 4, // __be16
  dport: 6, // __be16
  src: 8, // __be32[4]
  dst: 24, // __be32[4]
  cookie: 44, // __u32[2], low word first
  rqueue: 56, // a listener's accept queue now; else unread bytes
  wqueue: 60, // a listener's backlog limit; else unsent bytes
  uid: 64,
  inode: 68,
} as const;

/** struct rtattr: len u16, type u16; payloads are 4-byte aligned. */
export const RTA_HDRLEN = 4;
export const INET_DIAG_INFO = 2;
/**
 * A u8, 1 when IPV6_V6ONLY is set. The kernel (inet_diag_msg_attrs_fill) sends it for IPv6
 * sockets in state LISTEN or CLOSE (TCP_CLOSE is also an unconnected UDP socket) only, unasked.
 */
export const INET_DIAG_SKV6ONLY = 11;
/** The cookie value that means "none" (INET_DIAG_NOCOOKIE in both words). */
export const NO_COOKIE = 0xffffffff;

/**
 * struct tcp_info offsets. tcpi_bytes_acked / tcpi_bytes_received exist since Linux 4.1 (the
 * attribute is shorter on older kernels); tcpi_bytes_sent (4.19) is not used, see netlink-parse.
 */
export const TCP_INFO = { bytesAcked: 120, bytesReceived: 128 } as const;

/** Every state bit: the kernel ignores bits it does not know. */
const ALL_STATES = 0xffffffff;

/** Length of a message once padded to the 4-byte netlink alignment. */
export function align4(length: number): number {
  return (length + 3) & ~3;
}

function dumpHeader(type: number, bodySize: number, seq: number): Buffer {
  const request = Buffer.alloc(NLMSG_HDRLEN + bodySize);
  request.writeUInt32LE(request.length, 0);
  request.writeUInt16LE(type, 4);
  request.writeUInt16LE(NLM_F_REQUEST | NLM_F_DUMP, 6);
  request.writeUInt32LE(seq >>> 0, 8);
  return request;
}

/** A TCPDIAG_GETSOCK dump request: every TCP socket of both families, with tcp_info. */
export function buildTcpDumpRequest(seq: number): Buffer {
  const request = dumpHeader(TCPDIAG_GETSOCK, INET_DIAG_REQ_SIZE, seq);
  request.writeUInt8(AF_INET, NLMSG_HDRLEN); // ignored by the dump, which takes both families
  request.writeUInt8(1 << (INET_DIAG_INFO - 1), NLMSG_HDRLEN + 3); // idiag_ext bit mask
  request.writeUInt32LE(ALL_STATES, NLMSG_HDRLEN + 52); // after the 48-byte sockid
  return request;
}

/** A SOCK_DIAG_BY_FAMILY dump request for one family and protocol, asking for tcp_info. */
export function buildDumpRequest(seq: number, family: number, protocol: number): Buffer {
  const request = dumpHeader(SOCK_DIAG_BY_FAMILY, INET_DIAG_REQ_V2_SIZE, seq);
  request.writeUInt8(family, NLMSG_HDRLEN);
  request.writeUInt8(protocol, NLMSG_HDRLEN + 1);
  request.writeUInt8(1 << (INET_DIAG_INFO - 1), NLMSG_HDRLEN + 2); // idiag_ext bit mask
  request.writeUInt32LE(ALL_STATES, NLMSG_HDRLEN + 4);
  return request;
}
