/**
 * Core's model: the contract's shared types plus what only core sees (raw collector output,
 * the collector and owner-resolver interfaces).
 */
import type { Family, Protocol, SnapshotSource, SocketState } from '../contract/model.js';

export type {
  Delta,
  Family,
  OwnerReason,
  PortEvent,
  ProcessInfo,
  Protocol,
  Scope,
  ServiceManager,
  Snapshot,
  SnapshotSource,
  SocketPatch,
  SocketRow,
  SocketState,
} from '../contract/model.js';

/** One socket as a collector reports it, before owners and rates are attached. */
export interface RawSocket {
  protocol: Protocol;
  family: Family;
  /** Canonical text form: dotted quad for IPv4, RFC 5952 compressed for IPv6 (no brackets). */
  localAddress: string;
  localPort: number;
  /** Null when the remote side is unspecified (0.0.0.0:0, [::]:0, `*`). */
  remoteAddress: string | null;
  remotePort: number | null;
  state: SocketState;
  /** 0 when the kernel ties the socket to no file (TIME_WAIT, some closing sockets). */
  inode: number;
  uid: number | null;
  /** Kernel socket cookie as a decimal string (unique for the socket's life), when known. */
  cookie: string | null;
  /** Cumulative byte counters from tcp_info; null when the source does not give them. */
  bytesSent: number | null;
  bytesReceived: number | null;
}

/** A source of sockets. `collect` is synchronous or async; both are fine for the monitor. */
export interface Collector {
  readonly source: SnapshotSource;
  collect(): RawSocket[] | Promise<RawSocket[]>;
  /** Non-fatal problems of the last collect (e.g. lines a parser had to skip). */
  readonly lastWarnings?: readonly string[];
  /** Releases OS resources (netlink socket); safe to call twice. */
  close(): void;
}

/** A collector failed in a way that its parser or syscall could describe. */
export class CollectorError extends Error {
  constructor(
    readonly source: SnapshotSource,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = 'CollectorError';
  }
}

/** OS command output or a /proc file did not have the shape a parser expects. */
export class ParseError extends Error {
  constructor(
    readonly what: string,
    message: string,
    readonly line: number | null = null,
  ) {
    super(`${what}${line === null ? '' : ` line ${line}`}: ${message}`);
    this.name = 'ParseError';
  }
}
