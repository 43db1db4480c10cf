/**
 * The data model every part of PortLens shares: core produces it, transports carry it,
 * the renderer and the CLI show it. Schemas are the single source; the types are inferred,
 * so a runtime check and a compile-time type can never disagree.
 */
import { z } from 'zod';
import { OWNER_REASONS, PROTOCOLS, SCOPES, SNAPSHOT_SOURCES, SOCKET_STATES } from './enum-values.js';

/** Transport protocol of a socket. */
export const Protocol = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof Protocol>;

/** IP family: 4 or 6. */
export const Family = z.union([z.literal(4), z.literal(6)]);
export type Family = z.infer<typeof Family>;

/**
 * Socket state by name. TCP states use the kernel's names; a bound UDP socket with no peer is
 * `UNCONN` (as `ss` prints it), a connected UDP socket is `ESTABLISHED`.
 */
export const SocketState = z.enum(SOCKET_STATES);
export type SocketState = z.infer<typeof SocketState>;

/**
 * Who can reach a local address: `loopback` (127/8, ::1), `all` (0.0.0.0, ::: every
 * interface), or `address` (one specific non-loopback address).
 */
export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

/**
 * Why a socket has no owner pids: `permission` (the owner's /proc/<pid>/fd is unreadable to
 * us: another user's process and we are not root — running as root would show it), `unreadable`
 * (the same, but we are root: the owner lives in another user namespace or behind a security
 * policy, so elevated rights would not help), `no-inode` (TIME_WAIT and other sockets the kernel
 * no longer ties to a file), `not-found` (no process holds it; it may be closing).
 */
export const OwnerReason = z.enum(OWNER_REASONS);
export type OwnerReason = z.infer<typeof OwnerReason>;

/** Where a snapshot's sockets came from; the collector falls back in this order. */
export const SnapshotSource = z.enum(SNAPSHOT_SOURCES);
export type SnapshotSource = z.infer<typeof SnapshotSource>;

const port = z.number().int().min(0).max(65535);
const count = z.number().nonnegative();

/** One socket as PortLens shows it. */
export const SocketRow = z.object({
  /** Stable across polls for the life of the socket (kernel cookie, else tuple and inode). */
  id: z.string().min(1),
  protocol: Protocol,
  family: Family,
  localAddress: z.string(),
  localPort: port,
  /** Null for listening and unconnected sockets. */
  remoteAddress: z.string().nullable(),
  remotePort: port.nullable(),
  state: SocketState,
  /** Owning processes; several when a socket is shared across fork or SO_REUSEPORT peers. */
  pids: z.array(z.number().int().positive()),
  /** Null when `pids` is non-empty; otherwise why it is empty. */
  ownerReason: OwnerReason.nullable(),
  inode: z.number().int().nonnegative(),
  uid: z.number().int().nonnegative().nullable(),
  scope: Scope,
  /** Cumulative bytes; null where the source has no counters (UDP, /proc/net). */
  bytesSent: count.nullable(),
  bytesReceived: count.nullable(),
  /** Bytes per second over the last poll interval; null until two samples exist. */
  sendRate: count.nullable(),
  receiveRate: count.nullable(),
  /** Epoch ms when PortLens first saw this socket. */
  firstSeen: z.number(),
});
export type SocketRow = z.infer<typeof SocketRow>;

/** How a process is managed, when detectable; decides how `restart` works. */
export const ServiceManager = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('systemd'),
    unit: z.string(),
    /** `user` units live under user@UID.service and need `systemctl --user`. */
    scope: z.enum(['system', 'user']),
    uid: z.number().int().nullable(),
  }),
  z.object({ kind: z.literal('docker'), containerId: z.string() }),
  z.object({ kind: z.literal('pm2'), id: z.string(), name: z.string().nullable() }),
]);
export type ServiceManager = z.infer<typeof ServiceManager>;

/** A process. Its identity is (pid, startTime): a pid alone is reused by the kernel. */
export const ProcessInfo = z.object({
  pid: z.number().int().positive(),
  /** Start time in clock ticks since boot (field 22 of /proc/<pid>/stat). */
  startTime: z.number().int().nonnegative(),
  /** Start time as epoch ms. */
  startedAt: z.number(),
  name: z.string(),
  exe: z.string().nullable(),
  argv: z.array(z.string()),
  cwd: z.string().nullable(),
  uid: z.number().int().nonnegative(),
  user: z.string(),
  ppid: z.number().int().nonnegative(),
  service: ServiceManager.nullable(),
});
export type ProcessInfo = z.infer<typeof ProcessInfo>;

/** Everything known at one instant. */
export const Snapshot = z.object({
  time: z.number(),
  /** Monotonic per monitor; a delta applies to the snapshot with `seq - 1`. */
  seq: z.number().int().nonnegative(),
  source: SnapshotSource,
  sockets: z.array(SocketRow),
  /** Owners of the sockets, keyed by pid (decimal string). */
  processes: z.record(z.string(), ProcessInfo),
  /** Sockets whose owners we may not see (see OwnerReason `permission`). */
  hiddenOwners: z.number().int().nonnegative(),
  /** Non-fatal collector problems, e.g. a fallback that had to be taken. */
  warnings: z.array(z.string()),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** A port opening or closing: TCP LISTEN, or a bound UDP socket. */
export const PortEvent = z.object({
  type: z.enum(['listen-opened', 'listen-closed']),
  time: z.number(),
  rowId: z.string(),
  protocol: Protocol,
  family: Family,
  localAddress: z.string(),
  localPort: port,
  scope: Scope,
  pids: z.array(z.number().int().positive()),
  /** The first owner, when known, so a notification can name it without a lookup. */
  process: ProcessInfo.nullable(),
});
export type PortEvent = z.infer<typeof PortEvent>;

/** Changed fields of one row; `id` names it. */
export const SocketPatch = SocketRow.partial().extend({ id: z.string().min(1) });
export type SocketPatch = z.infer<typeof SocketPatch>;

/** What changed between snapshot `seq - 1` and `seq`. */
export const Delta = z.object({
  time: z.number(),
  seq: z.number().int().positive(),
  source: SnapshotSource,
  added: z.array(SocketRow),
  removed: z.array(z.string()),
  changed: z.array(SocketPatch),
  processesUpserted: z.array(ProcessInfo),
  processesRemoved: z.array(z.number().int().positive()),
  hiddenOwners: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
  events: z.array(PortEvent),
});
export type Delta = z.infer<typeof Delta>;
