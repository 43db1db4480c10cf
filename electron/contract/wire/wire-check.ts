/**
 * Hand-written checks for what the stream carries (Snapshot, Delta and the other stream
 * messages) and for the WebSocket's reply envelope. Each accepts exactly what its zod schema in
 * model.ts / api.ts accepts and returns the same value (unknown keys dropped, new objects),
 * which wire-check.test.ts proves against the schemas with fast-check.
 *
 * Why not zod here: the page's CSP forbids `eval`, which puts zod on its slow path, and a
 * 20,000-row snapshot then takes hundreds of milliseconds to validate before the first paint.
 * These checks are plain code (no schema interpretation) and import no zod, so the page can
 * also validate the stream before zod has even loaded. A socket row's field checks are made from
 * the field table (row-fields.ts), like its zod schema; the rest mirrors the zod schemas by
 * hand, and a change there fails the equivalence tests until it is made here too.
 */
import type {
  Delta,
  PortEvent,
  ProcessInfo,
  ServiceManager,
  Snapshot,
  SnapshotSource,
  SocketPatch,
  SocketRow,
} from '../model.js';
import type { ContractError, ErrorCode, PortNotification, StreamMessage } from '../api.js';
import { ERROR_CODES, LAUNCHD_DOMAIN, SERVICE_MANAGER_KINDS, SNAPSHOT_SOURCES } from '../enum-values.js';
import {
  CHANGING_FIELDS,
  ROW_FIELD_TABLE,
  type FieldType,
  type RowField,
  type RowValue,
} from '../row-fields.js';

/** Names a value inside its parent: a field name or an index. */
export type Key = string | number;

/** A check's outcome: the typed value, or where and why it failed. */
export type Checked<T> = { ok: true; value: T } | { ok: false; issue: string };

/** Thrown inside the checks; carries the path from the value that failed up to the root. */
export class WireIssue extends Error {
  readonly path: (string | number)[] = [];
  constructor(readonly reason: string) {
    super(reason);
  }

  /** `path: reason`, the path dotted (`sockets.3.localPort`). */
  describe(): string {
    return `${this.path.length ? this.path.join('.') : '(root)'}: ${this.reason}`;
  }
}

/** Runs a throwing check and returns its outcome instead. */
export function checked<T>(check: (input: unknown) => T, input: unknown): Checked<T> {
  try {
    return { ok: true, value: check(input) };
  } catch (error) {
    if (error instanceof WireIssue) return { ok: false, issue: error.describe() };
    throw error;
  }
}

/** Fails the current check with `reason` at `key` (below the object being checked). */
export function fail(reason: string, key?: Key): never {
  const issue = new WireIssue(reason);
  if (key !== undefined) issue.path.push(key);
  throw issue;
}

/** Runs `run`; a failure inside gets `key` prepended to its path. */
export function within<T>(key: Key, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WireIssue) error.path.unshift(key);
    throw error;
  }
}

// ---- scalars (each takes the key only to name it in a failure) ----

/** A plain object (what JSON calls an object): not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or a failure. */
export function record(value: unknown, key?: Key): Record<string, unknown> {
  if (!isRecord(value)) fail('expected an object', key);
  return value;
}

/** A finite number (zod's z.number()). */
export function num(value: unknown, key: Key): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('expected a finite number', key);
  return value;
}

/** A finite number ≥ 0. */
export function count(value: unknown, key: Key): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail('expected a number ≥ 0', key);
  return value;
}

/** A safe integer ≥ `min` (zod's z.number().int() accepts only safe integers). */
export function int(value: unknown, key: Key, min = Number.MIN_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || (value as number) < min) fail(`expected an integer ≥ ${min}`, key);
  return value as number;
}

/** A port number 0–65535. */
export function port(value: unknown, key: Key): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 65535)
    fail('expected a port 0–65535', key);
  return value as number;
}

/** A string (at least `min` characters). */
export function str(value: unknown, key: Key, min = 0): string {
  if (typeof value !== 'string' || value.length < min)
    fail(min ? `expected a string of ≥ ${min} characters` : 'expected a string', key);
  return value;
}

/** A boolean. */
export function bool(value: unknown, key: Key): boolean {
  if (typeof value !== 'boolean') fail('expected a boolean', key);
  return value;
}

function nullableStr(value: unknown, key: Key): string | null {
  return value === null ? null : str(value, key);
}

/** One of `values` (an enum). */
function oneOf<T extends string | number>(values: ReadonlySet<unknown>, value: unknown, key: Key): T {
  if (!values.has(value)) fail(`expected one of ${[...values].join(', ')}`, key);
  return value as T;
}

/** An array, each item checked by `item` (a failure names its index). */
export function arrayOf<T>(value: unknown, key: Key, item: (value: unknown, index: number) => T): T[] {
  if (!Array.isArray(value)) fail('expected an array', key);
  const out = new Array<T>(value.length);
  let i = 0;
  try {
    for (; i < value.length; i++) out[i] = item(value[i], i);
  } catch (error) {
    if (error instanceof WireIssue) error.path.unshift(key, i);
    throw error;
  }
  return out;
}

const stringItem = (value: unknown, index: number): string => str(value, index);

/** An array of strings. */
export function strings(value: unknown, key: Key): string[] {
  return arrayOf(value, key, (item) => {
    if (typeof item !== 'string') fail('expected a string');
    return item;
  });
}

/** Owner pids: positive integers. */
export function pidList(value: unknown, key: Key): number[] {
  return arrayOf(value, key, (item) => {
    if (!Number.isSafeInteger(item) || (item as number) < 1) fail('expected a pid (an integer ≥ 1)');
    return item as number;
  });
}

// ---- enums (the contract's z.enum values) ----

const SOURCES: ReadonlySet<string> = new Set(SNAPSHOT_SOURCES);
const EVENT_TYPES: ReadonlySet<string> = new Set<PortEvent['type']>(['listen-opened', 'listen-closed']);
const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);
const SYSTEMD_SCOPES: ReadonlySet<string> = new Set(['system', 'user']);

/** A row field's check: returns the value, or fails naming `key`. */
type FieldCheck<T> = (value: unknown, key: Key) => T;

/** The check of a row field's type (row-fields.ts), the zod-free twin of model.ts's schemaOf. */
function checkOf(type: FieldType): FieldCheck<unknown> {
  const check = ((): FieldCheck<unknown> => {
    switch (type.kind) {
      case 'text':
        return type.min ? (value, key) => str(value, key, type.min) : (value, key) => str(value, key);
      case 'enum': {
        const values: ReadonlySet<unknown> = new Set(type.values);
        return (value, key) => oneOf(values, value, key);
      }
      case 'int':
        return (value, key) => int(value, key, type.min);
      case 'port':
        return port;
      case 'count':
        return count;
      case 'number':
        return num;
      case 'boolean':
        return bool;
      case 'pids':
        return pidList;
    }
  })();
  return type.nullable ? (value, key) => (value === null ? null : check(value, key)) : check;
}

/** Each SocketRow field's check, by name, made from the field table: the packed codec checks columns with these. */
export const ROW_FIELD_CHECKS = Object.fromEntries(
  ROW_FIELD_TABLE.map((spec) => [spec.name, checkOf(spec.type)]),
) as { readonly [K in RowField]: FieldCheck<RowValue<K>> };

const F = ROW_FIELD_CHECKS;

/**
 * A SocketRow. Written out field by field, not looped over the table: it runs 20,000 times per
 * snapshot. The compiler holds it to every field (the literal is a SocketRow), and
 * wire-check.test.ts to the zod schema made from the table, for rows with any field wrong.
 */
export function socketRow(value: unknown): SocketRow {
  const v = record(value);
  return {
    id: F.id(v.id, 'id'),
    protocol: F.protocol(v.protocol, 'protocol'),
    family: F.family(v.family, 'family'),
    localAddress: F.localAddress(v.localAddress, 'localAddress'),
    localPort: F.localPort(v.localPort, 'localPort'),
    remoteAddress: F.remoteAddress(v.remoteAddress, 'remoteAddress'),
    remotePort: F.remotePort(v.remotePort, 'remotePort'),
    state: F.state(v.state, 'state'),
    pids: F.pids(v.pids, 'pids'),
    ownerReason: F.ownerReason(v.ownerReason, 'ownerReason'),
    inode: F.inode(v.inode, 'inode'),
    uid: F.uid(v.uid, 'uid'),
    scope: F.scope(v.scope, 'scope'),
    bytesSent: F.bytesSent(v.bytesSent, 'bytesSent'),
    bytesReceived: F.bytesReceived(v.bytesReceived, 'bytesReceived'),
    sendRate: F.sendRate(v.sendRate, 'sendRate'),
    receiveRate: F.receiveRate(v.receiveRate, 'receiveRate'),
    firstSeen: F.firstSeen(v.firstSeen, 'firstSeen'),
    v6Only: F.v6Only(v.v6Only, 'v6Only'),
  };
}

/** A SocketPatch: `id` plus any of the fields that can change (each absent or valid; others are dropped, as zod does). */
export function socketPatch(value: unknown): SocketPatch {
  const v = record(value);
  const out: Record<string, unknown> = { id: F.id(v.id, 'id') };
  for (const field of CHANGING_FIELDS) {
    const item = v[field];
    if (item !== undefined) out[field] = (F[field] as FieldCheck<unknown>)(item, field);
  }
  return out as SocketPatch;
}

function serviceManager(value: unknown, key: Key): ServiceManager | null {
  if (value === null) return null;
  return within(key, () => {
    const v = record(value);
    switch (v.kind) {
      case 'systemd':
        return {
          kind: 'systemd',
          unit: str(v.unit, 'unit'),
          scope: oneOf<'system' | 'user'>(SYSTEMD_SCOPES, v.scope, 'scope'),
          uid: v.uid === null ? null : int(v.uid, 'uid'),
        };
      case 'docker':
        return { kind: 'docker', containerId: str(v.containerId, 'containerId') };
      case 'pm2':
        return { kind: 'pm2', id: str(v.id, 'id'), name: nullableStr(v.name, 'name') };
      case 'launchd':
        return { kind: 'launchd', label: str(v.label, 'label'), domain: launchdDomain(v.domain, 'domain') };
      case 'homebrew':
        return {
          kind: 'homebrew',
          formula: str(v.formula, 'formula'),
          label: str(v.label, 'label'),
          domain: launchdDomain(v.domain, 'domain'),
        };
      case 'windows-service':
        return { kind: 'windows-service', name: str(v.name, 'name') };
      default:
        return fail(`expected kind ${SERVICE_MANAGER_KINDS.join(', ')}`, 'kind');
    }
  });
}

function launchdDomain(value: unknown, key: Key): string {
  const domain = str(value, key);
  return LAUNCHD_DOMAIN.test(domain) ? domain : fail('expected system or gui/<uid>', key);
}

/** A ProcessInfo. */
export function processInfo(value: unknown): ProcessInfo {
  const v = record(value);
  return {
    pid: int(v.pid, 'pid', 1),
    startTime: int(v.startTime, 'startTime', 0),
    startedAt: num(v.startedAt, 'startedAt'),
    name: str(v.name, 'name'),
    exe: nullableStr(v.exe, 'exe'),
    argv: strings(v.argv, 'argv'),
    cwd: nullableStr(v.cwd, 'cwd'),
    uid: v.uid === null ? null : int(v.uid, 'uid', 0),
    user: str(v.user, 'user'),
    ppid: int(v.ppid, 'ppid', 0),
    service: serviceManager(v.service, 'service'),
  };
}

/** A snapshot's processes (a record keyed by pid; keys are free strings in the schema). */
export function processRecord(value: unknown, key: Key): Record<string, ProcessInfo> {
  if (!isRecord(value)) fail('expected an object', key);
  const out: Record<string, ProcessInfo> = {};
  for (const pid of Object.keys(value))
    out[pid] = within(key, () => within(pid, () => processInfo(value[pid])));
  return out;
}

/** A PortEvent. */
export function portEvent(value: unknown): PortEvent {
  const v = record(value);
  return {
    type: oneOf<PortEvent['type']>(EVENT_TYPES, v.type, 'type'),
    time: num(v.time, 'time'),
    rowId: str(v.rowId, 'rowId'),
    protocol: F.protocol(v.protocol, 'protocol'),
    family: F.family(v.family, 'family'),
    localAddress: str(v.localAddress, 'localAddress'),
    localPort: port(v.localPort, 'localPort'),
    scope: F.scope(v.scope, 'scope'),
    v6Only: F.v6Only(v.v6Only, 'v6Only'),
    pids: pidList(v.pids, 'pids'),
    process: v.process === null ? null : within('process', () => processInfo(v.process)),
  };
}

/** The header fields a Snapshot and a Delta share, checked. */
export function streamHeader(
  v: Record<string, unknown>,
  minSeq: number,
): Pick<Snapshot, 'time' | 'seq' | 'source' | 'hiddenOwners' | 'warnings'> {
  return {
    time: num(v.time, 'time'),
    seq: int(v.seq, 'seq', minSeq),
    source: oneOf<SnapshotSource>(SOURCES, v.source, 'source'),
    hiddenOwners: int(v.hiddenOwners, 'hiddenOwners', 0),
    warnings: strings(v.warnings, 'warnings'),
  };
}

/**
 * How a stream's rows are read: as plain objects (JSON, here) or from packed columns
 * (packed-stream.ts). Each reader labels its own issues under `name`.
 */
export interface RowReaders {
  /** SocketRows (a snapshot's sockets, a delta's added). */
  rows(value: unknown, name: string): SocketRow[];
  /** Row ids (a delta's removed). */
  ids(value: unknown, name: string): string[];
  /** SocketPatches (a delta's changed). */
  patches(value: unknown, name: string): SocketPatch[];
}

const PLAIN_ROWS: RowReaders = {
  rows: (value, name) => arrayOf(value, name, socketRow),
  ids: (value, name) => arrayOf(value, name, stringItem),
  patches: (value, name) => arrayOf(value, name, socketPatch),
};

/** A Snapshot whose rows `read` reads. */
export function snapshotOf(value: unknown, read: RowReaders): Snapshot {
  const v = record(value);
  const header = streamHeader(v, 0);
  return {
    time: header.time,
    seq: header.seq,
    source: header.source,
    sockets: read.rows(v.sockets, 'sockets'),
    processes: processRecord(v.processes, 'processes'),
    hiddenOwners: header.hiddenOwners,
    warnings: header.warnings,
  };
}

/** A Delta whose rows `read` reads. */
export function deltaOf(value: unknown, read: RowReaders): Delta {
  const v = record(value);
  const header = streamHeader(v, 1);
  return {
    time: header.time,
    seq: header.seq,
    source: header.source,
    added: read.rows(v.added, 'added'),
    removed: read.ids(v.removed, 'removed'),
    changed: read.patches(v.changed, 'changed'),
    processesUpserted: arrayOf(v.processesUpserted, 'processesUpserted', processInfo),
    processesRemoved: pidList(v.processesRemoved, 'processesRemoved'),
    hiddenOwners: header.hiddenOwners,
    warnings: header.warnings,
    events: arrayOf(v.events, 'events', portEvent),
  };
}

/** A Snapshot. */
export function snapshot(value: unknown): Snapshot {
  return snapshotOf(value, PLAIN_ROWS);
}

/** A Delta. */
export function delta(value: unknown): Delta {
  return deltaOf(value, PLAIN_ROWS);
}

/** A ContractError. */
export function contractError(value: unknown): ContractError {
  const v = record(value);
  return {
    code: oneOf<ErrorCode>(ERROR_CODE_SET, v.code, 'code'),
    message: str(v.message, 'message'),
    detail: nullableStr(v.detail, 'detail'),
  };
}

function portNotification(value: unknown): PortNotification {
  const v = record(value);
  const rowIds = strings(v.rowIds, 'rowIds');
  if (rowIds.length < 1) fail('expected at least one row id', 'rowIds');
  return { title: str(v.title, 'title'), body: str(v.body, 'body'), rowIds, time: num(v.time, 'time'), key: str(v.key, 'key') };
}

/** A snapshot message's optional count of rows still to come (absent: the snapshot is whole). */
export function snapshotRest(v: Record<string, unknown>): { rest?: number } {
  return v.rest === undefined ? {} : { rest: int(v.rest, 'rest', 0) };
}

/** A stream message that carries rows (snapshot, snapshot-rest or delta), read by `read`; null for any other type. */
export function rowMessage(v: Record<string, unknown>, read: RowReaders): StreamMessage | null {
  switch (v.type) {
    case 'snapshot':
      return {
        type: 'snapshot',
        snapshot: within('snapshot', () => snapshotOf(v.snapshot, read)),
        ...snapshotRest(v),
      };
    case 'snapshot-rest':
      return {
        type: 'snapshot-rest',
        seq: int(v.seq, 'seq', 0),
        sockets: read.rows(v.sockets, 'sockets'),
        rest: int(v.rest, 'rest', 0),
      };
    case 'delta':
      return { type: 'delta', delta: within('delta', () => deltaOf(v.delta, read)) };
    default:
      return null;
  }
}

/** A StreamMessage (snapshot, snapshot-rest, delta, reveal, error or notify). */
export function streamMessage(value: unknown): StreamMessage {
  const v = record(value);
  const rows = rowMessage(v, PLAIN_ROWS);
  if (rows) return rows;
  switch (v.type) {
    case 'reveal':
      return { type: 'reveal', rowId: str(v.rowId, 'rowId') };
    case 'error':
      return { type: 'error', error: within('error', () => contractError(v.error)) };
    case 'notify':
      return { type: 'notify', notification: within('notification', () => portNotification(v.notification)) };
    default:
      return fail('expected type snapshot, snapshot-rest, delta, reveal, error or notify', 'type');
  }
}
