/**
 * Core's model: the contract's shared types plus what only core sees (raw collector output,
 * the collector and owner-resolver interfaces).
 */
import type { SnapshotSource } from '../contract/model.js';
import type { CollectedField, RowValue } from '../contract/row-fields.js';

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

/**
 * One socket as a collector reports it, before owners and rates are attached: the row fields
 * the table marks `from: 'collector'` (row-fields.ts documents each), plus the cookie.
 */
export type RawSocket = { [K in CollectedField]: RowValue<K> } & {
  /** Kernel socket cookie as a decimal string (unique for the socket's life), when known. */
  cookie: string | null;
};

/** A source of sockets. `collect` is synchronous or async; both are fine for the monitor. */
export interface Collector {
  readonly source: SnapshotSource;
  collect(): RawSocket[] | Promise<RawSocket[]>;
  /**
   * Sources that name each socket's holders themselves (lsof; netstat's pid column on macOS and
   * Windows): the pids holding a socket of the last collect, which the pipeline takes instead
   * of looking the inode up. Undefined for a socket the source names no holder of;
   * `permission` for one held by a process the source cannot vouch for as this user (macOS's
   * netstat names another user's socket only by the pid that last used it).
   */
  ownersOf?(socket: RawSocket): readonly number[] | 'permission' | undefined;
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
