/**
 * The primary Linux collector: NETLINK_SOCK_DIAG dumps of TCP and UDP over IPv4 and IPv6, in
 * process, with tcp_info byte counters. Works without root (other users' sockets included).
 */
import { CollectorError } from '../model.js';
import type { Protocol, RawSocket } from '../model.js';
import type { LinuxCollector } from './linux-collector.js';
import { DiagReplyParser } from './netlink-parse.js';
import { AF_INET, AF_INET6, IPPROTO_TCP, IPPROTO_UDP, buildDumpRequest } from './netlink-protocol.js';
import { NetlinkSocket } from './netlink-socket.js';

/** The kernel sends at most ~32 KiB per datagram; the slack costs nothing and survives changes. */
const RECEIVE_BUFFER_BYTES = 1 << 20;

const DUMPS: readonly { family: number; protocol: Protocol; ipProtocol: number }[] = [
  { family: AF_INET, protocol: 'tcp', ipProtocol: IPPROTO_TCP },
  { family: AF_INET6, protocol: 'tcp', ipProtocol: IPPROTO_TCP },
  { family: AF_INET, protocol: 'udp', ipProtocol: IPPROTO_UDP },
  { family: AF_INET6, protocol: 'udp', ipProtocol: IPPROTO_UDP },
];

/**
 * Lists every TCP and UDP socket via sock_diag. Keeps one netlink socket open between collects
 * (reopened after a failure, so a half-read dump never leaks into the next one). Also lists
 * TCP sockets that are bound but neither listening nor connected (state CLOSE), which ss and
 * /proc/net do not show.
 */
export class NetlinkCollector implements LinuxCollector {
  readonly source = 'netlink' as const;
  private socket: NetlinkSocket | null = null;
  private seq = 0;
  private readonly buffer = Buffer.allocUnsafe(RECEIVE_BUFFER_BYTES);
  private readonly parser = new DiagReplyParser();
  private warnings: string[] = [];

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  /** Dumps all sockets; throws CollectorError when the kernel or libc refuses. */
  collect(): RawSocket[] {
    const sockets: RawSocket[] = [];
    const warnings: string[] = [];
    try {
      this.socket ??= NetlinkSocket.open();
      for (const dump of DUMPS) this.dump(this.socket, dump.family, dump.protocol, dump.ipProtocol, sockets, warnings);
    } catch (error) {
      this.close();
      if (error instanceof CollectorError) throw error;
      throw new CollectorError('netlink', `dump failed: ${String(error)}`, { cause: error });
    }
    this.warnings = warnings;
    return sockets;
  }

  /** Closes the netlink socket; the next collect opens a new one. Safe to call twice. */
  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private dump(
    socket: NetlinkSocket,
    family: number,
    protocol: Protocol,
    ipProtocol: number,
    out: RawSocket[],
    warnings: string[],
  ): void {
    this.seq = (this.seq + 1) >>> 0;
    socket.send(buildDumpRequest(this.seq, family, ipProtocol));
    let interrupted = false;
    for (;;) {
      const length = socket.receive(this.buffer);
      if (length === 0) throw new CollectorError('netlink', 'empty reply before the end of the dump');
      const progress = this.parser.parse(this.buffer, length, this.seq, protocol, out, warnings);
      interrupted ||= progress.interrupted;
      if (progress.done) break;
    }
    if (interrupted) {
      const name = `${protocol}${family === AF_INET6 ? '6' : ''}`;
      warnings.push(`netlink: the ${name} dump was interrupted by changes; some sockets may be missing or repeated`);
    }
  }
}
