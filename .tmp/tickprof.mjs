// electron/core/model.ts
var CollectorError = class extends Error {
  constructor(source, message, options) {
    super(`${source}: ${message}`, options);
    this.source = source;
    this.name = "CollectorError";
  }
  source;
};
var ParseError = class extends Error {
  constructor(what, message, line = null) {
    super(`${what}${line === null ? "" : ` line ${line}`}: ${message}`);
    this.what = what;
    this.line = line;
    this.name = "ParseError";
  }
  what;
  line;
};

// electron/core/collect/address.ts
function formatIpv4(value) {
  return `${value >>> 24 & 255}.${value >>> 16 & 255}.${value >>> 8 & 255}.${value & 255}`;
}
function formatIpv6(groups) {
  const g = (i) => (groups[i] ?? 0) & 65535;
  if (g(0) === 0 && g(1) === 0 && g(2) === 0 && g(3) === 0 && g(4) === 0 && g(5) === 65535) {
    return `::ffff:${formatIpv4((g(6) << 16 | g(7)) >>> 0)}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (g(i) !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && g(end) === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  if (bestStart < 0) return hexGroups(g, 0, 8);
  return `${hexGroups(g, 0, bestStart)}::${hexGroups(g, bestStart + bestLength, 8)}`;
}
function hexGroups(g, from, to) {
  let text = "";
  for (let i = from; i < to; i++) text += (i === from ? "" : ":") + g(i).toString(16);
  return text;
}
function parseIpv4(text) {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}
function parseIpv6(text) {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array(missing).fill(0), ...tail];
}
function parseGroups(text) {
  if (text === "") return [];
  const parts = text.split(":");
  const groups = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(v4 >>> 16, v4 & 65535);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups.length <= 8 ? groups : null;
}
function canonicalAddress(text, family) {
  if (family === 4) {
    const value = parseIpv4(text);
    return value === null ? null : formatIpv4(value);
  }
  const groups = parseIpv6(text);
  return groups === null ? null : formatIpv6(groups);
}
function scopeOf(address) {
  if (address === "0.0.0.0" || address === "::") return "all";
  if (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.")) {
    return "loopback";
  }
  if (address.includes(":")) {
    const canonical = canonicalAddress(address, 6);
    if (canonical !== null && canonical !== address) return scopeOf(canonical);
  }
  return "address";
}

// electron/core/collect/address-cache.ts
var MAX_ENTRIES = 65536;
var AddressCache = class {
  v4 = /* @__PURE__ */ new Map();
  v6 = /* @__PURE__ */ new Map();
  groups = new Uint16Array(8);
  /** Text of the 4-byte IPv4 address at `offset`. */
  ipv4(view, offset) {
    const value = view.getUint32(offset, false);
    let text = this.v4.get(value);
    if (text === void 0) {
      if (this.v4.size >= MAX_ENTRIES) this.v4.clear();
      text = formatIpv4(value);
      this.v4.set(value, text);
    }
    return text;
  }
  /** Text of the 16-byte IPv6 address at `offset`. */
  ipv6(view, offset) {
    const a = view.getUint32(offset, false);
    const b = view.getUint32(offset + 4, false);
    const c = view.getUint32(offset + 8, false);
    const d = view.getUint32(offset + 12, false);
    const key = Math.imul(a ^ b >>> 7, 2654435761) ^ Math.imul(c ^ d << 5, 2246822507) ^ d | 0;
    const hit = this.v6.get(key);
    if (hit !== void 0 && hit.a === a && hit.b === b && hit.c === c && hit.d === d) return hit.text;
    const g = this.groups;
    g[0] = a >>> 16;
    g[1] = a;
    g[2] = b >>> 16;
    g[3] = b;
    g[4] = c >>> 16;
    g[5] = c;
    g[6] = d >>> 16;
    g[7] = d;
    const text = formatIpv6(g);
    if (this.v6.size >= MAX_ENTRIES) this.v6.clear();
    this.v6.set(key, { a, b, c, d, text });
    return text;
  }
};

// electron/core/collect/netlink-protocol.ts
var AF_NETLINK = 16;
var AF_INET = 2;
var AF_INET6 = 10;
var IPPROTO_TCP = 6;
var IPPROTO_UDP = 17;
var NETLINK_SOCK_DIAG = 4;
var NLMSG_NOOP = 1;
var NLMSG_ERROR = 2;
var NLMSG_DONE = 3;
var SOCK_DIAG_BY_FAMILY = 20;
var TCPDIAG_GETSOCK = 18;
var NLM_F_REQUEST = 1;
var NLM_F_DUMP = 768;
var NLM_F_DUMP_INTR = 16;
var NLMSG_HDRLEN = 16;
var INET_DIAG_REQ_V2_SIZE = 56;
var INET_DIAG_REQ_SIZE = 60;
var DIAG_MSG = {
  size: 72,
  family: 0,
  state: 1,
  sport: 4,
  // __be16
  dport: 6,
  // __be16
  src: 8,
  // __be32[4]
  dst: 24,
  // __be32[4]
  cookie: 44,
  // __u32[2], low word first
  uid: 64,
  inode: 68
};
var RTA_HDRLEN = 4;
var INET_DIAG_INFO = 2;
var NO_COOKIE = 4294967295;
var TCP_INFO = { bytesAcked: 120, bytesReceived: 128 };
var ALL_STATES = 4294967295;
function align4(length) {
  return length + 3 & ~3;
}
function dumpHeader(type, bodySize, seq) {
  const request = Buffer.alloc(NLMSG_HDRLEN + bodySize);
  request.writeUInt32LE(request.length, 0);
  request.writeUInt16LE(type, 4);
  request.writeUInt16LE(NLM_F_REQUEST | NLM_F_DUMP, 6);
  request.writeUInt32LE(seq >>> 0, 8);
  return request;
}
function buildTcpDumpRequest(seq) {
  const request = dumpHeader(TCPDIAG_GETSOCK, INET_DIAG_REQ_SIZE, seq);
  request.writeUInt8(AF_INET, NLMSG_HDRLEN);
  request.writeUInt8(1 << INET_DIAG_INFO - 1, NLMSG_HDRLEN + 3);
  request.writeUInt32LE(ALL_STATES, NLMSG_HDRLEN + 52);
  return request;
}
function buildDumpRequest(seq, family, protocol) {
  const request = dumpHeader(SOCK_DIAG_BY_FAMILY, INET_DIAG_REQ_V2_SIZE, seq);
  request.writeUInt8(family, NLMSG_HDRLEN);
  request.writeUInt8(protocol, NLMSG_HDRLEN + 1);
  request.writeUInt8(1 << INET_DIAG_INFO - 1, NLMSG_HDRLEN + 2);
  request.writeUInt32LE(ALL_STATES, NLMSG_HDRLEN + 4);
  return request;
}

// electron/core/collect/errno-name.ts
import { constants } from "node:os";
var names = /* @__PURE__ */ new Map();
for (const [name, value] of Object.entries(constants.errno)) {
  if (!names.has(value)) names.set(value, name);
}
function errnoName(errno) {
  return names.get(errno) ?? `errno ${errno}`;
}

// electron/core/collect/socket-state.ts
var TCP_STATES = [
  void 0,
  "ESTABLISHED",
  "SYN_SENT",
  "SYN_RECV",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "TIME_WAIT",
  "CLOSE",
  "CLOSE_WAIT",
  "LAST_ACK",
  "LISTEN",
  "CLOSING",
  "NEW_SYN_RECV"
];
var CLOSE_CODE = 7;
function stateFromCode(protocol, code) {
  if (protocol === "udp" && code === CLOSE_CODE) return "UNCONN";
  return TCP_STATES[code] ?? null;
}
var SS_STATES = {
  ESTAB: "ESTABLISHED",
  "SYN-SENT": "SYN_SENT",
  "SYN-RECV": "SYN_RECV",
  "FIN-WAIT-1": "FIN_WAIT1",
  "FIN-WAIT-2": "FIN_WAIT2",
  "TIME-WAIT": "TIME_WAIT",
  "CLOSE-WAIT": "CLOSE_WAIT",
  "LAST-ACK": "LAST_ACK",
  LISTEN: "LISTEN",
  CLOSING: "CLOSING"
};
function stateFromSsName(protocol, name) {
  if (name === "UNCONN") return protocol === "udp" ? "UNCONN" : "CLOSE";
  return Object.hasOwn(SS_STATES, name) ? SS_STATES[name] ?? null : null;
}
function ownerUid(state, inode, uid) {
  if (state === "TIME_WAIT" || state === "SYN_RECV" && inode === 0) return null;
  return uid;
}

// electron/core/collect/netlink-parse.ts
var TWO_32 = 4294967296;
var DiagReplyParser = class {
  addresses = new AddressCache();
  view = null;
  viewSource = null;
  /**
   * Appends the sockets in `chunk[0, length)` to `out`. Messages of another sequence number
   * (left over from an aborted dump) are ignored. Sockets in a state the kernel has no name for
   * are skipped with a warning. Throws CollectorError on NLMSG_ERROR or a malformed message.
   */
  parse(chunk, length, seq, protocol, out, warnings) {
    if (!Number.isInteger(length) || length < 0 || length > chunk.length) {
      throw malformed(`reply length ${length} outside a ${chunk.length}-byte buffer`);
    }
    const view = this.viewOf(chunk);
    const progress = { done: false, interrupted: false };
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
          this.readSocket(view, body, bodyLength, protocol, out, warnings);
        } else if (type === NLMSG_DONE) {
          const status = bodyLength >= 4 ? view.getInt32(body, true) : 0;
          if (status < 0)
            throw new CollectorError("netlink", `dump ended with ${errnoName(-status)} (${-status})`);
          progress.done = true;
          return progress;
        } else if (type === NLMSG_ERROR) {
          if (bodyLength < 4) throw malformed("truncated NLMSG_ERROR");
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
  readSocket(view, at, length, protocol, out, warnings) {
    if (length < DIAG_MSG.size) throw malformed(`inet_diag_msg of ${length} bytes`);
    const familyCode = view.getUint8(at + DIAG_MSG.family);
    let family;
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
    let bytesSent = null;
    let bytesReceived = null;
    const info = findAttribute(view, at + DIAG_MSG.size, at + length, INET_DIAG_INFO);
    if (info >= 0) {
      const infoLength = view.getUint16(info, true) - RTA_HDRLEN;
      const payload = info + RTA_HDRLEN;
      if (infoLength >= TCP_INFO.bytesAcked + 8) bytesSent = u64(view, payload + TCP_INFO.bytesAcked);
      if (infoLength >= TCP_INFO.bytesReceived + 8)
        bytesReceived = u64(view, payload + TCP_INFO.bytesReceived);
    }
    out.push({
      protocol,
      family,
      localAddress,
      localPort,
      remoteAddress: remoteUnset ? null : this.address(view, at + DIAG_MSG.dst, family),
      remotePort: remoteUnset ? null : remotePort,
      state,
      inode,
      uid: ownerUid(state, inode, view.getUint32(at + DIAG_MSG.uid, true)),
      cookie: cookieText(
        view.getUint32(at + DIAG_MSG.cookie, true),
        view.getUint32(at + DIAG_MSG.cookie + 4, true)
      ),
      bytesSent,
      bytesReceived
    });
  }
  address(view, at, family) {
    return family === 4 ? this.addresses.ipv4(view, at) : this.addresses.ipv6(view, at);
  }
  viewOf(chunk) {
    if (this.viewSource !== chunk || this.view === null) {
      this.view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.viewSource = chunk;
    }
    return this.view;
  }
};
function findAttribute(view, from, end, type) {
  let at = from;
  while (end - at >= RTA_HDRLEN) {
    const length = view.getUint16(at, true);
    if (length < RTA_HDRLEN || length > end - at) throw malformed(`attribute length ${length}`);
    if (view.getUint16(at + 2, true) === type) return at;
    at += align4(length);
  }
  return -1;
}
function isZero(view, at, family) {
  if (family === 4) return view.getUint32(at, true) === 0;
  return view.getUint32(at, true) === 0 && view.getUint32(at + 4, true) === 0 && view.getUint32(at + 8, true) === 0 && view.getUint32(at + 12, true) === 0;
}
function u64(view, at) {
  return view.getUint32(at + 4, true) * TWO_32 + view.getUint32(at, true);
}
function cookieText(low, high) {
  if (low === NO_COOKIE && high === NO_COOKIE) return null;
  if (high < 2097152) return String(high * TWO_32 + low);
  return (BigInt(high) << 32n | BigInt(low)).toString();
}
function malformed(what) {
  return new CollectorError("netlink", `malformed reply: ${what}`);
}
var NetlinkRefusal = class extends CollectorError {
  constructor(errno) {
    super("netlink", `kernel refused the dump: ${errnoName(errno)} (${errno})`);
    this.errno = errno;
  }
  errno;
};

// electron/core/collect/netlink-socket.ts
import koffi from "koffi";
var SOCK_RAW = 3;
var SOCK_CLOEXEC = 524288;
var SOL_SOCKET = 1;
var SO_RCVTIMEO = 20;
var EINTR = 4;
var EAGAIN = 11;
var RECEIVE_TIMEOUT_SECONDS = 5;
var libc = null;
function loadLibc() {
  if (libc !== null) return libc;
  let library;
  try {
    library = koffi.load("libc.so.6");
  } catch {
    try {
      library = koffi.load(null);
    } catch (error) {
      throw new CollectorError("netlink", `cannot load libc: ${String(error)}`, { cause: error });
    }
  }
  try {
    libc = {
      socket: library.func("int socket(int, int, int)"),
      setsockopt: library.func("int setsockopt(int, int, int, const void *, uint32_t)"),
      sendto: library.func("intptr_t sendto(int, const void *, size_t, int, const void *, uint32_t)"),
      recv: library.func("intptr_t recv(int, void *, size_t, int)"),
      close: library.func("int close(int)")
    };
  } catch (error) {
    throw new CollectorError("netlink", `cannot bind libc functions: ${String(error)}`, { cause: error });
  }
  return libc;
}
function syscallError(call) {
  const errno = koffi.errno();
  return new CollectorError("netlink", `${call} failed: ${errnoName(errno)} (${errno})`);
}
var NetlinkSocket = class _NetlinkSocket {
  constructor(libc2, fd) {
    this.libc = libc2;
    this.fd = fd;
  }
  libc;
  fd;
  /** sockaddr_nl of the kernel: family AF_NETLINK, pid 0, no groups. */
  static kernel = (() => {
    const address = Buffer.alloc(12);
    address.writeUInt16LE(AF_NETLINK, 0);
    return address;
  })();
  /** Opens the socket; throws CollectorError (e.g. EPROTONOSUPPORT without sock_diag). */
  static open() {
    const c = loadLibc();
    const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) throw syscallError("socket(AF_NETLINK, NETLINK_SOCK_DIAG)");
    const long = koffi.sizeof("long");
    const timeout = Buffer.alloc(2 * long);
    if (long === 8) timeout.writeBigInt64LE(BigInt(RECEIVE_TIMEOUT_SECONDS), 0);
    else timeout.writeInt32LE(RECEIVE_TIMEOUT_SECONDS, 0);
    if (c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length) !== 0) {
      const error = syscallError("setsockopt(SO_RCVTIMEO)");
      c.close(fd);
      throw error;
    }
    return new _NetlinkSocket(c, fd);
  }
  /** Sends one request message to the kernel. */
  send(request) {
    this.assertOpen();
    for (; ; ) {
      const sent = this.libc.sendto(
        this.fd,
        request,
        request.length,
        0,
        _NetlinkSocket.kernel,
        _NetlinkSocket.kernel.length
      );
      if (sent === request.length) return;
      if (sent < 0 && koffi.errno() === EINTR) continue;
      if (sent < 0) throw syscallError("sendto");
      throw new CollectorError("netlink", `sendto sent ${sent} of ${request.length} bytes`);
    }
  }
  /** Receives one datagram into `into`; returns its length. */
  receive(into) {
    this.assertOpen();
    for (; ; ) {
      const length = this.libc.recv(this.fd, into, into.length, 0);
      if (length >= 0) return length;
      const errno = koffi.errno();
      if (errno === EINTR) continue;
      if (errno === EAGAIN) {
        throw new CollectorError("netlink", `no reply from the kernel within ${RECEIVE_TIMEOUT_SECONDS} s`);
      }
      throw syscallError("recv");
    }
  }
  /** Closes the socket; safe to call twice. */
  close() {
    if (this.fd < 0) return;
    this.libc.close(this.fd);
    this.fd = -1;
  }
  assertOpen() {
    if (this.fd < 0) throw new CollectorError("netlink", "socket is closed");
  }
};

// electron/core/collect/netlink-collector.ts
var RECEIVE_BUFFER_BYTES = 1 << 20;
var NetlinkCollector = class {
  source = "netlink";
  socket = null;
  seq = 0;
  combinedTcpDump;
  buffer = Buffer.allocUnsafe(RECEIVE_BUFFER_BYTES);
  parser = new DiagReplyParser();
  warnings = [];
  constructor(options = {}) {
    this.combinedTcpDump = options.combinedTcpDump ?? true;
  }
  get lastWarnings() {
    return this.warnings;
  }
  /** Dumps all sockets; throws CollectorError when the kernel or libc refuses. */
  collect() {
    const sockets = [];
    const warnings = [];
    try {
      const socket = this.socket ??= NetlinkSocket.open();
      this.dumpTcp(socket, sockets, warnings);
      this.dump(socket, buildDumpRequest, AF_INET, "udp", IPPROTO_UDP, sockets, warnings);
      this.dump(socket, buildDumpRequest, AF_INET6, "udp", IPPROTO_UDP, sockets, warnings);
    } catch (error) {
      this.close();
      if (error instanceof CollectorError) throw error;
      throw new CollectorError("netlink", `dump failed: ${String(error)}`, { cause: error });
    }
    this.warnings = warnings;
    return sockets;
  }
  /** Closes the netlink socket; the next collect opens a new one. Safe to call twice. */
  close() {
    this.socket?.close();
    this.socket = null;
  }
  dumpTcp(socket, out, warnings) {
    if (this.combinedTcpDump) {
      const before = out.length;
      try {
        this.dump(socket, (seq) => buildTcpDumpRequest(seq), AF_INET, "tcp", IPPROTO_TCP, out, warnings);
        return;
      } catch (error) {
        if (!(error instanceof NetlinkRefusal)) throw error;
        out.length = before;
        this.combinedTcpDump = false;
        warnings.push(
          `netlink: combined TCP dump refused (${error.message}); dumping IPv4 and IPv6 separately`
        );
      }
    }
    this.dump(socket, buildDumpRequest, AF_INET, "tcp", IPPROTO_TCP, out, warnings);
    this.dump(socket, buildDumpRequest, AF_INET6, "tcp", IPPROTO_TCP, out, warnings);
  }
  dump(socket, build, family, protocol, ipProtocol, out, warnings) {
    this.seq = this.seq + 1 >>> 0;
    socket.send(build(this.seq, family, ipProtocol));
    let interrupted = false;
    for (; ; ) {
      const length = socket.receive(this.buffer);
      if (length === 0) throw new CollectorError("netlink", "empty reply before the end of the dump");
      const progress = this.parser.parse(this.buffer, length, this.seq, protocol, out, warnings);
      interrupted ||= progress.interrupted;
      if (progress.done) break;
    }
    if (interrupted) {
      warnings.push(
        `netlink: a ${protocol} dump was interrupted by changes; some sockets may be missing or repeated`
      );
    }
  }
};

// electron/core/collect/proc-net-collector.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";

// electron/core/collect/proc-net-parse.ts
import { endianness } from "node:os";

// electron/core/collect/line-parser.ts
var LineProblem = class extends Error {
  name = "LineProblem";
};
var EXCERPT = 160;
function parseLines(text, what, isHeader, parseLine) {
  const sockets = [];
  const warnings = [];
  let first = null;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || isHeader(line, i + 1)) continue;
    try {
      sockets.push(parseLine(line));
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      first ??= { line: i + 1, message: error.message };
      const excerpt = line.length > EXCERPT ? `${line.slice(0, EXCERPT)}\u2026` : line;
      warnings.push(`${what} line ${i + 1}: ${error.message}: ${excerpt.trim()}`);
    }
  }
  if (first !== null && sockets.length === 0) {
    throw new ParseError(
      what,
      `no line could be read (${warnings.length} tried): ${first.message}`,
      first.line
    );
  }
  return { sockets, warnings };
}
function decimal(text, field) {
  if (!/^\d{1,20}$/.test(text))
    throw new LineProblem(`${field} is not a decimal count: ${JSON.stringify(text)}`);
  return Number(text);
}

// electron/core/collect/proc-net-parse.ts
function parseProcNet(text, protocol, family, options = {}) {
  const littleEndian = options.littleEndian ?? endianness() === "LE";
  const what = `/proc/net/${protocol}${family === 6 ? "6" : ""}`;
  return parseLines(
    text,
    what,
    (line, lineNumber) => lineNumber === 1 && line.trimStart().startsWith("sl"),
    (line) => parseProcNetLine(line, protocol, family, littleEndian)
  );
}
function parseProcNetLine(line, protocol, family, littleEndian) {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 10) throw new LineProblem(`${fields.length} fields, expected at least 10`);
  const [
    slot = "",
    localField = "",
    remoteField = "",
    stateField = "",
    ,
    ,
    ,
    uidField = "",
    ,
    inodeField = ""
  ] = fields;
  if (!/^\d+:$/.test(slot)) throw new LineProblem(`slot ${JSON.stringify(slot)} is not "<n>:"`);
  if (!/^[0-9A-Fa-f]{2}$/.test(stateField))
    throw new LineProblem(`state ${JSON.stringify(stateField)} is not hex`);
  const stateCode = parseInt(stateField, 16);
  const state = stateFromCode(protocol, stateCode);
  if (state === null) throw new LineProblem(`unknown state ${stateCode}`);
  const local = parseEndpoint(localField, family, littleEndian, "local");
  const remote = parseEndpoint(remoteField, family, littleEndian, "remote");
  const inode = decimal(inodeField, "inode");
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
    uid: ownerUid(state, inode, decimal(uidField, "uid")),
    cookie: null,
    bytesSent: null,
    bytesReceived: null
  };
}
function parseEndpoint(field, family, littleEndian, side) {
  const digits = family === 4 ? 8 : 32;
  const match = new RegExp(`^([0-9A-Fa-f]{${digits}}):([0-9A-Fa-f]{4})$`).exec(field);
  if (match === null)
    throw new LineProblem(`${side} address ${JSON.stringify(field)} is not ${digits} hex digits and a port`);
  const hex = match[1] ?? "";
  const words = [];
  for (let i = 0; i < digits; i += 8)
    words.push(networkOrder(parseInt(hex.slice(i, i + 8), 16), littleEndian));
  const zero = words.every((word) => word === 0);
  const address = family === 4 ? formatIpv4(words[0] ?? 0) : formatIpv6(words.flatMap((word) => [word >>> 16, word & 65535]));
  return { address, port: parseInt(match[2] ?? "", 16), zero };
}
function networkOrder(word, littleEndian) {
  if (!littleEndian) return word >>> 0;
  return ((word & 255) << 24 | (word & 65280) << 8 | word >>> 8 & 65280 | word >>> 24) >>> 0;
}

// electron/core/collect/proc-net-collector.ts
var FILES = [
  { name: "tcp", protocol: "tcp", family: 4 },
  { name: "tcp6", protocol: "tcp", family: 6 },
  { name: "udp", protocol: "udp", family: 4 },
  { name: "udp6", protocol: "udp", family: 6 }
];
var ProcNetCollector = class {
  source = "proc";
  directory;
  warnings = [];
  constructor(options = {}) {
    this.directory = options.directory ?? "/proc/net";
  }
  get lastWarnings() {
    return this.warnings;
  }
  collect() {
    const sockets = [];
    const warnings = [];
    for (const file of FILES) {
      const path = join(this.directory, file.name);
      let text;
      try {
        text = readFileSync(path, "utf8");
      } catch (error) {
        if (file.family === 6 && error.code === "ENOENT") continue;
        throw new CollectorError("proc", `cannot read ${path}: ${String(error)}`, { cause: error });
      }
      try {
        const result = parseProcNet(text, file.protocol, file.family);
        for (const socket of result.sockets) sockets.push(socket);
        warnings.push(...result.warnings);
      } catch (error) {
        if (error instanceof ParseError) throw new CollectorError("proc", error.message, { cause: error });
        throw error;
      }
    }
    this.warnings = warnings;
    return sockets;
  }
  /** Nothing to release: each collect reads the files afresh. */
  close() {
  }
};

// electron/core/collect/ss-collector.ts
import { spawnSync } from "node:child_process";

// electron/core/collect/ss-endpoint.ts
function parseSsEndpoint(column, side) {
  const colon = column.lastIndexOf(":");
  if (colon < 0) throw new LineProblem(`${side} address has no port: ${column}`);
  const portText = column.slice(colon + 1);
  let port = 0;
  if (portText !== "*") {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
      throw new LineProblem(`${side} port is not a number: ${column}`);
    }
    port = Number(portText);
  }
  const host = withoutInterface(column.slice(0, colon), side);
  if (host === "*") return { address: null, family: null, port };
  if (host.startsWith("[") && host.endsWith("]")) {
    const address2 = canonicalAddress(host.slice(1, -1), 6);
    if (address2 === null) throw new LineProblem(`${side} address is not IPv6: ${column}`);
    return { address: address2, family: 6, port };
  }
  const address = canonicalAddress(host, 4);
  if (address === null) throw new LineProblem(`${side} address is not IPv4: ${column}`);
  return { address, family: 4, port };
}
function withoutInterface(host, side) {
  const close = host.startsWith("[") ? host.indexOf("]") : -1;
  const percent = host.indexOf("%", close + 1);
  if (percent < 0) return host;
  if (percent === host.length - 1) throw new LineProblem(`${side} address has an empty interface: ${host}`);
  return host.slice(0, percent);
}

// electron/core/collect/ss-parse.ts
var SS_ARGS = ["-tuanieHO"];
var WHAT = "ss -tuanieHO";
var TCP_INFO_KEYS = [
  "cwnd",
  "rto",
  "mss",
  "advmss",
  "pmtu",
  "rcvmss",
  "rcv_space",
  "rcv_ssthresh",
  "minrtt",
  "snd_wnd",
  "bytes_sent",
  "segs_out",
  "segs_in",
  "lastsnd",
  "lastrcv",
  "lastack",
  "delivered"
];
function parseSsOutput(text) {
  return parseLines(text, WHAT, () => false, parseSsLine);
}
var COLUMNS = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(.*)$/;
function parseSsLine(line) {
  const columns = COLUMNS.exec(line);
  if (columns === null) throw new LineProblem("fewer than six columns");
  const [, netid = "", stateName = "", recvQ = "", sendQ = "", localColumn = "", peerColumn = "", rest = ""] = columns;
  if (netid !== "tcp" && netid !== "udp") throw new LineProblem(`unexpected netid ${JSON.stringify(netid)}`);
  const protocol = netid;
  const state = stateFromSsName(protocol, stateName);
  if (state === null) throw new LineProblem(`unknown state ${JSON.stringify(stateName)}`);
  decimal(recvQ, "Recv-Q");
  decimal(sendQ, "Send-Q");
  const local = parseSsEndpoint(localColumn, "local");
  const peer = parseSsEndpoint(peerColumn, "peer");
  const family = local.family ?? peer.family ?? 6;
  if (peer.family !== null && peer.family !== family) throw new LineProblem("local and peer families differ");
  const details = readDetails(rest);
  if (details.inode === null) throw new LineProblem("no ino: field (ss run without -e?)");
  const hasCounters = protocol === "tcp" && details.tcpInfo;
  const remoteUnset = peer.port === 0 && isUnspecified(peer);
  return {
    protocol,
    family,
    localAddress: local.address ?? (family === 6 ? "::" : "0.0.0.0"),
    localPort: local.port,
    remoteAddress: remoteUnset ? null : peer.address ?? "::",
    remotePort: remoteUnset ? null : peer.port,
    state,
    inode: details.inode,
    uid: ownerUidOf(state, details),
    cookie: details.cookie,
    bytesSent: hasCounters ? details.bytesAcked ?? 0 : null,
    bytesReceived: hasCounters ? details.bytesReceived ?? 0 : null
  };
}
function isUnspecified(endpoint) {
  return endpoint.address === null || endpoint.address === "0.0.0.0" || endpoint.address === "::";
}
function ownerUidOf(state, details) {
  return ownerUid(state, details.inode ?? 0, details.uid ?? 0);
}
function readDetails(rest) {
  const uid = detail(rest, " uid:");
  const inode = detail(rest, " ino:");
  const cookie = detail(rest, " sk:");
  const bytesAcked = detail(rest, " bytes_acked:");
  const bytesReceived = detail(rest, " bytes_received:");
  return {
    uid: uid === null ? null : decimal(uid, "uid"),
    inode: inode === null ? null : decimal(inode, "ino"),
    cookie: cookie === null ? null : cookieFromHex(cookie),
    bytesAcked: bytesAcked === null ? null : decimal(bytesAcked, "bytes_acked"),
    bytesReceived: bytesReceived === null ? null : decimal(bytesReceived, "bytes_received"),
    tcpInfo: bytesAcked !== null || bytesReceived !== null || TCP_INFO_KEYS.some((key) => rest.includes(` ${key}:`))
  };
}
function detail(rest, key) {
  const at = rest.indexOf(key);
  if (at < 0) return null;
  const start = at + key.length;
  let end = start;
  while (end < rest.length && rest.charCodeAt(end) > 32) end++;
  return rest.slice(start, end);
}
function cookieFromHex(hex) {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw new LineProblem(`sk: is not a 64-bit hex cookie: ${hex}`);
  return BigInt(`0x${hex}`).toString();
}

// electron/core/collect/ss-collector.ts
var MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
var SsCollector = class {
  source = "ss";
  command;
  timeoutMs;
  warnings = [];
  constructor(options = {}) {
    this.command = options.command ?? "ss";
    this.timeoutMs = options.timeoutMs ?? 1e4;
  }
  get lastWarnings() {
    return this.warnings;
  }
  collect() {
    const run = spawnSync(this.command, SS_ARGS, {
      encoding: "utf8",
      maxBuffer: MAX_OUTPUT_BYTES,
      timeout: this.timeoutMs,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_ALL: "C" }
    });
    const commandLine = `${this.command} ${SS_ARGS.join(" ")}`;
    if (run.error)
      throw new CollectorError("ss", `cannot run ${commandLine}: ${run.error.message}`, { cause: run.error });
    if (run.status !== 0) {
      const why = run.signal ? `killed by ${run.signal}` : `exit status ${run.status}`;
      throw new CollectorError("ss", `${commandLine} failed (${why}): ${run.stderr.trim().slice(0, 500)}`);
    }
    try {
      const { sockets, warnings } = parseSsOutput(run.stdout);
      this.warnings = warnings;
      return sockets;
    } catch (error) {
      if (error instanceof ParseError) throw new CollectorError("ss", error.message, { cause: error });
      throw error;
    }
  }
  /** Nothing to release: each collect runs its own ss. */
  close() {
  }
};

// electron/core/collect/create-collector.ts
var DEFAULT_CANDIDATES = [
  { source: "netlink", create: () => new NetlinkCollector() },
  { source: "ss", create: () => new SsCollector() },
  { source: "proc", create: () => new ProcNetCollector() }
];
function createCollector(options = {}) {
  const preferred = DEFAULT_CANDIDATES.filter((candidate) => candidate.source === options.prefer);
  const rest = DEFAULT_CANDIDATES.filter((candidate) => candidate.source !== options.prefer);
  return pickCollector([...preferred, ...rest]);
}
function pickCollector(candidates) {
  const warnings = [];
  for (const [index, candidate] of candidates.entries()) {
    let collector = null;
    try {
      collector = candidate.create();
      collector.collect();
      return { collector, warnings };
    } catch (error) {
      collector?.close();
      const next = candidates[index + 1];
      const why = describe(error);
      warnings.push(
        `${candidate.source} collector unavailable (${why})${next ? `; using ${next.source}` : ""}`
      );
    }
  }
  const last = candidates.at(-1)?.source ?? "proc";
  throw new CollectorError(last, `no socket source works: ${warnings.join("; ")}`);
}
function describe(error) {
  if (error instanceof CollectorError && error.message.startsWith(`${error.source}: `)) {
    return error.message.slice(error.source.length + 2);
  }
  return error instanceof Error ? error.message : String(error);
}

// electron/core/owners/boot-clock.ts
import { execFileSync } from "node:child_process";
import { readFileSync as readFileSync2 } from "node:fs";
var DEFAULT_CLOCK_TICKS = 100;
var bootTimeCache = null;
var clockTicksCache = null;
function parseBootTime(procStat) {
  const match = /^btime (\d+)$/m.exec(procStat);
  if (!match?.[1]) throw new ParseError("/proc/stat", "no btime line");
  return Number(match[1]) * 1e3;
}
function bootTimeMs() {
  bootTimeCache ??= parseBootTime(readFileSync2("/proc/stat", "utf8"));
  return bootTimeCache;
}
function clockTicksPerSecond() {
  if (clockTicksCache === null) {
    try {
      const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 5e3 }).trim());
      clockTicksCache = Number.isInteger(value) && value > 0 ? value : DEFAULT_CLOCK_TICKS;
    } catch {
      clockTicksCache = DEFAULT_CLOCK_TICKS;
    }
  }
  return clockTicksCache;
}
function ticksToEpochMs(ticks) {
  return bootTimeMs() + Math.round(ticks * 1e3 / clockTicksPerSecond());
}

// electron/core/owners/cgroup.ts
var WHAT2 = "/proc/<pid>/cgroup";
var CONTAINER_ID = /^[0-9a-f]{64}$/;
var DOCKER_SCOPE = /^docker-([0-9a-f]{64})\.scope$/;
function parseCgroup(text) {
  const entries = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "") continue;
    const first = line.indexOf(":");
    const second = first < 0 ? -1 : line.indexOf(":", first + 1);
    if (second < 0) throw new ParseError(WHAT2, 'expected "id:controllers:path"', i + 1);
    const id = line.slice(0, first);
    if (!/^\d{1,9}$/.test(id)) throw new ParseError(WHAT2, `bad hierarchy id ${JSON.stringify(id)}`, i + 1);
    const path = line.slice(second + 1);
    if (!path.startsWith("/"))
      throw new ParseError(WHAT2, `path is not absolute: ${JSON.stringify(path)}`, i + 1);
    const controllers = line.slice(first + 1, second).split(",").filter(Boolean);
    entries.push({ hierarchy: Number(id), controllers, path });
  }
  return entries;
}
function dockerContainerOf(entries) {
  for (const { path } of entries) {
    const parts = path.split("/");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? "";
      const scope = DOCKER_SCOPE.exec(part);
      if (scope?.[1]) return scope[1];
      const next = parts[i + 1];
      if (part === "docker" && next !== void 0 && CONTAINER_ID.test(next)) return next;
    }
  }
  return null;
}

// electron/core/owners/docker-proxy.ts
import { readdirSync } from "node:fs";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { basename } from "node:path";

// electron/core/owners/proc-files.ts
import { readFileSync as readFileSync3, readlinkSync } from "node:fs";
function procFailureOf(error) {
  const code = error?.code;
  if (code === "ENOENT" || code === "ESRCH") return "gone";
  if (code === "EACCES" || code === "EPERM") return "permission";
  return null;
}
function isPid(pid) {
  return Number.isSafeInteger(pid) && pid > 0;
}
function readProcText(pid, file) {
  try {
    return readFileSync3(`/proc/${pid}/${file}`, "utf8");
  } catch (error) {
    const failure = procFailureOf(error);
    if (failure) return failure;
    throw error;
  }
}
function readProcBytes(pid, file) {
  try {
    return readFileSync3(`/proc/${pid}/${file}`);
  } catch (error) {
    const failure = procFailureOf(error);
    if (failure) return failure;
    throw error;
  }
}
function readProcLink(pid, link) {
  try {
    return readlinkSync(`/proc/${pid}/${link}`);
  } catch (error) {
    if (procFailureOf(error)) return null;
    throw error;
  }
}
function splitNul(data) {
  const parts = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0) {
      parts.push(data.toString("utf8", start, i));
      start = i + 1;
    }
  }
  if (start < data.length) parts.push(data.toString("utf8", start));
  return parts;
}
function pidFromName(name) {
  const length = name.length;
  if (length === 0 || length > 10) return NaN;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = name.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value > 0 ? value : NaN;
}

// electron/core/owners/docker-proxy.ts
function dockerProxyTarget(argv) {
  const program = argv[0];
  if (program === void 0 || basename(program) !== "docker-proxy") return null;
  const flags = /* @__PURE__ */ new Map();
  for (let i = 1; i < argv.length; i++) {
    const match = /^--?([a-z-]+)(?:=(.*))?$/.exec(argv[i] ?? "");
    if (!match?.[1]) continue;
    const value = match[2] ?? argv[i + 1];
    if (value === void 0) continue;
    flags.set(match[1], value);
    if (match[2] === void 0) i++;
  }
  const containerIp = flags.get("container-ip");
  if (containerIp === void 0 || !(isIPv4(containerIp) || isIPv6(containerIp))) return null;
  return {
    proto: flags.get("proto") ?? null,
    hostIp: flags.get("host-ip") ?? null,
    hostPort: portOf(flags.get("host-port")),
    containerIp,
    containerPort: portOf(flags.get("container-port"))
  };
}
function portOf(text) {
  if (text === void 0 || !/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}
function parseFibTrieLocal(text) {
  const found = /* @__PURE__ */ new Set();
  let leaf = null;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("|-- ")) {
      const address = trimmed.slice(4);
      leaf = isIPv4(address) ? address : null;
    } else if (leaf !== null && /^\/32 host LOCAL$/.test(trimmed)) {
      found.add(leaf);
    } else if (!trimmed.startsWith("/")) {
      leaf = null;
    }
  }
  return [...found];
}
function parseIfInet6(text) {
  const addresses = [];
  for (const line of text.split("\n")) {
    const hex = line.trim().split(/\s+/)[0] ?? "";
    if (!/^[0-9a-f]{32}$/i.test(hex)) continue;
    addresses.push(hex.match(/.{4}/g)?.join(":") ?? "");
  }
  return addresses;
}
function namespaceAddresses(pid) {
  const v4 = readProcText(pid, "net/fib_trie");
  const v6 = readProcText(pid, "net/if_inet6");
  return [
    ...v4 === "gone" || v4 === "permission" ? [] : parseFibTrieLocal(v4),
    ...v6 === "gone" || v6 === "permission" ? [] : parseIfInet6(v6)
  ];
}
function addressIn(ip, addresses) {
  const family = isIPv4(ip) ? "ipv4" : isIPv6(ip) ? "ipv6" : null;
  if (family === null) return false;
  const list = new BlockList();
  for (const address of addresses) {
    if (isIPv4(address)) list.addAddress(address, "ipv4");
    else if (isIPv6(address)) list.addAddress(address, "ipv6");
  }
  return list.check(ip, family);
}
function containerOwningAddress(ip, candidates) {
  for (const { containerId, pid } of candidates) {
    if (addressIn(ip, namespaceAddresses(pid))) return containerId;
  }
  return null;
}
function dockerContainerProcesses() {
  const seen = /* @__PURE__ */ new Map();
  for (const name of readdirSync("/proc")) {
    const pid = pidFromName(name);
    if (Number.isNaN(pid)) continue;
    const text = readProcText(pid, "cgroup");
    if (text === "gone" || text === "permission") continue;
    let id;
    try {
      id = dockerContainerOf(parseCgroup(text));
    } catch {
      continue;
    }
    if (id !== null && !seen.has(id)) seen.set(id, pid);
  }
  return [...seen].map(([containerId, pid]) => ({ containerId, pid }));
}
function dockerContainerForAddress(ip) {
  return containerOwningAddress(ip, dockerContainerProcesses());
}

// electron/core/owners/environ.ts
function parseEnviron(data) {
  const env = /* @__PURE__ */ Object.create(null);
  for (const entry of splitNul(data)) {
    const equals = entry.indexOf("=");
    if (equals <= 0) continue;
    const name = entry.slice(0, equals);
    if (!(name in env)) env[name] = entry.slice(equals + 1);
  }
  return env;
}
function readEnviron(pid) {
  if (!isPid(pid)) return { ok: false, reason: "gone" };
  const data = readProcBytes(pid, "environ");
  if (data === "gone" || data === "permission") return { ok: false, reason: data };
  return { ok: true, env: parseEnviron(data) };
}

// electron/core/owners/fd-index.ts
import { readdirSync as readdirSync2, readlinkSync as readlinkSync2 } from "node:fs";
var GONE = -1;
var DENIED = -2;
var FREE_RUN_LIMIT = 4;
var CLOSED_LIMIT = 64;
var SPARSE_FACTOR = 4;
var FdIndex = class {
  tables = /* @__PURE__ */ new Map();
  #records = /* @__PURE__ */ new Map();
  /** One shared `{ pids: [pid] }` per pid: most sockets have a single owner. */
  #singleOwners = /* @__PURE__ */ new Map();
  /** Live processes whose fd table is unreadable. */
  unreadable = 0;
  /** The resolver's call number: stamps what the current call touched. */
  call = 0;
  /** Work done in the current call (the resolver resets these). */
  dirsRead = 0;
  linksRead = 0;
  /** The owners of `inode`, when an indexed process holds it. */
  record(inode) {
    return this.#records.get(inode);
  }
  /** Forgets everything (before a full rescan). */
  clear() {
    this.tables.clear();
    this.#records.clear();
    this.#singleOwners.clear();
    this.unreadable = 0;
  }
  /** Reads every fd of a process not in the index yet; deletes found inodes from `wanted`. */
  readNew(pid, wanted) {
    const names2 = this.#list(pid);
    if (names2 === "gone") return;
    const table = {
      fds: /* @__PURE__ */ new Map(),
      dups: /* @__PURE__ */ new Map(),
      socketFds: 0,
      maxFd: -1,
      listedIn: this.call,
      activeIn: 0
    };
    this.tables.set(pid, table);
    if (names2 === "denied") return this.#setUnreadable(pid, table);
    const prefix = `/proc/${pid}/fd/`;
    for (const name of names2) {
      const inode = this.#readFd(prefix, name);
      if (inode === DENIED) return this.#setUnreadable(pid, table);
      if (inode === GONE) continue;
      this.#setFd(pid, table, fdFromName(name), inode);
      if (inode !== 0 && wanted !== null) wanted.delete(inode);
    }
  }
  /**
   * Probe pass: without listing the directory, reads (lowest first) the fd numbers that were
   * free at the last read and the fds whose socket was asked for before but not in this call
   * (closed: the number may be reused), then the numbers above the highest known fd until
   * FREE_RUN_LIMIT in a row are free. Returns what it read when the table still needs a
   * sweep, or null when done with it.
   */
  probe(pid, table, wanted) {
    const fds = table.fds;
    if (fds === null) return null;
    const maxFd = table.maxFd;
    if (maxFd > SPARSE_FACTOR * fds.size + 1024) return { kind: new Uint8Array(0), maxFd: -1, stopAt: 0 };
    const kind = new Uint8Array(maxFd + 1);
    for (const [fd2, inode] of fds) {
      let stable = true;
      if (inode !== 0) {
        if (table.dups.has(inode)) stable = false;
        else {
          const requestedIn = this.#records.get(inode)?.requestedIn ?? 0;
          stable = requestedIn === 0 || requestedIn === this.call;
        }
      }
      if (stable) kind[fd2] = 1;
    }
    const prefix = `/proc/${pid}/fd/`;
    let closed = 0;
    let freeRun = 0;
    let fd = 0;
    for (; wanted.size > 0; fd++) {
      if (fd <= maxFd) {
        if (kind[fd] === 1) continue;
        if (closed >= CLOSED_LIMIT) break;
      } else if (freeRun >= FREE_RUN_LIMIT) break;
      const inode = this.#readFd(prefix, fd);
      if (inode === DENIED) {
        this.#setUnreadable(pid, table);
        return null;
      }
      if (inode === GONE) {
        this.#closeFd(pid, table, fd);
        if (fd <= maxFd) closed++;
        else freeRun++;
        continue;
      }
      freeRun = 0;
      this.#setFd(pid, table, fd, inode);
      if (inode !== 0) wanted.delete(inode);
    }
    return wanted.size > 0 ? { kind, maxFd, stopAt: fd } : null;
  }
  /** Sweep pass: lists the table, reads every fd the probe did not, and drops closed fds. */
  sweep(pid, table, mark, wanted) {
    const names2 = this.#list(pid);
    if (names2 === "gone") return this.forget(pid, table);
    if (names2 === "denied") return this.#setUnreadable(pid, table);
    const open = /* @__PURE__ */ new Set();
    const prefix = `/proc/${pid}/fd/`;
    let maxFd = -1;
    for (const name of names2) {
      const fd = fdFromName(name);
      open.add(fd);
      if (fd > maxFd) maxFd = fd;
      const probed = fd < mark.stopAt && (fd > mark.maxFd || mark.kind[fd] !== 1);
      if (probed || wanted.size === 0) continue;
      const inode = this.#readFd(prefix, name);
      if (inode === DENIED) return this.#setUnreadable(pid, table);
      if (inode === GONE) continue;
      this.#setFd(pid, table, fd, inode);
      if (inode !== 0) wanted.delete(inode);
    }
    for (const fd of [...table.fds?.keys() ?? []]) if (!open.has(fd)) this.#closeFd(pid, table, fd);
    table.maxFd = maxFd;
  }
  /** Drops a process that exited, and its sockets. */
  forget(pid, table) {
    if (table.fds === null) this.unreadable--;
    else for (const inode of table.fds.values()) if (inode !== 0) this.#removeOwner(inode, pid);
    this.tables.delete(pid);
    this.#singleOwners.delete(pid);
  }
  /** readdir of /proc/<pid>/fd. */
  #list(pid) {
    try {
      const names2 = readdirSync2(`/proc/${pid}/fd`);
      this.dirsRead++;
      return names2;
    } catch (error) {
      const failure = procFailureOf(error);
      if (failure === null) throw error;
      return failure === "gone" ? "gone" : "denied";
    }
  }
  /**
   * readlink of one fd: its socket inode, 0 for anything else, GONE (closed or exited), or
   * DENIED — a directory can be listable while its links are not (a target holding
   * capabilities we lack fails the ptrace check on readlink, even for root).
   */
  #readFd(prefix, fd) {
    this.linksRead++;
    let target;
    try {
      target = readlinkSync2(prefix + fd);
    } catch (error) {
      const failure = procFailureOf(error);
      if (failure === null) throw error;
      return failure === "gone" ? GONE : DENIED;
    }
    return socketInode(target);
  }
  /** Records that `fd` holds `inode` (0: not a socket), updating the index. */
  #setFd(pid, table, fd, inode) {
    const fds = table.fds;
    const old = fds.get(fd);
    if (old === inode) return;
    if (old !== void 0 && old !== 0) {
      table.socketFds--;
      this.#release(pid, table, old);
    }
    fds.set(fd, inode);
    if (fd > table.maxFd) table.maxFd = fd;
    if (inode === 0) return;
    table.socketFds++;
    const record = this.#records.get(inode);
    if (!record) this.#records.set(inode, { owners: this.#owners([pid]), requestedIn: 0 });
    else if (record.owners.pids.includes(pid)) table.dups.set(inode, (table.dups.get(inode) ?? 0) + 1);
    else record.owners = this.#owners([...record.owners.pids, pid].sort((a, b) => a - b));
  }
  #closeFd(pid, table, fd) {
    const old = table.fds?.get(fd);
    if (old === void 0) return;
    table.fds?.delete(fd);
    if (old === 0) return;
    table.socketFds--;
    this.#release(pid, table, old);
  }
  /** One fd of `pid` no longer holds `inode`: drop the owner unless another fd still does. */
  #release(pid, table, inode) {
    const extra = table.dups.get(inode);
    if (extra === void 0) return this.#removeOwner(inode, pid);
    if (extra > 1) table.dups.set(inode, extra - 1);
    else table.dups.delete(inode);
  }
  #removeOwner(inode, pid) {
    const record = this.#records.get(inode);
    if (!record || !record.owners.pids.includes(pid)) return;
    const rest = record.owners.pids.filter((other) => other !== pid);
    if (rest.length === 0) this.#records.delete(inode);
    else record.owners = this.#owners(rest);
  }
  /** Owners as a frozen value (callers get it as is); single owners are shared per pid. */
  #owners(pids) {
    if (pids.length !== 1) return Object.freeze({ pids: Object.freeze(pids) });
    const pid = pids[0];
    let owners = this.#singleOwners.get(pid);
    if (!owners) {
      owners = Object.freeze({ pids: Object.freeze(pids) });
      this.#singleOwners.set(pid, owners);
    }
    return owners;
  }
  /** The table became unreadable (e.g. its process exec'd a setuid program): forget its sockets. */
  #setUnreadable(pid, table) {
    if (table.fds === null) return;
    for (const inode of table.fds.values()) if (inode !== 0) this.#removeOwner(inode, pid);
    table.fds = null;
    table.dups.clear();
    table.socketFds = 0;
    this.unreadable++;
  }
};
function fdFromName(name) {
  let value = 0;
  for (let i = 0; i < name.length; i++) value = value * 10 + (name.charCodeAt(i) - 48);
  return value;
}
var CHAR_S = 115;
var CHAR_CLOSE_BRACKET = 93;
var SOCKET_PREFIX = "socket:[";
function socketInode(target) {
  if (target.charCodeAt(0) !== CHAR_S || !target.startsWith(SOCKET_PREFIX)) return 0;
  let value = 0;
  for (let i = SOCKET_PREFIX.length; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code === CHAR_CLOSE_BRACKET)
      return i > SOCKET_PREFIX.length && Number.isSafeInteger(value) ? value : 0;
    const digit = code - 48;
    if (digit < 0 || digit > 9) return 0;
    value = value * 10 + digit;
  }
  return 0;
}

// electron/core/owners/owner-resolver.ts
import { readdirSync as readdirSync3 } from "node:fs";
import { performance as performance2 } from "node:perf_hooks";
var ResolvedOwners = class extends Map {
  #sealed = false;
  seal() {
    this.#sealed = true;
    return this;
  }
  set(inode, owners) {
    if (this.#sealed) throw new TypeError("OwnerResolver results are read-only");
    return super.set(inode, owners);
  }
  delete() {
    throw new TypeError("OwnerResolver results are read-only");
  }
  clear() {
    throw new TypeError("OwnerResolver results are read-only");
  }
};
var PERMISSION = Object.freeze({ reason: "permission" });
var NOT_FOUND = Object.freeze({ reason: "not-found" });
var ABSENT = Object.freeze({ reason: "not-found" });
var OwnerResolver = class {
  #everyCalls;
  #everyMs;
  #newLimit;
  #fds = new FdIndex();
  /** Inodes searched for and found nowhere since the last full rescan. */
  #missing = /* @__PURE__ */ new Set();
  #call = 0;
  #lastFullCall = -Infinity;
  #lastFullAt = -Infinity;
  #live = [];
  #lastInput = [];
  /** Last call's answers, with ABSENT where `#lastReason` applies. */
  #lastAnswers = [];
  #lastReason = NOT_FOUND;
  #lastResult = null;
  #stats = {
    kind: "cached",
    processes: 0,
    dirsRead: 0,
    searchedDirs: 0,
    sweptDirs: 0,
    linksRead: 0,
    unreadableDirs: 0,
    unknownInodes: 0,
    reusedResult: false,
    ms: 0
  };
  constructor(options = {}) {
    this.#everyCalls = Math.max(1, options.fullRescanEveryCalls ?? 20);
    this.#everyMs = Math.max(0, options.fullRescanIntervalMs ?? 1e4);
    this.#newLimit = Math.max(0, options.newProcessScanLimit ?? 256);
  }
  /** Cost of the last `resolve` call. */
  get lastScanStats() {
    return this.#stats;
  }
  /** Forces the next `resolve` to rescan every fd table. */
  invalidate() {
    this.#lastFullCall = -Infinity;
  }
  /**
   * The owners of each inode (callers pass no 0: TIME_WAIT has no inode). `permission` means
   * the inode was found in no readable fd table while some were unreadable; `not-found` that
   * every table was readable (the socket is kernel-owned or was closed meanwhile). The Map is
   * read-only and may be the same object as last call's. Throws only on unexpected I/O errors
   * (e.g. EMFILE), never because a process vanished or was unreadable.
   */
  resolve(inodes, hints = {}) {
    const started = performance2.now();
    const call = ++this.#call;
    const fds = this.#fds;
    fds.call = call;
    fds.dirsRead = 0;
    fds.linksRead = 0;
    const full = call - this.#lastFullCall >= this.#everyCalls || started - this.#lastFullAt >= this.#everyMs;
    if (full) this.#rescanAll(started);
    else this.#refreshProcessList();
    const input = Array.isArray(inodes) ? inodes : [...inodes];
    const count = input.length;
    const lastInput = this.#lastInput;
    const lastAnswers = this.#lastAnswers;
    let same = this.#lastResult !== null && count === lastInput.length;
    let answers = same ? null : new Array(count);
    const unknown = [];
    for (let i = 0; i < count; i++) {
      const inode = input[i];
      const record = fds.record(inode);
      let answer = ABSENT;
      if (record) answer = record.owners;
      else if (Number.isSafeInteger(inode) && inode > 0 && !this.#missing.has(inode)) {
        if (full) this.#missing.add(inode);
        else unknown.push(i);
      }
      if (answers === null) {
        if (inode === lastInput[i] && answer === lastAnswers[i]) continue;
        same = false;
        answers = lastAnswers.slice(0, i);
        answers.length = count;
      }
      answers[i] = answer;
    }
    if (full || unknown.length > 0) this.#stampRequested(input);
    let searchedDirs = 0;
    let sweptDirs = 0;
    if (unknown.length > 0) {
      answers ??= lastAnswers.slice();
      same = false;
      const search = this.#worthSearching(unknown, input, hints);
      if (search.length > 0) {
        this.#markActive(answers);
        [searchedDirs, sweptDirs] = this.#search(new Set(search.map((i) => input[i])));
      }
      for (const i of search) {
        const inode = input[i];
        const record = fds.record(inode);
        if (record) {
          record.requestedIn = call;
          answers[i] = record.owners;
        } else {
          this.#missing.add(inode);
        }
      }
    }
    const reason = fds.unreadable > 0 ? PERMISSION : NOT_FOUND;
    const reused = same && reason === this.#lastReason && this.#lastResult !== null;
    const result = reused ? this.#lastResult : this.#remember(input, answers ?? lastAnswers, reason);
    this.#stats = {
      kind: full ? "full" : searchedDirs > 0 ? "incremental" : "cached",
      processes: this.#live.length,
      dirsRead: fds.dirsRead,
      searchedDirs,
      sweptDirs,
      linksRead: fds.linksRead,
      unreadableDirs: fds.unreadable,
      unknownInodes: unknown.length,
      reusedResult: reused,
      ms: performance2.now() - started
    };
    return result;
  }
  #stampRequested(input) {
    for (const inode of input) {
      const record = this.#fds.record(inode);
      if (record) record.requestedIn = this.#call;
    }
  }
  #remember(input, answers, reason) {
    const result = new ResolvedOwners();
    for (let i = 0; i < input.length; i++) {
      const answer = answers[i];
      result.set(input[i], answer === ABSENT ? reason : answer);
    }
    this.#lastInput = input.slice();
    this.#lastAnswers = answers;
    this.#lastReason = reason;
    this.#lastResult = result.seal();
    return result;
  }
  /** Positions of unknown inodes worth searching; a uid hint can show we could not see them anyway. */
  #worthSearching(unknown, input, hints) {
    const euid = process.geteuid?.() ?? 0;
    if (!hints.uidOf || euid === 0 || this.#fds.unreadable === 0) return unknown;
    return unknown.filter((i) => {
      const uid = hints.uidOf?.get(input[i]);
      return uid === void 0 || uid === null || uid === euid;
    });
  }
  /** Marks the owners of requested, indexed inodes: the likeliest owners of new ones. */
  #markActive(answers) {
    const seen = /* @__PURE__ */ new Set();
    for (const answer of answers) {
      if (seen.has(answer)) continue;
      seen.add(answer);
      if (!("pids" in answer)) continue;
      for (const pid of answer.pids) {
        const table = this.#fds.tables.get(pid);
        if (table) table.activeIn = this.#call;
      }
    }
  }
  /** Finds the inodes in `wanted`, likeliest owners first; returns [tables visited, tables swept]. */
  #search(wanted) {
    const call = this.#call;
    const rank = (pid) => {
      const table = this.#fds.tables.get(pid);
      if (!table) return 1;
      return table.activeIn === call ? 2 : table.socketFds > 0 ? 1 : 0;
    };
    const candidates = this.#live.filter((pid) => this.#fds.tables.get(pid)?.fds !== null);
    const ranks = /* @__PURE__ */ new Map();
    for (const pid of candidates) ranks.set(pid, rank(pid));
    candidates.sort((a, b) => (ranks.get(b) ?? 0) - (ranks.get(a) ?? 0) || b - a);
    let visited = 0;
    const unfinished = [];
    for (const pid of candidates) {
      if (wanted.size === 0) return [visited, 0];
      visited++;
      const table = this.#fds.tables.get(pid);
      if (!table) this.#fds.readNew(pid, wanted);
      else {
        const mark = this.#fds.probe(pid, table, wanted);
        if (mark) unfinished.push({ pid, table, mark });
      }
    }
    let swept = 0;
    for (const { pid, table, mark } of unfinished) {
      if (wanted.size === 0) break;
      if (table.fds === null || this.#fds.tables.get(pid) !== table) continue;
      swept++;
      this.#fds.sweep(pid, table, mark, wanted);
    }
    return [visited, swept];
  }
  /** Rebuilds the whole index from every fd table. */
  #rescanAll(now) {
    this.#fds.clear();
    this.#missing.clear();
    this.#live = listProcesses();
    for (const pid of this.#live) this.#fds.readNew(pid, null);
    this.#lastFullCall = this.#call;
    this.#lastFullAt = now;
  }
  /** Drops exited processes and reads the fd tables of new ones (newest first, bounded). */
  #refreshProcessList() {
    const call = this.#call;
    this.#live = listProcesses();
    const fresh = [];
    for (const pid of this.#live) {
      const table = this.#fds.tables.get(pid);
      if (table) table.listedIn = call;
      else fresh.push(pid);
    }
    for (const [pid, table] of this.#fds.tables) if (table.listedIn !== call) this.#fds.forget(pid, table);
    fresh.sort((a, b) => b - a);
    const count = Math.min(fresh.length, this.#newLimit);
    for (let i = 0; i < count; i++) this.#fds.readNew(fresh[i], null);
  }
};
function listProcesses() {
  const pids = [];
  for (const name of readdirSync3("/proc")) {
    const pid = pidFromName(name);
    if (!Number.isNaN(pid)) pids.push(pid);
  }
  return pids;
}

// electron/core/owners/proc-stat.ts
var WHAT3 = "/proc/<pid>/stat";
var STATE = /^[A-Za-z]$/;
var DIGITS = /^\d{1,19}$/;
function parseStat(text) {
  const open = text.indexOf(" (");
  const close = text.lastIndexOf(")");
  if (open <= 0 || close < open + 2) throw new ParseError(WHAT3, 'no "pid (name)" prefix');
  const pid = integer(text.slice(0, open), "pid");
  if (pid <= 0) throw new ParseError(WHAT3, `pid ${pid} is not positive`);
  const comm = text.slice(open + 2, close);
  const fields = text.slice(close + 1).trim().split(" ");
  if (fields.length < 20) throw new ParseError(WHAT3, `${fields.length + 2} fields, expected at least 22`);
  const state = fields[0] ?? "";
  if (!STATE.test(state)) throw new ParseError(WHAT3, `bad state ${JSON.stringify(state)}`);
  return { pid, comm, state, ppid: integer(fields[1], "ppid"), startTime: integer(fields[19], "starttime") };
}
function integer(field, name) {
  if (field === void 0 || !DIGITS.test(field)) {
    throw new ParseError(WHAT3, `${name} is not a non-negative integer: ${JSON.stringify(field)}`);
  }
  const value = Number(field);
  if (!Number.isSafeInteger(value)) throw new ParseError(WHAT3, `${name} out of range: ${field}`);
  return value;
}
function readStat(pid) {
  if (!isPid(pid)) return null;
  const text = readProcText(pid, "stat");
  if (text === "gone" || text === "permission") return null;
  return parseStat(text);
}
function processIdentity(pid) {
  const stat = readStat(pid);
  return stat ? { pid: stat.pid, startTime: stat.startTime } : null;
}

// electron/core/owners/process-info.ts
import { basename as basename2 } from "node:path";

// electron/core/owners/service-manager.ts
var USER_MANAGER = /^user@(\d{1,10})\.service$/;
function detectServiceManager(input) {
  const entries = parseCgroup(input.cgroup);
  const containerId = dockerContainerOf(entries);
  if (containerId) return { kind: "docker", containerId };
  const proxy = dockerProxyTarget(input.argv);
  if (proxy) {
    const id = input.containerForAddress?.(proxy.containerIp) ?? null;
    return id ? { kind: "docker", containerId: id } : null;
  }
  const pmId = input.environ?.["pm_id"];
  if (pmId !== void 0 && /^\d+$/.test(pmId)) {
    return { kind: "pm2", id: pmId, name: input.environ?.["name"] || null };
  }
  const systemdPath = systemdPathOf(entries);
  return systemdPath === null ? null : systemdUnitOf(systemdPath);
}
function systemdPathOf(entries) {
  const unified = entries.find((entry) => entry.hierarchy === 0 && entry.controllers.length === 0);
  if (unified && unified.path !== "/") return unified.path;
  return entries.find((entry) => entry.controllers.includes("name=systemd"))?.path ?? null;
}
function systemdUnitOf(path) {
  const parts = path.split("/").filter(Boolean);
  const unitAt = (from) => {
    let i = from;
    while (i < parts.length && parts[i]?.endsWith(".slice")) i++;
    return i;
  };
  const systemIndex = unitAt(0);
  const systemUnit = parts[systemIndex];
  if (systemUnit === void 0) return null;
  const manager = USER_MANAGER.exec(systemUnit);
  if (manager?.[1]) {
    const userUnit = parts[unitAt(systemIndex + 1)];
    if (userUnit === void 0 || !userUnit.endsWith(".service")) return null;
    return { kind: "systemd", unit: userUnit, scope: "user", uid: Number(manager[1]) };
  }
  if (!systemUnit.endsWith(".service")) return null;
  return { kind: "systemd", unit: systemUnit, scope: "system", uid: null };
}

// electron/core/owners/user-names.ts
import { readFileSync as readFileSync4 } from "node:fs";
var namesCache = null;
function parsePasswd(text) {
  const names2 = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const [name, , uidText] = line.split(":", 3);
    if (!name || !uidText || !/^\d+$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (!names2.has(uid)) names2.set(uid, name);
  }
  return names2;
}
function userName(uid) {
  if (namesCache === null) {
    try {
      namesCache = parsePasswd(readFileSync4("/etc/passwd", "utf8"));
    } catch {
      namesCache = /* @__PURE__ */ new Map();
    }
  }
  return namesCache.get(uid) ?? String(uid);
}

// electron/core/owners/process-info.ts
var COMM_MAX = 15;
function parseStatus(text) {
  const uid = /^Uid:\s+(\d+)/m.exec(text)?.[1];
  const tgid = /^Tgid:\s+(\d+)/m.exec(text)?.[1];
  if (uid === void 0 || tgid === void 0)
    throw new ParseError("/proc/<pid>/status", "no Uid or Tgid line");
  return { uid: Number(uid), tgid: Number(tgid) };
}
function displayName(comm, argv, exe) {
  if (Buffer.byteLength(comm) < COMM_MAX) return comm;
  const candidates = [argv[0], exe?.replace(/ \(deleted\)$/, "")];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const base = basename2(candidate);
    if (base.length > comm.length && base.startsWith(comm)) return base;
  }
  return comm;
}
function readProcessInfo(pid) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const stat = readStat(pid);
    if (!stat) return null;
    const info = readOnce(stat);
    if (!info) return null;
    const after = processIdentity(pid);
    if (!after) return null;
    if (after.startTime === stat.startTime) return info;
  }
  return null;
}
function readOnce(stat) {
  const { pid } = stat;
  const status = readProcText(pid, "status");
  const cmdline = readProcBytes(pid, "cmdline");
  if (status === "gone" || status === "permission" || cmdline === "gone" || cmdline === "permission")
    return null;
  const { uid, tgid } = parseStatus(status);
  if (tgid !== pid) return null;
  const argv = splitNul(cmdline);
  const exe = readProcLink(pid, "exe");
  return {
    pid,
    startTime: stat.startTime,
    startedAt: ticksToEpochMs(stat.startTime),
    name: displayName(stat.comm, argv, exe),
    exe,
    argv,
    cwd: readProcLink(pid, "cwd"),
    uid,
    user: userName(uid),
    ppid: stat.ppid,
    service: serviceOf(pid, argv)
  };
}
function serviceOf(pid, argv) {
  const cgroup = readProcText(pid, "cgroup");
  if (cgroup === "gone" || cgroup === "permission") return null;
  const environ = readEnviron(pid);
  try {
    return detectServiceManager({
      cgroup,
      environ: environ.ok ? environ.env : null,
      argv,
      containerForAddress: dockerContainerForAddress
    });
  } catch (error) {
    if (error instanceof ParseError) return null;
    throw error;
  }
}

// electron/core/owners/process-cache.ts
var ProcessCache = class {
  #entries = /* @__PURE__ */ new Map();
  /** The info of the process that has `pid` now, or null when none does. */
  get(pid) {
    const identity = processIdentity(pid);
    if (!identity) {
      this.#entries.delete(pid);
      return null;
    }
    const cached = this.#entries.get(pid);
    if (cached && cached.startTime === identity.startTime) return cached;
    const info = readProcessInfo(pid);
    if (info) this.#entries.set(pid, info);
    else this.#entries.delete(pid);
    return info;
  }
  /**
   * Stores info the caller already read (e.g. in another thread), so `get` reuses it while its
   * identity holds. Also the test seam for pid reuse: seed a live pid with another start time.
   */
  seed(info) {
    this.#entries.set(info.pid, info);
  }
  /** Forgets one pid, so the next `get` reads it afresh. */
  invalidate(pid) {
    this.#entries.delete(pid);
  }
  /** Drops every pid not in `livePids` (call once per poll with the pids still shown). */
  prune(livePids) {
    for (const pid of this.#entries.keys()) if (!livePids.has(pid)) this.#entries.delete(pid);
  }
  /** Number of cached processes. */
  get size() {
    return this.#entries.size;
  }
};

// electron/core/snapshot/row-id.ts
function rowId(socket) {
  if (socket.cookie !== null) return `${socket.protocol}#${socket.cookie}`;
  return `${tupleKey(socket)}|${socket.inode}`;
}
function tupleKey(socket) {
  return `${socket.protocol}${socket.family}|${socket.localAddress}|${socket.localPort}|${socket.remoteAddress ?? "*"}|${socket.remotePort ?? "*"}`;
}

// electron/core/snapshot/traffic.ts
function rate(previous, current, elapsedMs) {
  if (current === null || previous === null || previous === void 0 || elapsedMs <= 0) return null;
  if (current < previous) return null;
  return Math.round((current - previous) * 1e3 / elapsedMs);
}

// electron/core/snapshot/pipeline.ts
var SnapshotPipeline = class {
  constructor(deps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }
  deps;
  previousRows = /* @__PURE__ */ new Map();
  previousTime = 0;
  /** Last known owners by 5-tuple, so a connection's TIME_WAIT row keeps its owner. */
  ownersByTuple = /* @__PURE__ */ new Map();
  seq = 0;
  now;
  /** Collects once and returns the new snapshot. Throws CollectorError when collection fails. */
  async tick() {
    const raw = await this.deps.collector.collect();
    const time = this.now();
    const elapsed = this.previousTime ? time - this.previousTime : 0;
    const inodes = [];
    for (const socket of raw) if (socket.inode !== 0) inodes.push(socket.inode);
    const owners = this.deps.owners.resolve(inodes);
    const rows = new Array(raw.length);
    const nextRows = /* @__PURE__ */ new Map();
    const nextOwnersByTuple = /* @__PURE__ */ new Map();
    const livePids = /* @__PURE__ */ new Set();
    let hiddenOwners = 0;
    for (let i = 0; i < raw.length; i++) {
      const socket = raw[i];
      const id = rowId(socket);
      const before = this.previousRows.get(id);
      const { pids, reason } = this.ownersOf(socket, owners);
      if (reason === "permission") hiddenOwners++;
      if (pids.length) {
        nextOwnersByTuple.set(tupleKey(socket), pids);
        for (const pid of pids) livePids.add(pid);
      }
      const row = {
        id,
        protocol: socket.protocol,
        family: socket.family,
        localAddress: socket.localAddress,
        localPort: socket.localPort,
        remoteAddress: socket.remoteAddress,
        remotePort: socket.remotePort,
        state: socket.state,
        pids,
        ownerReason: reason,
        inode: socket.inode,
        uid: socket.uid,
        scope: scopeOf(socket.localAddress),
        bytesSent: socket.bytesSent,
        bytesReceived: socket.bytesReceived,
        sendRate: rate(before?.bytesSent, socket.bytesSent, elapsed),
        receiveRate: rate(before?.bytesReceived, socket.bytesReceived, elapsed),
        firstSeen: before?.firstSeen ?? time
      };
      rows[i] = row;
      nextRows.set(id, row);
    }
    const processes = {};
    for (const pid of livePids) {
      const info = this.deps.processes.get(pid);
      if (info) processes[pid] = info;
    }
    this.deps.processes.prune(livePids);
    const warnings = [...this.deps.warnings ?? [], ...this.deps.collector.lastWarnings ?? []];
    this.previousRows = nextRows;
    this.previousTime = time;
    this.ownersByTuple = nextOwnersByTuple;
    return { time, seq: this.seq++, source: this.deps.collector.source, sockets: rows, processes, hiddenOwners, warnings };
  }
  ownersOf(socket, owners) {
    if (socket.inode === 0) {
      const known = this.ownersByTuple.get(tupleKey(socket));
      return known ? { pids: known, reason: null } : { pids: [], reason: "no-inode" };
    }
    const owner = owners.get(socket.inode);
    if (!owner) return { pids: [], reason: "not-found" };
    if ("pids" in owner) return owner.pids.length ? { pids: owner.pids, reason: null } : { pids: [], reason: "not-found" };
    return { pids: [], reason: owner.reason };
  }
};

// electron/core/snapshot/default-pipeline.ts
function createDefaultPipeline(options = {}) {
  const { collector, warnings } = createCollector(options.prefer ? { prefer: options.prefer } : {});
  const pipeline2 = new SnapshotPipeline({ collector, owners: new OwnerResolver(), processes: new ProcessCache(), warnings });
  return { pipeline: pipeline2, warnings, close: () => collector.close() };
}

// electron/core/diff/diff-snapshots.ts
var MUTABLE_FIELDS = [
  "state",
  "pids",
  "ownerReason",
  "inode",
  "uid",
  "bytesSent",
  "bytesReceived",
  "sendRate",
  "receiveRate"
];
function isListening(row) {
  return row.state === "LISTEN" || row.protocol === "udp" && row.state === "UNCONN";
}
function diffSnapshots(previous, next) {
  const before = /* @__PURE__ */ new Map();
  for (const row of previous.sockets) before.set(row.id, row);
  const added = [];
  const changed = [];
  const events = [];
  const seen = /* @__PURE__ */ new Set();
  for (const row of next.sockets) {
    seen.add(row.id);
    const old = before.get(row.id);
    if (!old) {
      added.push(row);
      if (isListening(row)) events.push(portEvent("listen-opened", row, next.processes, next.time));
      continue;
    }
    const patch = patchBetween(old, row);
    if (patch) changed.push(patch);
    if (isListening(row) !== isListening(old)) {
      const type = isListening(row) ? "listen-opened" : "listen-closed";
      events.push(portEvent(type, row, type === "listen-opened" ? next.processes : previous.processes, next.time));
    }
  }
  const removed = [];
  for (const row of previous.sockets) {
    if (seen.has(row.id)) continue;
    removed.push(row.id);
    if (isListening(row)) events.push(portEvent("listen-closed", row, previous.processes, next.time));
  }
  const processesUpserted = [];
  for (const [pid, info] of Object.entries(next.processes)) {
    const old = previous.processes[pid];
    if (!old || old.startTime !== info.startTime || !sameProcess(old, info)) processesUpserted.push(info);
  }
  const processesRemoved = [];
  for (const pid of Object.keys(previous.processes)) if (!(pid in next.processes)) processesRemoved.push(Number(pid));
  return {
    time: next.time,
    seq: next.seq,
    source: next.source,
    added,
    removed,
    changed,
    processesUpserted,
    processesRemoved,
    hiddenOwners: next.hiddenOwners,
    warnings: next.warnings,
    events
  };
}
function patchBetween(old, row) {
  let patch = null;
  for (const field of MUTABLE_FIELDS) {
    const a = old[field];
    const b = row[field];
    const same = Array.isArray(a) && Array.isArray(b) ? sameNumbers(a, b) : a === b;
    if (same) continue;
    patch ??= { id: row.id };
    patch[field] = b;
  }
  return patch;
}
function sameNumbers(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function sameProcess(a, b) {
  return a.name === b.name && a.cwd === b.cwd && a.exe === b.exe && a.user === b.user && a.ppid === b.ppid && a.argv.length === b.argv.length && a.argv.every((arg, i) => arg === b.argv[i]) && JSON.stringify(a.service) === JSON.stringify(b.service);
}
function portEvent(type, row, processes, time) {
  const first = row.pids[0];
  return {
    type,
    time,
    rowId: row.id,
    protocol: row.protocol,
    family: row.family,
    localAddress: row.localAddress,
    localPort: row.localPort,
    scope: row.scope,
    pids: row.pids,
    process: first === void 0 ? null : processes[first] ?? null
  };
}

// ../../tmp/tickprof.ts
var { pipeline } = createDefaultPipeline();
var prev = await pipeline.tick();
var times = [];
var cpu0 = process.cpuUsage();
for (let i = 0; i < 60; i++) {
  await new Promise((r) => setTimeout(r, 100));
  const t = performance.now();
  const next = await pipeline.tick();
  diffSnapshots(prev, next);
  prev = next;
  times.push(performance.now() - t);
}
var cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
console.log("sockets", prev.sockets.length, "median", times[30].toFixed(2), "p95", times[56].toFixed(2), "cpu ms per tick", ((cpu.user + cpu.system) / 1e3 / 60).toFixed(2));
