/**
 * `portlens list --json`: the rows as a JSON array, each socket's fields plus its first owner's
 * `process`, written as bytes. Each process is serialised once however many sockets it owns (a
 * busy server's 20,000 rows would otherwise repeat its argv 20,000 times) and the rows go
 * through JsonBytes rather than JSON.stringify: at 20,000 sockets, building 14 MB of strings
 * and encoding them was most of the command's JavaScript time and garbage.
 */
import { OWNER_REASONS, PROTOCOLS, SCOPES, SOCKET_STATES } from '../contract/enum-values.js';
import type { Family, Protocol, SocketRow, Snapshot } from '../contract/model.js';
import { JsonBytes, literal, type PieceSource } from './json-bytes.js';
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
const COMMA = literal(',');
const OPEN = literal('[');
const CLOSE = literal(']');
const NO_PROCESS = literal(',"process":null}');
/** The fields writeRow writes, in order: the compiler fails here when SocketRow gains one. */
const WRITTEN = {
  id: 1, protocol: 2, family: 3, localAddress: 4, localPort: 5, remoteAddress: 6, remotePort: 7, state: 8, pids: 9,
  ownerReason: 10, inode: 11, uid: 12, scope: 13, bytesSent: 14, bytesReceived: 15, sendRate: 16, receiveRate: 17, firstSeen: 18,
} satisfies Record<keyof SocketRow, number>;
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
  const firstSeen = new RepeatedNumber();
  out.raw(OPEN);
  for (let i = 0; i < rows.length; i++) {
    const row = rows.at(i) as SocketRow;
    if (i > 0) out.raw(COMMA);
    writeRow(out, row, firstSeen);
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
 * A number most rows share, encoded once per value: every row of a one-shot listing was first
 * seen at the same moment, and its 13 digits were the costliest number to write.
 */
class RepeatedNumber {
  #value = Number.NaN;
  #bytes: Uint8Array = new Uint8Array(0);

  bytes(value: number): Uint8Array {
    if (value !== this.#value) {
      this.#value = value;
      this.#bytes = Buffer.from(JSON.stringify(value), 'latin1');
    }
    return this.#bytes;
  }
}

/** A row's members, from `{` to just before the closing brace (the owner's part closes it). */
function writeRow(out: JsonBytes, row: SocketRow, firstSeen: RepeatedNumber): void {
  out.raw(ID);
  out.string(row.id);
  out.raw(BEFORE_LOCAL[row.family][row.protocol]);
  out.string(row.localAddress);
  out.raw(LOCAL_PORT);
  out.number(row.localPort);
  out.raw(REMOTE_ADDRESS);
  out.nullableString(row.remoteAddress);
  out.raw(REMOTE_PORT);
  out.nullableNumber(row.remotePort);
  out.raw(STATE_THEN_PIDS[row.state]);
  for (let i = 0; i < row.pids.length; i++) {
    if (i > 0) out.raw(COMMA);
    out.number(row.pids[i] as number);
  }
  out.raw(REASON_THEN_INODE[row.ownerReason ?? 'none']);
  out.number(row.inode);
  out.raw(UID);
  out.nullableNumber(row.uid);
  out.raw(SCOPE_THEN_SENT[row.scope]);
  out.nullableNumber(row.bytesSent);
  out.raw(RECEIVED);
  out.nullableNumber(row.bytesReceived);
  out.raw(SEND_RATE);
  out.nullableNumber(row.sendRate);
  out.raw(RECEIVE_RATE);
  out.nullableNumber(row.receiveRate);
  out.raw(FIRST_SEEN);
  out.raw(firstSeen.bytes(row.firstSeen));
}
