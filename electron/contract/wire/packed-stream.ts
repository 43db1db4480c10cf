/**
 * The "packed" form of the stream's snapshots and deltas on the WebSocket: rows as columns
 * instead of objects with their keys repeated. A 20,000-socket snapshot is ~6× smaller this
 * way, which is most of what it costs a page to receive and parse it. Browser mode asks for it
 * with the stream subprotocol (ws-frames.ts) or when it subscribes (`{ type: 'subscribe',
 * encoding: 'packed' }`); Electron's IPC and plain subscribers keep the object form. Unpacking checks every value with the same checks as
 * wire-check.ts, so a packed message is validated exactly as strictly as a plain one.
 *
 * A column holds one field of every row, in the form that is shortest for it:
 * - a plain array, one value per row;
 * - `{ d, i }`: the distinct values once, then an index per row (addresses, states, pids…);
 * - `{ z }`: integers as differences, the first value then each row minus the one before;
 * - `{ p, s }`: strings front-coded, the characters shared with the row before, then the rest.
 */
import type { Delta, Snapshot, SocketPatch, SocketRow } from '../model.js';
import type { StreamMessage } from '../api.js';
import {
  CHANGING_FIELDS,
  ROW_FIELD_TABLE,
  ROW_FIELDS,
  type PackedCodec,
  type RowField,
  type RowValue,
} from '../row-fields.js';
import {
  checked,
  deltaOf,
  fail,
  int,
  isRecord,
  record,
  ROW_FIELD_CHECKS,
  rowMessage,
  snapshotOf,
  within,
  WireIssue,
  type Checked,
  type Key,
  type RowReaders,
} from './wire-check.js';

/** One field of every row. See the file comment for the four forms. */
export type PackedColumn =
  unknown[] | { d: unknown[]; i: number[] } | { z: number[] } | { p: number[]; s: string[] };

/** Rows as columns: `n` rows, one column per SocketRow field, keyed by the field's name. */
export interface PackedRows {
  n: number;
  c: Record<string, PackedColumn>;
}

/**
 * Patches as columns: per patch a mask of the fields it carries (bit k = the k-th field of the
 * table that can change), its id, and per field the values of the patches that carry it, in order.
 */
export interface PackedPatches {
  n: number;
  m: PackedColumn;
  id: PackedColumn;
  c: Record<string, PackedColumn>;
}

/** A Snapshot with its sockets packed. */
export type PackedSnapshot = Omit<Snapshot, 'sockets'> & { sockets: PackedRows };

/** A Delta with its added rows, removed ids and patches packed. */
export type PackedDelta = Omit<Delta, 'added' | 'removed' | 'changed'> & {
  added: PackedRows;
  removed: PackedColumn;
  changed: PackedPatches;
};

/** The packed stream messages (the other stream messages are small and stay plain). */
export type PackedStreamMessage =
  | { type: 'snapshot'; snapshot: PackedSnapshot; rest?: number }
  | { type: 'snapshot-rest'; seq: number; sockets: PackedRows; rest: number }
  | { type: 'delta'; delta: PackedDelta };

/** Row fields a patch may carry (the ones that can change), in mask-bit order. */
const PATCH_FIELDS = CHANGING_FIELDS;
const MAX_MASK = 2 ** PATCH_FIELDS.length - 1;

// ---- packing (server side; input is already valid, produced by core) ----

/** Packs a snapshot or delta message; null for the messages that stay plain. */
export function packStreamMessage(message: StreamMessage): PackedStreamMessage | null {
  switch (message.type) {
    case 'snapshot': {
      const snapshot = packSnapshot(message.snapshot);
      return message.rest === undefined
        ? { type: 'snapshot', snapshot }
        : { type: 'snapshot', snapshot, rest: message.rest };
    }
    case 'snapshot-rest':
      return {
        type: 'snapshot-rest',
        seq: message.seq,
        sockets: packRows(message.sockets),
        rest: message.rest,
      };
    case 'delta':
      return { type: 'delta', delta: packDelta(message.delta) };
    default:
      return null;
  }
}

// Below this many rows a delta is sent plain even to a packed subscriber: packing pays for itself
// over many rows only, and an idle machine's deltas (a few rows a tick) then cost no packing work.
const PACK_FROM_ROWS = 32;

/** Whether a message is worth packing: snapshots (and their rest) always, deltas with many rows. */
export function worthPacking(message: StreamMessage): boolean {
  if (message.type === 'snapshot' || message.type === 'snapshot-rest') return true;
  if (message.type !== 'delta') return false;
  const { added, removed, changed } = message.delta;
  return added.length + removed.length + changed.length >= PACK_FROM_ROWS;
}

/** Packs a snapshot. */
export function packSnapshot(snapshot: Snapshot): PackedSnapshot {
  return { ...snapshot, sockets: packRows(snapshot.sockets) };
}

/** Packs a delta. */
export function packDelta(delta: Delta): PackedDelta {
  return {
    ...delta,
    added: packRows(delta.added),
    removed: frontCode(delta.removed),
    changed: packPatches(delta.changed),
  };
}

/** Packs rows as columns. */
export function packRows(rows: readonly SocketRow[]): PackedRows {
  const steps = packRowsSteps(rows);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Packs rows a column at a time, pausing after each: 20,000 rows take a while, and the server
 * lets other work in between (or runs the steps at once, as packRows does).
 */
export function* packRowsSteps(rows: readonly SocketRow[]): Generator<void, PackedRows> {
  // One pass with plain property reads (a read by a computed field name per cell is far slower),
  // into the columns by name. Arrays grow by push: a preallocated `new Array(n)` of this size is
  // slow to make and holey.
  const c = Object.fromEntries(ROW_FIELDS.map((field) => [field, []])) as unknown as { [K in RowField]: RowValue<K>[] };
  const { id, protocol, family, localAddress, localPort, remoteAddress, remotePort, state, pids, ownerReason } = c;
  const { inode, uid, scope, bytesSent, bytesReceived, sendRate, receiveRate, firstSeen, v6Only } = c;
  for (const row of rows) {
    id.push(row.id);
    protocol.push(row.protocol);
    family.push(row.family);
    localAddress.push(row.localAddress);
    localPort.push(row.localPort);
    remoteAddress.push(row.remoteAddress);
    remotePort.push(row.remotePort);
    state.push(row.state);
    pids.push(row.pids);
    ownerReason.push(row.ownerReason);
    inode.push(row.inode);
    uid.push(row.uid);
    scope.push(row.scope);
    bytesSent.push(row.bytesSent);
    bytesReceived.push(row.bytesReceived);
    sendRate.push(row.sendRate);
    receiveRate.push(row.receiveRate);
    firstSeen.push(row.firstSeen);
    v6Only.push(row.v6Only);
  }
  const packed: Record<string, PackedColumn> = {};
  for (const spec of ROW_FIELD_TABLE) {
    yield;
    const values: unknown[] = c[spec.name];
    // The loop above is written out for speed: a field of the table it misses fails here.
    if (values.length !== rows.length) throw new Error(`packRows: the ${spec.name} column was not filled`);
    packed[spec.name] = CODECS[spec.packed](values);
  }
  return { n: rows.length, c: packed };
}

/** Each packed codec of the field table (row-fields.ts PackedCodec). */
const CODECS: Record<PackedCodec, (values: readonly unknown[]) => PackedColumn> = {
  'front-coded': (values) => frontCode(values as string[]),
  shortest: (values) => packColumn(values),
};

function packPatches(patches: readonly SocketPatch[]): PackedPatches {
  const masks: number[] = [];
  const columns = new Map<string, unknown[]>(PATCH_FIELDS.map((field) => [field, []]));
  for (const patch of patches) {
    let mask = 0;
    PATCH_FIELDS.forEach((field, bit) => {
      const value = patch[field];
      if (value === undefined) return;
      mask |= 1 << bit;
      columns.get(field)!.push(value);
    });
    masks.push(mask);
  }
  const c: Record<string, PackedColumn> = {};
  for (const [field, values] of columns) if (values.length) c[field] = packColumn(values);
  return { n: patches.length, m: packColumn(masks), id: frontCode(patches.map((patch) => patch.id)), c };
}

/** Strings as shared-prefix lengths and suffixes (ids share long prefixes with their neighbours). */
function frontCode(values: readonly string[]): PackedColumn {
  const p: number[] = [];
  const s: string[] = [];
  let previous = '';
  for (const value of values) {
    const limit = Math.min(value.length, previous.length);
    let shared = 0;
    while (shared < limit && value.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    // Keep surrogate pairs whole, so every suffix is well-formed text on its own.
    if (shared > 0 && shared < value.length && isLowSurrogate(value.charCodeAt(shared))) shared--;
    p.push(shared);
    s.push(value.slice(shared));
    previous = value;
  }
  return { p, s };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// Above this many distinct values a dictionary rarely pays; stop counting there.
const MAX_DICTIONARY = 256;

/** Picks the shortest of the plain, dictionary and difference forms for `values`. */
function packColumn(values: readonly unknown[]): PackedColumn {
  const n = values.length;
  if (n < 2) return values.slice();
  let plainSize = 0;
  let allIntegers = true;
  let diffSize = 0;
  let previous = 0;
  const index = new Map<unknown, number>();
  // Arrays (pids) are keyed by their text, apart from scalars, so "[1]" and [1] never meet.
  const arrayIndex = new Map<string, number>();
  const distinct: unknown[] = [];
  let dictionary = true;
  let dictionarySize = 0;
  const rowIndexes: number[] = [];
  for (let r = 0; r < n; r++) {
    const value = values[r];
    const size = jsonSize(value);
    plainSize += size + 1;
    if (allIntegers) {
      if (Number.isSafeInteger(value) && Number.isSafeInteger((value as number) - previous)) {
        diffSize += digits((value as number) - previous) + 1;
        previous = value as number;
      } else allIntegers = false;
    }
    if (dictionary) {
      const key = Array.isArray(value) ? value.join(',') : value;
      const map = Array.isArray(value) ? (arrayIndex as Map<unknown, number>) : index;
      let at = map.get(key);
      if (at === undefined) {
        if (distinct.length >= MAX_DICTIONARY) {
          dictionary = false;
          continue;
        }
        at = distinct.length;
        map.set(key, at);
        distinct.push(value);
        dictionarySize += size + 1;
      }
      rowIndexes.push(at);
      dictionarySize += digits(at) + 1;
    }
  }
  const best = Math.min(plainSize, dictionary ? dictionarySize : Infinity, allIntegers ? diffSize : Infinity);
  if (dictionary && best === dictionarySize) return { d: distinct, i: rowIndexes };
  if (allIntegers && best === diffSize) {
    const z: number[] = [];
    let last = 0;
    for (const value of values as number[]) {
      z.push(value - last);
      last = value;
    }
    return { z };
  }
  return values.slice();
}

/** Characters a scalar (or an array of them) takes in JSON, near enough to compare forms. */
function jsonSize(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? digits(value) : String(value).length;
  if (typeof value === 'string') return value.length + 2;
  if (value === null) return 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (Array.isArray(value)) {
    let size = 1 + value.length;
    for (const item of value) size += jsonSize(item);
    return size;
  }
  return JSON.stringify(value)?.length ?? 4;
}

/** Characters of a safe integer in JSON (no loop: this runs for every cell of a snapshot). */
function digits(value: number): number {
  let rest = value < 0 ? -value : value;
  let n = value < 0 ? 2 : 1;
  if (rest >= 1e8) {
    n += 8;
    rest = Math.floor(rest / 1e8);
  }
  if (rest >= 1e4) {
    n += 4;
    rest = Math.floor(rest / 1e4);
  }
  if (rest >= 100) {
    n += 2;
    rest = Math.floor(rest / 100);
  }
  return rest >= 10 ? n + 1 : n;
}

// ---- unpacking (page side; input is untrusted) ----

/** Unpacks and checks a packed stream message. */
export function unpackStreamMessage(value: unknown): Checked<StreamMessage> {
  return checked(unpackStream, value);
}

function unpackStream(value: unknown): StreamMessage {
  return rowMessage(record(value), PACKED_ROWS) ?? fail('expected type snapshot, snapshot-rest or delta', 'type');
}

/** Rows from packed columns, each labelled like its plain counterpart. */
const PACKED_ROWS: RowReaders = {
  rows: (value, name) => within(name, () => unpackRows(value)),
  ids: (value, name) => within(name, () => unpackColumn(value, count(value), ROW_FIELD_CHECKS.id)),
  patches: (value, name) => within(name, () => unpackPatches(value)),
};

/** Unpacks and checks a packed snapshot. */
export function unpackSnapshot(value: unknown): Checked<Snapshot> {
  return checked(unpackSnapshotValue, value);
}

/** Unpacks and checks a packed delta. */
export function unpackDelta(value: unknown): Checked<Delta> {
  return checked(unpackDeltaValue, value);
}

function unpackSnapshotValue(value: unknown): Snapshot {
  return snapshotOf(value, PACKED_ROWS);
}

function unpackDeltaValue(value: unknown): Delta {
  return deltaOf(value, PACKED_ROWS);
}

/** How many values a column holds (its form decides where the count is). */
function count(column: unknown): number {
  if (Array.isArray(column)) return column.length;
  if (!isRecord(column)) return fail('expected a column');
  const list = column.i ?? column.z ?? column.p;
  if (!Array.isArray(list)) return fail('expected a column: an array, or an object with i, z or p');
  return list.length;
}

function unpackRows(value: unknown): SocketRow[] {
  const v = record(value);
  const n = int(v.n, 'n', 0);
  const columns = record(v.c, 'c');
  // One reader per column, by field name, read row by row: no column is first copied out in full.
  const readers = Object.fromEntries(
    ROW_FIELDS.map((field) => [
      field,
      within('c', () => within(field, () => columnReader<unknown>(columns[field], n, ROW_FIELD_CHECKS[field], ['c', field]))),
    ]),
  ) as { [K in RowField]: () => RowValue<K> };
  const { id, protocol, family, localAddress, localPort, remoteAddress, remotePort, state, pids, ownerReason } = readers;
  const { inode, uid, scope, bytesSent, bytesReceived, sendRate, receiveRate, firstSeen, v6Only } = readers;
  const rows = new Array<SocketRow>(n);
  for (let r = 0; r < n; r++) {
    // Built in the table's field order, like every other row object (one hidden class); the
    // compiler holds the literal to every field.
    rows[r] = {
      id: id(),
      protocol: protocol(),
      family: family(),
      localAddress: localAddress(),
      localPort: localPort(),
      remoteAddress: remoteAddress(),
      remotePort: remotePort(),
      state: state(),
      pids: pids(),
      ownerReason: ownerReason(),
      inode: inode(),
      uid: uid(),
      scope: scope(),
      bytesSent: bytesSent(),
      bytesReceived: bytesReceived(),
      sendRate: sendRate(),
      receiveRate: receiveRate(),
      firstSeen: firstSeen(),
      v6Only: v6Only(),
    };
  }
  return rows;
}

function unpackPatches(value: unknown): SocketPatch[] {
  const v = record(value);
  const n = int(v.n, 'n', 0);
  const masks = within('m', () =>
    unpackColumn(v.m, n, (mask, key) => {
      if (!Number.isInteger(mask) || (mask as number) < 0 || (mask as number) > MAX_MASK)
        fail('expected a field mask', key);
      return mask as number;
    }),
  );
  const ids = within('id', () => unpackColumn(v.id, n, ROW_FIELD_CHECKS.id));
  // Like an object schema, unknown columns are ignored.
  const columns = record(v.c, 'c');
  const fieldValues = PATCH_FIELDS.map((field, bit) => {
    let carried = 0;
    for (const mask of masks) if (mask & (1 << bit)) carried++;
    if (carried === 0 && columns[field] === undefined) return [];
    const check = ROW_FIELD_CHECKS[field] as (value: unknown, key: Key) => unknown;
    return within('c', () => within(field, () => unpackColumn(columns[field], carried, check)));
  });
  const next = new Array<number>(PATCH_FIELDS.length).fill(0);
  const patches = new Array<SocketPatch>(n);
  for (let r = 0; r < n; r++) {
    const patch: Record<string, unknown> = { id: ids[r] };
    const mask = masks[r]!;
    for (let bit = 0; bit < PATCH_FIELDS.length; bit++) {
      if (mask & (1 << bit)) patch[PATCH_FIELDS[bit]!] = fieldValues[bit]![next[bit]!++];
    }
    patches[r] = patch as SocketPatch;
  }
  return patches;
}

/**
 * A column's `n` values, each checked by `check` (a dictionary's values once each). Arrays are
 * copied per row so that no two rows share one (they are separate values on the wire, too).
 */
function unpackColumn<T>(column: unknown, n: number, check: (value: unknown, key: Key) => T): T[] {
  const next = columnReader(column, n, check, []);
  const out = new Array<T>(n);
  for (let r = 0; r < n; r++) out[r] = next();
  return out;
}

/**
 * Checks a column's shape (and a dictionary's values) now, and returns a function that yields its
 * `n` values one per call, each checked; a failure there names `path` and the row.
 */
function columnReader<T>(
  column: unknown,
  n: number,
  check: (value: unknown, key: Key) => T,
  path: readonly Key[],
): () => T {
  let r = 0;
  const failed = (error: unknown): never => {
    if (error instanceof WireIssue) error.path.unshift(...path);
    throw error;
  };
  if (Array.isArray(column)) {
    if (column.length !== n) fail(`expected ${n} values, got ${column.length}`);
    return () => {
      const at = r++;
      try {
        return check(column[at], at);
      } catch (error) {
        return failed(error);
      }
    };
  }
  const v = record(column);
  if (v.d !== undefined) {
    if (!Array.isArray(v.d)) fail('expected an array', 'd');
    const entries = v.d;
    const distinct = within('d', () => entries.map((value, j) => check(value, j)));
    const indexes = lengthOf(v.i, 'i', n);
    return () => {
      const at = r++;
      const index = indexes[at];
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= distinct.length) {
        failed(issueAt('expected an index into d', at));
      }
      const item = distinct[index as number] as T;
      return Array.isArray(item) ? (item.slice() as T) : item;
    };
  }
  if (v.z !== undefined) {
    const steps = lengthOf(v.z, 'z', n);
    let value = 0;
    return () => {
      const at = r++;
      const step = steps[at];
      if (!Number.isSafeInteger(step)) failed(issueAt('expected an integer step', 'z', at));
      value += step as number;
      if (!Number.isSafeInteger(value))
        failed(issueAt('the running value leaves the safe integers', 'z', at));
      try {
        return check(value, at);
      } catch (error) {
        return failed(error);
      }
    };
  }
  if (v.p !== undefined) {
    const shared = lengthOf(v.p, 'p', n);
    const suffixes = lengthOf(v.s, 's', n);
    let previous = '';
    return () => {
      const at = r++;
      const length = shared[at];
      const suffix = suffixes[at];
      if (!Number.isInteger(length) || (length as number) < 0 || (length as number) > previous.length) {
        failed(issueAt('expected a shared-prefix length', 'p', at));
      }
      if (typeof suffix !== 'string') failed(issueAt('expected a string', 's', at));
      previous = previous.slice(0, length as number) + (suffix as string);
      try {
        return check(previous, at);
      } catch (error) {
        return failed(error);
      }
    };
  }
  return fail('expected a column: an array, or an object with d, z or p');
}

/** A failure with `reason` at `keys` (below the current value). */
function issueAt(reason: string, ...keys: Key[]): WireIssue {
  const issue = new WireIssue(reason);
  issue.path.push(...keys);
  return issue;
}

function lengthOf(value: unknown, key: string, n: number): unknown[] {
  if (!Array.isArray(value)) fail('expected an array', key);
  if (value.length !== n) fail(`expected ${n} values, got ${value.length}`, key);
  return value;
}
