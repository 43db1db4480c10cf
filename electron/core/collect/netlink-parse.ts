/**
 * Parser of SOCK_DIAG_BY_FAMILY dump replies, straight from the receive buffer. Anything that
 * does not have the kernel's shape becomes a CollectorError; no other exception escapes.
 */
import { CollectorError } from '../model.js';
import type { Family, Protocol, RawSocket, SocketState } from '../model.js';
import { AddressCache } from './address-cache.js';
import {
  AF_INET,
  AF_INET6,
  DIAG_MSG,
  INET_DIAG_INFO,
  INET_DIAG_SKV6ONLY,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_HDRLEN,
  NLMSG_NOOP,
  NLM_F_DUMP_INTR,
  NO_COOKIE,
  RTA_HDRLEN,
  SOCK_DIAG_BY_FAMILY,
  TCPDIAG_GETSOCK,
  TCP_INFO,
  align4,
} from './netlink-protocol.js';
import { errnoName } from './errno-name.js';
import { ownerUid, stateFromCode } from './socket-state.js';

/** Where a dump stands after one received chunk. */
export interface DumpProgress {
  /** NLMSG_DONE seen: the dump is complete. */
  done: boolean;
  /** The kernel flagged the dump as possibly inconsistent (NLM_F_DUMP_INTR). */
  interrupted: boolean;
}

const TWO_32 = 4294967296;

/**
 * One socket as a reply describes it, in a record the parser reuses for every socket: a sink
 * copies what it keeps. The cookie stays two words until a sink wants its text.
 */
export interface DecodedSocket {
  protocol: Protocol;
  family: Family;
  state: SocketState;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  inode: number;
  uid: number | null;
  /** Both NO_COOKIE: the kernel gave none (see cookieText). */
  cookieLow: number;
  cookieHigh: number;
  bytesSent: number | null;
  bytesReceived: number | null;
  v6Only: boolean | null;
  /**
   * `ss`'s Recv-Q and Send-Q: for a listener its accept queue and the queue's limit (a full
   * accept queue drops connections), else bytes not yet read and not yet acknowledged. Kept by
   * the one-shot listing (`list --wide`) only: not row fields.
   */
  receiveQueue?: number;
  sendQueue?: number;
}

/** Where parsed sockets go: RawSockets (the monitor's RecyclingSocketSink, rawSocketSink) or a SocketTable (one-shot lists). */
export interface SocketSink {
  add(socket: Readonly<DecodedSocket>): void;
  /** Sockets added so far. */
  readonly count: number;
  /** Forgets the sockets added after the first `count` (a refused dump's partial answer). */
  truncate(count: number): void;
}

/** Appends each socket to `out` as a RawSocket. */
export function rawSocketSink(out: RawSocket[]): SocketSink {
  return {
    get count() {
      return out.length;
    },
    truncate: (count) => {
      out.length = count;
    },
    add: (s) => {
      out.push(rawSocketOf(s));
    },
  };
}

/** A RawSocket with a decoded socket's values (the record itself is reused by the parser). */
export function rawSocketOf(s: Readonly<DecodedSocket>): RawSocket {
  return {
    protocol: s.protocol,
    family: s.family,
    localAddress: s.localAddress,
    localPort: s.localPort,
    remoteAddress: s.remoteAddress,
    remotePort: s.remotePort,
    state: s.state,
    inode: s.inode,
    uid: s.uid,
    cookie: cookieText(s.cookieLow, s.cookieHigh),
    bytesSent: s.bytesSent,
    bytesReceived: s.bytesReceived,
    v6Only: s.v6Only,
  };
}

/** Parses dump replies; keeps an address cache, so reuse one instance across collects. */
export class DiagReplyParser {
  private readonly addresses = new AddressCache();
  private view: DataView | null = null;
  private viewSource: Buffer | null = null;
  private readonly decoded: DecodedSocket = {
    protocol: 'tcp',
    family: 4,
    state: 'CLOSE',
    localAddress: '',
    localPort: 0,
    remoteAddress: null,
    remotePort: null,
    inode: 0,
    uid: null,
    cookieLow: NO_COOKIE,
    cookieHigh: NO_COOKIE,
    bytesSent: null,
    bytesReceived: null,
    v6Only: null,
    receiveQueue: 0,
    sendQueue: 0,
  };

  /**
   * Hands the sockets in `chunk[0, length)` to `out` (an array gets RawSockets). Messages of another sequence number
   * (left over from an aborted dump) are ignored. Sockets in a state the kernel has no name for
   * are skipped with a warning. Throws CollectorError on NLMSG_ERROR or a malformed message.
   */
  parse(
    chunk: Buffer,
    length: number,
    seq: number,
    protocol: Protocol,
    out: RawSocket[] | SocketSink,
    warnings: string[],
  ): DumpProgress {
    const sink = Array.isArray(out) ? rawSocketSink(out) : out;
    if (!Number.isInteger(length) || length < 0 || length > chunk.length) {
      throw malformed(`reply length ${length} outside a ${chunk.length}-byte buffer`);
    }
    const view = this.viewOf(chunk);
    const progress: DumpProgress = { done: false, interrupted: false };
    let offset = 0;
    while (offset < length) {
      if (length - offset < NLMSG_HDRLEN) throw malformed(`${length - offset} trailing bytes`);
      const messageLength = view.getUint32(offset, true);
      const type = view.getUint16(offset + 4, true);
      const flags = view.getUint16(offset + 6, true);
      if (messageLength < NLMSG_HDRLEN || messageLength > length - offset) {
        throw malformed(`message length ${messageLength} at offset ${offset} of ${length}`);
      }
      if (view.getUint32(offset + 8, true) === seq >>> 0) {
        if ((flags & NLM_F_DUMP_INTR) !== 0) progress.interrupted = true;
        const body = offset + NLMSG_HDRLEN;
        const bodyLength = messageLength - NLMSG_HDRLEN;
        if (type === SOCK_DIAG_BY_FAMILY || type === TCPDIAG_GETSOCK) {
          this.readSocket(view, body, bodyLength, protocol, sink, warnings);
        } else if (type === NLMSG_DONE) {
          // A dump that failed part-way ends with DONE carrying a negative errno.
          const status = bodyLength >= 4 ? view.getInt32(body, true) : 0;
          if (status < 0)
            throw new CollectorError('netlink', `dump ended with ${errnoName(-status)} (${-status})`);
          progress.done = true;
          return progress;
        } else if (type === NLMSG_ERROR) {
          if (bodyLength < 4) throw malformed('truncated NLMSG_ERROR');
          const status = view.getInt32(body, true);
          if (status !== 0) throw new NetlinkRefusal(-status);
        } else if (type !== NLMSG_NOOP) {
          throw malformed(`unexpected message type ${type}`);
        }
      }
      offset += Math.min(align4(messageLength), length - offset);
    }
    return progress;
  }

  private readSocket(
    view: DataView,
    at: number,
    length: number,
    protocol: Protocol,
    sink: SocketSink,
    warnings: string[],
  ): void {
    if (length < DIAG_MSG.size) throw malformed(`inet_diag_msg of ${length} bytes`);
    const familyCode = view.getUint8(at + DIAG_MSG.family);
    let family: Family;
    if (familyCode === AF_INET) family = 4;
    else if (familyCode === AF_INET6) family = 6;
    else throw malformed(`address family ${familyCode}`);
    const stateCode = view.getUint8(at + DIAG_MSG.state);
    const state = stateFromCode(protocol, stateCode);
    if (state === null) {
      warnings.push(`netlink: skipped a ${protocol} socket in unknown state ${stateCode}`);
      return;
    }
    const localAddress = this.address(view, at + DIAG_MSG.src, family);
    const localPort = view.getUint16(at + DIAG_MSG.sport, false);
    const remotePort = view.getUint16(at + DIAG_MSG.dport, false);
    const remoteUnset = remotePort === 0 && isZero(view, at + DIAG_MSG.dst, family);
    const inode = view.getUint32(at + DIAG_MSG.inode, true);
    let bytesSent: number | null = null;
    let bytesReceived: number | null = null;
    // The attributes: tcp_info, and (IPv6 listening and unconnected sockets only) IPV6_V6ONLY.
    let info = -1;
    let v6Only: boolean | null = null;
    const end = at + length;
    let attribute = at + DIAG_MSG.size;
    while (end - attribute >= RTA_HDRLEN) {
      const attributeLength = view.getUint16(attribute, true);
      if (attributeLength < RTA_HDRLEN || attributeLength > end - attribute)
        throw malformed(`attribute length ${attributeLength}`);
      const type = view.getUint16(attribute + 2, true);
      if (type === INET_DIAG_INFO && info < 0) {
        info = attribute;
        // The kernel sends IPV6_V6ONLY before tcp_info: an IPv4 socket has nothing more to find.
        if (family === 4 || v6Only !== null) break;
      } else if (type === INET_DIAG_SKV6ONLY && attributeLength > RTA_HDRLEN && v6Only === null) {
        v6Only = view.getUint8(attribute + RTA_HDRLEN) !== 0;
      }
      attribute += align4(attributeLength);
    }
    if (info >= 0) {
      // tcpi_bytes_acked, not tcpi_bytes_sent: it exists since 4.1 (bytes_sent since 4.19),
      // counts each byte once (bytes_sent counts retransmissions again) and matches what the
      // peer reports as received, so both ends of a loopback connection agree.
      const infoLength = view.getUint16(info, true) - RTA_HDRLEN;
      const payload = info + RTA_HDRLEN;
      if (infoLength >= TCP_INFO.bytesAcked + 8) bytesSent = u64(view, payload + TCP_INFO.bytesAcked);
      if (infoLength >= TCP_INFO.bytesReceived + 8)
        bytesReceived = u64(view, payload + TCP_INFO.bytesReceived);
    }
    const d = this.decoded;
    d.protocol = protocol;
    d.family = family;
    d.state = state;
    d.localAddress = localAddress;
    d.localPort = localPort;
    d.remoteAddress = remoteUnset ? null : this.address(view, at + DIAG_MSG.dst, family);
    d.remotePort = remoteUnset ? null : remotePort;
    d.inode = inode;
    d.uid = ownerUid(state, inode, view.getUint32(at + DIAG_MSG.uid, true));
    d.cookieLow = view.getUint32(at + DIAG_MSG.cookie, true);
    d.cookieHigh = view.getUint32(at + DIAG_MSG.cookie + 4, true);
    d.bytesSent = bytesSent;
    d.bytesReceived = bytesReceived;
    // Only an IPv6 socket has the option (the kernel sends the attribute for no other).
    d.v6Only = family === 6 ? v6Only : null;
    d.receiveQueue = view.getUint32(at + DIAG_MSG.rqueue, true);
    d.sendQueue = view.getUint32(at + DIAG_MSG.wqueue, true);
    sink.add(d);
  }

  private address(view: DataView, at: number, family: Family): string {
    return family === 4 ? this.addresses.ipv4(view, at) : this.addresses.ipv6(view, at);
  }

  private viewOf(chunk: Buffer): DataView {
    if (this.viewSource !== chunk || this.view === null) {
      this.view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.viewSource = chunk;
    }
    return this.view;
  }
}

function isZero(view: DataView, at: number, family: Family): boolean {
  if (family === 4) return view.getUint32(at, true) === 0;
  return (
    view.getUint32(at, true) === 0 &&
    view.getUint32(at + 4, true) === 0 &&
    view.getUint32(at + 8, true) === 0 &&
    view.getUint32(at + 12, true) === 0
  );
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at + 4, true) * TWO_32 + view.getUint32(at, true);
}

/**
 * Decimal text of the 64-bit cookie (ss prints it in hex, `sk:`) from its low and high words;
 * null when the kernel gave none.
 */
export function cookieText(low: number, high: number): string | null {
  if (low === NO_COOKIE && high === NO_COOKIE) return null;
  if (high < 0x200000) return String(high * TWO_32 + low); // below 2^53: exact as a number
  return ((BigInt(high) << 32n) | BigInt(low)).toString();
}

function malformed(what: string): CollectorError {
  return new CollectorError('netlink', `malformed reply: ${what}`);
}

/** The kernel rejected a request with NLMSG_ERROR (unknown request type, no permission...). */
export class NetlinkRefusal extends CollectorError {
  constructor(readonly errno: number) {
    super('netlink', `kernel refused the dump: ${errnoName(errno)} (${errno})`);
  }
}
