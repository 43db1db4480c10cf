/**
 * `portlens list --json`: the rows as a JSON array, each socket's fields plus its first owner's
 * `process`, written as bytes. Each process is serialised once however many sockets it owns (a
 * busy server's 20,000 rows would otherwise repeat its argv 20,000 times) and the rows go
 * through JsonBytes rather than JSON.stringify: at 20,000 sockets, building 14 MB of strings
 * and encoding them was most of the command's JavaScript time and garbage.
 */
import { OWNER_REASONS, PROTOCOLS, SCOPES, SOCKET_STATES } from '../../contract/enum-values.js';
import type { Family, Protocol, SocketRow, Snapshot } from '../../contract/model.js';
import type { RowField } from '../../contract/row-fields.js';
import { JsonBytes, NUMBER_MAX_BYTES, literal, putBytes, putNumber, putString, stringMaxBytes, type PieceSource } from './json-bytes.js';
import type { RowList } from './listing-order.js';

/**
 * One literal per value of an enum, made once. Enum-valued fields are written together with
 * the keys around them: `,"state":"LISTEN","pids":[` instead of a key, a string and a key.
 */
function literals<T extends string>(values: readonly T[], text: (value: T) => string): Record<T, Uint8Array> {
  const out = {} as Record<T, Uint8Array>;
  for (const value of values) out[value] = literal(text(value));
  return out;
}

const BEFORE_LOCAL = {
  4: literals(PROTOCOLS, (p) => `,"protocol":"${p}","family":4,"localAddress":`),
  6: literals(PROTOCOLS, (p) => `,"protocol":"${p}","family":6,"localAddress":`),
} satisfies Record<Family, Record<Protocol, Uint8Array>>;
const STATE_THEN_PIDS = literals(SOCKET_STATES, (state) => `,"state":"${state}","pids":[`);
const REASON_THEN_INODE = {
  ...literals(OWNER_REASONS, (reason) => `],"ownerReason":"${reason}","inode":`),
  none: literal('],"ownerReason":null,"inode":'),
};
const SCOPE_THEN_SENT = literals(SCOPES, (scope) => `,"scope":"${scope}","bytesSent":`);
const ID = literal('{"id":');
const LOCAL_PORT = literal(',"localPort":');
const REMOTE_ADDRESS = literal(',"remoteAddress":');
const REMOTE_PORT = literal(',"remotePort":');
const UID = literal(',"uid":');
const RECEIVED = literal(',"bytesReceived":');
const SEND_RATE = literal(',"sendRate":');
const RECEIVE_RATE = literal(',"receiveRate":');
const FIRST_SEEN = literal(',"firstSeen":');
const V6_ONLY = { true: literal(',"v6Only":true'), false: literal(',"v6Only":false'), null: literal(',"v6Only":null') };
const COMMA = literal(',');
const COMMA_BYTE = 0x2c;
const OPEN = literal('[');
const CLOSE = literal(']');
const NO_PROCESS = literal(',"process":null}');
/**
 * The fields writeRow writes, in order. writeRow is written out for speed rather than looped over
 * the field table: the compiler fails here when the table gains a field, and json-rows.test.ts
 * holds the output to JSON.stringify of rows with every field of the table, in the table's order.
 */
const WRITTEN = {
  id: 1, protocol: 2, family: 3, localAddress: 4, localPort: 5, remoteAddress: 6, remotePort: 7, state: 8, pids: 9,
  ownerReason: 10, inode: 11, uid: 12, scope: 13, bytesSent: 14, bytesReceived: 15, sendRate: 16, receiveRate: 17, firstSeen: 18,
  v6Only: 19,
} satisfies Record<RowField, number>;
void WRITTEN;

/**
 * The JSON array in pieces of UTF-8 to write one after another, each handed over as soon as it
 * is full (each ends between values). Pieces come from `acquire` (a PiecePool reuses them).
 * Each row is read whole before the next is asked for (rows made into one object work).
 */
export function* jsonRowPieces(
  rows: RowList,
  processes: Snapshot['processes'],
  acquire?: PieceSource,
): Generator<Buffer> {
  const out = new JsonBytes(acquire);
  const processJson = new Map<number, Uint8Array>();
  const ownerJson = (pid: number | undefined): Uint8Array => {
    if (pid === undefined) return NO_PROCESS;
    let json = processJson.get(pid);
    if (json === undefined) processJson.set(pid, (json = Buffer.from(`,"process":${JSON.stringify(processes[pid] ?? null)}}`)));
    return json;
  };
  const tail = new RowTail();
  out.raw(OPEN);
  for (let i = 0; i < rows.length; i++) {
    const row = rows.at(i) as SocketRow;
    if (i > 0) out.raw(COMMA);
    writeRow(out, row, tail);
    out.encoded(ownerJson(row.pids[0]));
    if (out.hasFinished) yield* out.take();
  }
  out.raw(CLOSE);
  yield* out.take(true);
}

/** `jsonRowPieces` as one string. */
export function jsonRows(rows: RowList, processes: Snapshot['processes']): string {
  return Buffer.concat([...jsonRowPieces(rows, processes)]).toString('utf8');
}

/**
 * The end of a row whose rates are null (every row of a one-shot listing), encoded once per
 * firstSeen: all of a listing's rows were first seen at the same moment, and its 13 digits were
 * the costliest number to write.
 */
class RowTail {
  #firstSeen = Number.NaN;
  #bytes: Uint8Array = new Uint8Array(0);

  /** `,"sendRate":null,"receiveRate":null,"firstSeen":T` for rows without rates, else null. */
  bytes(row: SocketRow): Uint8Array | null {
    if (row.sendRate !== null || row.receiveRate !== null) return null;
    if (row.firstSeen !== this.#firstSeen) {
      this.#firstSeen = row.firstSeen;
      this.#bytes = Buffer.from(`,"sendRate":null,"receiveRate":null,"firstSeen":${JSON.stringify(row.firstSeen)}`, 'latin1');
    }
    return this.#bytes;
  }
}

/** The literals' bytes at most, with the numbers a row always has (ports, inode, uid, counters, rates, time). */
const ROW_FIXED_BYTES =
  [ID, LOCAL_PORT, REMOTE_ADDRESS, REMOTE_PORT, UID, RECEIVED, SEND_RATE, RECEIVE_RATE, FIRST_SEEN].reduce((sum, bytes) => sum + bytes.length, 0) +
  Math.max(...Object.values(BEFORE_LOCAL).flatMap((byProtocol) => Object.values(byProtocol).map((bytes) => bytes.length))) +
  Math.max(...Object.values(STATE_THEN_PIDS).map((bytes) => bytes.length)) +
  Math.max(...Object.values(REASON_THEN_INODE).map((bytes) => bytes.length)) +
  Math.max(...Object.values(SCOPE_THEN_SENT).map((bytes) => bytes.length)) +
  Math.max(...Object.values(V6_ONLY).map((bytes) => bytes.length)) +
  9 * NUMBER_MAX_BYTES;

/**
 * A row's members, from `{` to just before the closing brace (the owner's part closes it), in
 * one reservation of the most it can take.
 */
function writeRow(out: JsonBytes, row: SocketRow, tail: RowTail): void {
  const pids = row.pids;
  out.reserve(
    ROW_FIXED_BYTES + stringMaxBytes(row.id) + stringMaxBytes(row.localAddress) + stringMaxBytes(row.remoteAddress) + pids.length * (NUMBER_MAX_BYTES + 1),
  );
  const p = out.piece;
  let at = putBytes(p, out.position, ID);
  at = putString(p, at, row.id);
  at = putBytes(p, at, BEFORE_LOCAL[row.family][row.protocol]);
  at = putString(p, at, row.localAddress);
  at = putBytes(p, at, LOCAL_PORT);
  at = putNumber(p, at, row.localPort);
  at = putBytes(p, at, REMOTE_ADDRESS);
  at = putString(p, at, row.remoteAddress);
  at = putBytes(p, at, REMOTE_PORT);
  at = putNumber(p, at, row.remotePort);
  at = putBytes(p, at, STATE_THEN_PIDS[row.state]);
  for (let i = 0; i < pids.length; i++) {
    if (i > 0) p[at++] = COMMA_BYTE;
    at = putNumber(p, at, pids[i] as number);
  }
  at = putBytes(p, at, REASON_THEN_INODE[row.ownerReason ?? 'none']);
  at = putNumber(p, at, row.inode);
  at = putBytes(p, at, UID);
  at = putNumber(p, at, row.uid);
  at = putBytes(p, at, SCOPE_THEN_SENT[row.scope]);
  at = putNumber(p, at, row.bytesSent);
  at = putBytes(p, at, RECEIVED);
  at = putNumber(p, at, row.bytesReceived);
  const shared = tail.bytes(row);
  if (shared !== null) {
    at = putBytes(p, at, shared);
  } else {
    at = putBytes(p, at, SEND_RATE);
    at = putNumber(p, at, row.sendRate);
    at = putBytes(p, at, RECEIVE_RATE);
    at = putNumber(p, at, row.receiveRate);
    at = putBytes(p, at, FIRST_SEEN);
    at = putNumber(p, at, row.firstSeen);
  }
  at = putBytes(p, at, row.v6Only === null ? V6_ONLY.null : row.v6Only ? V6_ONLY.true : V6_ONLY.false);
  out.position = at;
}
