/**
 * The primary Linux collector: NETLINK_SOCK_DIAG dumps of TCP and UDP over IPv4 and IPv6, in
 * process, with tcp_info byte counters. Works without root (other users' sockets included).
 */
import { CollectorError } from '../model.js';
import type { Protocol, RawSocket } from '../model.js';
import type { LinuxCollector } from './linux-collector.js';
import { DiagReplyParser, NetlinkRefusal, type SocketSink } from './netlink-parse.js';
import {
  AF_INET,
  AF_INET6,
  IPPROTO_TCP,
  IPPROTO_UDP,
  buildDumpRequest,
  buildTcpDumpRequest,
} from './netlink-protocol.js';
import { NetlinkSocket } from './netlink-socket.js';
import { RecyclingSocketSink } from './recycling-sink.js';

/** The kernel sends at most ~32 KiB per datagram; the slack costs nothing and survives changes. */
const RECEIVE_BUFFER_BYTES = 1 << 20;

/** Options for tests. */
export interface NetlinkCollectorOptions {
  /**
   * Dump TCP for both families in one TCPDIAG_GETSOCK walk (default), else with two
   * SOCK_DIAG_BY_FAMILY dumps. A kernel that refuses the combined dump gets the two dumps.
   */
  combinedTcpDump?: boolean;
}

/**
 * Lists every TCP and UDP socket via sock_diag. Keeps one netlink socket open between collects
 * (reopened after a failure, so a half-read dump never leaks into the next one). Also lists
 * TCP sockets that are bound but neither listening nor connected (state CLOSE, kernel ≥ 6.7),
 * which ss and /proc/net do not show.
 */
export class NetlinkCollector implements LinuxCollector {
  readonly source = 'netlink' as const;
  private socket: NetlinkSocket | null = null;
  private seq = 0;
  private combinedTcpDump: boolean;
  private readonly buffer = Buffer.allocUnsafe(RECEIVE_BUFFER_BYTES);
  private readonly parser = new DiagReplyParser();
  private readonly recycler = new RecyclingSocketSink();
  private warnings: string[] = [];

  constructor(options: NetlinkCollectorOptions = {}) {
    this.combinedTcpDump = options.combinedTcpDump ?? true;
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  /**
   * Dumps all sockets; throws CollectorError when the kernel or libc refuses. A socket that did
   * not change since the last collect comes back as the same object (RecyclingSocketSink).
   */
  collect(): RawSocket[] {
    this.recycler.begin();
    try {
      this.collectInto(this.recycler);
    } catch (error) {
      this.recycler.reset();
      throw error;
    }
    return this.recycler.sockets;
  }

  /** Sockets the last collect handed back unchanged from the one before (diagnostics, tests). */
  get lastReused(): number {
    return this.recycler.reused;
  }

  /**
   * Dumps all sockets into `sink` (a SocketTable: one-shot lists keep no object per socket);
   * throws CollectorError when the kernel or libc refuses.
   */
  collectInto(sink: SocketSink): void {
    const warnings: string[] = [];
    try {
      const socket = (this.socket ??= NetlinkSocket.open());
      this.dumpTcp(socket, sink, warnings);
      this.dump(socket, buildDumpRequest, AF_INET, 'udp', IPPROTO_UDP, sink, warnings);
      this.dump(socket, buildDumpRequest, AF_INET6, 'udp', IPPROTO_UDP, sink, warnings);
    } catch (error) {
      this.close();
      if (error instanceof CollectorError) throw error;
      throw new CollectorError('netlink', `dump failed: ${String(error)}`, { cause: error });
    }
    this.warnings = warnings;
  }

  /** Closes the netlink socket; the next collect opens a new one. Safe to call twice. */
  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private dumpTcp(socket: NetlinkSocket, out: SocketSink, warnings: string[]): void {
    if (this.combinedTcpDump) {
      const before = out.count;
      try {
        this.dump(socket, (seq) => buildTcpDumpRequest(seq), AF_INET, 'tcp', IPPROTO_TCP, out, warnings);
        return;
      } catch (error) {
        // A refused request gets one NLMSG_ERROR and nothing else: the socket stays usable.
        if (!(error instanceof NetlinkRefusal)) throw error;
        out.truncate(before);
        this.combinedTcpDump = false;
        warnings.push(
          `netlink: combined TCP dump refused (${error.message}); dumping IPv4 and IPv6 separately`,
        );
      }
    }
    this.dump(socket, buildDumpRequest, AF_INET, 'tcp', IPPROTO_TCP, out, warnings);
    this.dump(socket, buildDumpRequest, AF_INET6, 'tcp', IPPROTO_TCP, out, warnings);
  }

  private dump(
    socket: NetlinkSocket,
    build: (seq: number, family: number, ipProtocol: number) => Buffer,
    family: number,
    protocol: Protocol,
    ipProtocol: number,
    out: SocketSink,
    warnings: string[],
  ): void {
    this.seq = (this.seq + 1) >>> 0;
    socket.send(build(this.seq, family, ipProtocol));
    let interrupted = false;
    for (;;) {
      const length = socket.receive(this.buffer);
      if (length === 0) throw new CollectorError('netlink', 'empty reply before the end of the dump');
      const progress = this.parser.parse(this.buffer, length, this.seq, protocol, out, warnings);
      interrupted ||= progress.interrupted;
      if (progress.done) break;
    }
    if (interrupted) {
      warnings.push(
        `netlink: a ${protocol} dump was interrupted by changes; some sockets may be missing or repeated`,
      );
    }
  }
}
