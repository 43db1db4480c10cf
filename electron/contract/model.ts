/**
 * The data model every part of PortLens shares: core produces it, transports carry it,
 * the renderer and the CLI show it. Schemas are the single source; the types are inferred,
 * so a runtime check and a compile-time type can never disagree. A socket row's schema (and
 * SocketPatch's) is made from the field table in row-fields.ts.
 */
import { z } from 'zod';
import {
  LAUNCHD_DOMAIN,
  OWNER_REASONS,
  PROTOCOLS,
  SCOPES,
  SERVICE_MANAGER_KINDS,
  SNAPSHOT_SOURCES,
  SOCKET_STATES,
} from './enum-values.js';
import {
  CHANGING_FIELDS,
  FAMILIES,
  ROW_FIELD_TABLE,
  type ChangingField,
  type FieldType,
  type RowField,
  type RowValue,
} from './row-fields.js';

/** Transport protocol of a socket. */
export const Protocol = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof Protocol>;

/** IP family: 4 or 6. */
export const Family = z.literal(FAMILIES);
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
 * no longer ties to a file), `not-found` (no process holds it; it may be closing). One reason
 * comes with pids: `last-known` (the kernel holds the socket now; `pids` are the owner it had,
 * kept as history, never a process that holds it).
 */
export const OwnerReason = z.enum(OWNER_REASONS);
export type OwnerReason = z.infer<typeof OwnerReason>;

/** Where a snapshot's sockets came from; the collector falls back in this order. */
export const SnapshotSource = z.enum(SNAPSHOT_SOURCES);
export type SnapshotSource = z.infer<typeof SnapshotSource>;

const port = z.number().int().min(0).max(65535);

/** The zod schema of a row field's type (row-fields.ts). */
function schemaOf(type: FieldType): z.ZodType {
  const schema = ((): z.ZodType => {
    switch (type.kind) {
      case 'text':
        return type.min ? z.string().min(type.min) : z.string();
      case 'enum':
        return type.values.every((value) => typeof value === 'string')
          ? z.enum(type.values as [string, ...string[]])
          : z.literal(type.values as number[]);
      case 'int':
        return z.number().int().min(type.min);
      case 'port':
        return port;
      case 'count':
        return z.number().nonnegative();
      case 'number':
        return z.number();
      case 'boolean':
        return z.boolean();
      case 'pids':
        return z.array(z.number().int().positive());
    }
  })();
  return type.nullable ? schema.nullable() : schema;
}

/** Each row field's schema, in the table's order. */
const rowShape = Object.fromEntries(ROW_FIELD_TABLE.map((spec) => [spec.name, schemaOf(spec.type)])) as {
  [K in RowField]: z.ZodType<RowValue<K>>;
};

/** One socket as PortLens shows it: the fields of row-fields.ts's table (documented there). */
export const SocketRow = z.object(rowShape);
export type SocketRow = z.infer<typeof SocketRow>;

/** A launchd domain target: `system` or `gui/<uid>`. */
export const LaunchdDomain = z.string().regex(LAUNCHD_DOMAIN, 'expected system or gui/<uid>');

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
  /** A launchd job (macOS): its label, in its domain (`system` or `gui/<uid>`). */
  z.object({ kind: z.literal('launchd'), label: z.string(), domain: LaunchdDomain }),
  /** A Homebrew service: the formula `brew services` runs as the launchd job `label`. */
  z.object({
    kind: z.literal('homebrew'),
    formula: z.string(),
    label: z.string(),
    domain: LaunchdDomain,
  }),
  /** A Windows service, by its service name (the key `Restart-Service -Name` takes). */
  z.object({ kind: z.literal('windows-service'), name: z.string() }),
]);
export type ServiceManager = z.infer<typeof ServiceManager>;
/** The union above has exactly the kinds enum-values.ts lists (a compile error otherwise). */
export type ServiceManagerKind = (typeof SERVICE_MANAGER_KINDS)[number];
true satisfies ServiceManager['kind'] extends ServiceManagerKind
  ? ServiceManagerKind extends ServiceManager['kind']
    ? true
    : false
  : false;

/** A process. Its identity is (pid, startTime): a pid alone is reused by the kernel. */
export const ProcessInfo = z.object({
  pid: z.number().int().positive(),
  /**
   * Start time as a stable identity number, compared only with one read from the same source:
   * on Linux clock ticks since boot (field 22 of /proc/<pid>/stat); where processes are read
   * with ps (macOS) the start as epoch seconds (`lstart`, whole seconds); on Windows the
   * CreationDate in epoch ms.
   */
  startTime: z.number().int().nonnegative(),
  /** Start time as epoch ms. */
  startedAt: z.number(),
  name: z.string(),
  exe: z.string().nullable(),
  argv: z.array(z.string()),
  cwd: z.string().nullable(),
  /** Null on Windows, which has no numeric user ids. */
  uid: z.number().int().nonnegative().nullable(),
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
  /** The row's IPV6_V6ONLY (reachability.ts): an IPv6-only `[::]` port is not reachable over IPv4. */
  v6Only: z.boolean().nullable(),
  pids: z.array(z.number().int().positive()),
  /** The first owner, when known, so a notification can name it without a lookup. */
  process: ProcessInfo.nullable(),
});
export type PortEvent = z.infer<typeof PortEvent>;

/** Changed fields of one row: `id` names it, then any of the fields that can change. */
export const SocketPatch = z.object({
  id: rowShape.id,
  ...(Object.fromEntries(CHANGING_FIELDS.map((field) => [field, rowShape[field].optional()])) as {
    [K in ChangingField]: z.ZodOptional<z.ZodType<RowValue<K>>>;
  }),
});
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
