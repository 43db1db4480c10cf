/**
 * A socket row's fields, declared once: the table below gives each its name, its value type,
 * whether it can change during the socket's life, where it comes from and how the packed
 * stream encodes it. Everything that lists the fields reads the table:
 *
 * - derived from it: the zod schema and SocketPatch (model.ts), RawSocket (core/model.ts), the
 *   wire checks per field and of patches (wire-check.ts), the packed codec's columns and patch
 *   bits (packed-stream.ts), the diff's compared fields (diff-snapshots.ts), the renderer's
 *   patch bits and sort/filter dependencies (patch-row.ts, sort-keys.ts, view-index.ts), the
 *   test arbitraries and the test factories' defaults;
 * - written out by hand for speed, and checked against it (by the compiler where it can, and by
 *   a property test over every field of the table): wire-check's socketRow, the packed rows'
 *   column loops, the pipeline's "unchanged" check and row, the CLI's JSON writer, the one-shot
 *   listing's rows and the collectors' own records.
 *
 * A new field is one line here plus the code that computes it (a collector, or the pipeline);
 * the compiler then points at every hand-written place, and the tests fail for any it missed.
 *
 * Field order is the order every row object is built in (one hidden class for all rows) and the
 * order of `portlens list --json`'s keys. Nothing else depends on it: the packed stream names its
 * columns, patches name their fields.
 *
 * No zod here: the page validates the stream with wire-check.ts before zod has loaded (and
 * without zod's eval-based fast path, which its CSP forbids); model.ts turns these types into
 * zod schemas.
 */
import { OWNER_REASONS, PROTOCOLS, SCOPES, SOCKET_STATES } from './enum-values.js';

/** What a field's values are; see FieldType. */
export type FieldKind = 'text' | 'enum' | 'int' | 'port' | 'count' | 'number' | 'boolean' | 'pids';

/**
 * A field's value type, as data: model.ts makes the zod schema of it, wire-check.ts the check,
 * the test arbitraries their generator. `T` is the TypeScript type of its values.
 */
export interface FieldType<T = unknown> {
  /**
   * `text` a string of at least `min` characters; `enum` one of `values`; `int` a safe integer
   * ≥ `min`; `port` an integer 0–65535; `count` a finite number ≥ 0; `number` a finite number;
   * `boolean`; `pids` an array of pids (integers ≥ 1).
   */
  readonly kind: FieldKind;
  /** Null is a value too. */
  readonly nullable: boolean;
  readonly min: number;
  readonly values: readonly (string | number)[];
  /** Never set: carries `T` for the compiler. */
  readonly _value?: T;
}

const fieldType = <T>(kind: FieldKind, min = 0, values: readonly (string | number)[] = []): FieldType<T> => ({
  kind,
  nullable: false,
  min,
  values,
});
const text = (min = 0) => fieldType<string>('text', min);
const oneOf = <const V extends readonly (string | number)[]>(values: V) => fieldType<V[number]>('enum', 0, values);
const int = (min: number) => fieldType<number>('int', min);
const port = fieldType<number>('port');
/** A finite number ≥ 0. */
const count = fieldType<number>('count');
/** A finite number. */
const number = fieldType<number>('number');
const boolean = fieldType<boolean>('boolean');
const pids = fieldType<number[]>('pids');
const nullable = <T>(type: FieldType<T>): FieldType<T | null> => ({ ...type, nullable: true }) as FieldType<T | null>;

/** The IP families, as the row carries them. */
export const FAMILIES = [4, 6] as const;

/**
 * How the packed stream encodes a field's column (packed-stream.ts): `front-coded` strings share
 * their prefix with the value before; `shortest` is whichever of plain values, a dictionary or
 * integer differences is shortest for the column at hand.
 */
export type PackedCodec = 'front-coded' | 'shortest';

/** One field of the table. */
export interface RowFieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /**
   * Whether the field can differ between two polls of one socket (one row id). Only these are
   * compared by the pipeline and the diff, carried by a SocketPatch and patched by the page;
   * the others are fixed when the row is first made. Rows are matched by the kernel's socket
   * cookie, and a socket keeps its cookie when, e.g., a bound UDP socket connects: its state,
   * both addresses (a wildcard local address becomes the route's) and scope change.
   */
  readonly changes: boolean;
  /**
   * `collector`: a collector reports it under this name (core's RawSocket), and the pipeline
   * copies it; `pipeline`: the pipeline works it out (ids, owners, scope, rates, first seen).
   */
  readonly from: 'collector' | 'pipeline';
  readonly packed: PackedCodec;
}

/** The socket row's fields, in the order rows are built and written. */
export const ROW_FIELD_TABLE = [
  // Stable across polls for the life of the socket (kernel cookie, else tuple and inode).
  { name: 'id', type: text(1), changes: false, from: 'pipeline', packed: 'front-coded' },
  { name: 'protocol', type: oneOf(PROTOCOLS), changes: false, from: 'collector', packed: 'shortest' },
  { name: 'family', type: oneOf(FAMILIES), changes: false, from: 'collector', packed: 'shortest' },
  // Canonical text: dotted quad for IPv4, RFC 5952 compressed for IPv6 (no brackets).
  { name: 'localAddress', type: text(), changes: true, from: 'collector', packed: 'shortest' },
  { name: 'localPort', type: port, changes: true, from: 'collector', packed: 'shortest' },
  // Null for listening and unconnected sockets (the remote side unspecified: 0.0.0.0:0, [::]:0, `*`).
  { name: 'remoteAddress', type: nullable(text()), changes: true, from: 'collector', packed: 'shortest' },
  { name: 'remotePort', type: nullable(port), changes: true, from: 'collector', packed: 'shortest' },
  // The kernel's TCP state names; a bound UDP socket with no peer is UNCONN, a connected one ESTABLISHED.
  { name: 'state', type: oneOf(SOCKET_STATES), changes: true, from: 'collector', packed: 'shortest' },
  // Owning processes; several when a socket is shared across fork or SO_REUSEPORT peers.
  { name: 'pids', type: pids, changes: true, from: 'pipeline', packed: 'shortest' },
  // Null when `pids` is non-empty; otherwise why it is empty.
  { name: 'ownerReason', type: nullable(oneOf(OWNER_REASONS)), changes: true, from: 'pipeline', packed: 'shortest' },
  // 0 when the kernel ties the socket to no file (TIME_WAIT, some closing sockets).
  { name: 'inode', type: int(0), changes: true, from: 'collector', packed: 'shortest' },
  // Null where the socket has no owner uid that means anything (TIME_WAIT, pending requests).
  { name: 'uid', type: nullable(int(0)), changes: true, from: 'collector', packed: 'shortest' },
  // Who can reach the local address; follows localAddress.
  { name: 'scope', type: oneOf(SCOPES), changes: true, from: 'pipeline', packed: 'shortest' },
  // Cumulative bytes; null where the source has no counters (UDP, /proc/net).
  { name: 'bytesSent', type: nullable(count), changes: true, from: 'collector', packed: 'shortest' },
  { name: 'bytesReceived', type: nullable(count), changes: true, from: 'collector', packed: 'shortest' },
  // Bytes per second over the last poll interval; null until two samples exist.
  { name: 'sendRate', type: nullable(count), changes: true, from: 'pipeline', packed: 'shortest' },
  { name: 'receiveRate', type: nullable(count), changes: true, from: 'pipeline', packed: 'shortest' },
  // Epoch ms when PortLens first saw the socket. Fixed: the pipeline carries it over from the
  // row before for the row's whole life, so no patch ever carries it.
  { name: 'firstSeen', type: number, changes: false, from: 'pipeline', packed: 'shortest' },
  // IPv6 sockets: whether IPV6_V6ONLY is set (IPv4 connections cannot reach it). Null for IPv4
  // sockets (not applicable) and where the source cannot tell: /proc/net never can, netlink and
  // ss only for a listening or unconnected socket. Changes when a bound UDP socket connects.
  { name: 'v6Only', type: nullable(boolean), changes: true, from: 'collector', packed: 'shortest' },
] as const satisfies readonly RowFieldSpec[];

type Spec = (typeof ROW_FIELD_TABLE)[number];

/** A SocketRow field name. */
export type RowField = Spec['name'];
/** Fields that can change during a socket's life (see RowFieldSpec.changes). */
export type ChangingField = Extract<Spec, { changes: true }>['name'];
/** Fields a collector reports (see RowFieldSpec.from). */
export type CollectedField = Extract<Spec, { from: 'collector' }>['name'];
/** The values of field `K`. */
export type RowValue<K extends RowField> = Extract<Spec, { name: K }>['type'] extends FieldType<infer T> ? T : never;

/** Every field, in the table's order. */
export const ROW_FIELDS: readonly RowField[] = ROW_FIELD_TABLE.map((spec) => spec.name);

/** The fields that can change, in the table's order. */
export const CHANGING_FIELDS: readonly ChangingField[] = ROW_FIELD_TABLE.filter(
  (spec): spec is Extract<Spec, { changes: true }> => spec.changes,
).map((spec) => spec.name);

/** The fields collectors report, in the table's order. */
export const COLLECTED_FIELDS: readonly CollectedField[] = ROW_FIELD_TABLE.filter(
  (spec): spec is Extract<Spec, { from: 'collector' }> => spec.from === 'collector',
).map((spec) => spec.name);

const CHANGING_FIELD_SET: ReadonlySet<string> = new Set(CHANGING_FIELDS);

/** Whether `field` is one of the fields that can change. */
export function isChangingField(field: string): field is ChangingField {
  return CHANGING_FIELD_SET.has(field);
}

/**
 * A port is open while a TCP socket listens on it or a UDP socket is bound without a peer: what
 * the CLI's `--listening`, the port events and notifications and the page's "listening" mean.
 */
export function isListening(row: { readonly protocol: RowValue<'protocol'>; readonly state: RowValue<'state'> }): boolean {
  return row.state === 'LISTEN' || (row.protocol === 'udp' && row.state === 'UNCONN');
}

/**
 * Who owns a socket now, derived from its row (the one place that says it):
 * - `live`: the processes in `pids` hold it; the only state an action (kill, restart) may target;
 * - `history`: the kernel owns it (TIME_WAIT, a closing socket) and `pids` are the last known
 *   owner, kept as history: they no longer hold it. On Linux the pipeline says so (ownerReason
 *   `last-known`); macOS and Windows report no inodes at all, so there the TCP state says it;
 * - `kernel`: the kernel owns it and no owner was ever seen;
 * - `hidden`: a process holds it that PortLens cannot see (`permission`, `unreadable`);
 * - `none`: no process holds it.
 */
export type OwnerState = 'live' | 'history' | 'kernel' | 'hidden' | 'none';

/** The fields an owner state is derived from. */
export type OwnerFields = {
  readonly pids: RowValue<'pids'>;
  readonly ownerReason: RowValue<'ownerReason'>;
  readonly inode: RowValue<'inode'>;
  readonly state: RowValue<'state'>;
};

/** The TCP states of a socket its process has closed: only the kernel holds it then. */
const CLOSED_BY_PROCESS: ReadonlySet<RowValue<'state'>> = new Set(['TIME_WAIT', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSING', 'LAST_ACK', 'CLOSE']);

/** True for a state in which no process holds the socket any more (see CLOSED_BY_PROCESS). */
export function closedByProcess(state: RowValue<'state'>): boolean {
  return CLOSED_BY_PROCESS.has(state);
}

/** A row's owner state (see OwnerState). */
export function ownerState(row: OwnerFields): OwnerState {
  if (row.ownerReason === 'permission' || row.ownerReason === 'unreadable') return 'hidden';
  if (row.ownerReason === 'last-known') return row.pids.length ? 'history' : 'kernel';
  if (!row.pids.length) return row.inode === 0 ? 'kernel' : 'none';
  // Sources without inodes (macOS, Windows) name holders themselves: only a socket its process
  // has closed is the kernel's, with the pid the tool still prints as its last user.
  return row.inode === 0 && CLOSED_BY_PROCESS.has(row.state) ? 'history' : 'live';
}
