/**
 * Sockets in columns: a one-shot caller (`portlens list`) keeps every socket until it has
 * written them, and 20,000 socket objects plus their rows grew the heap by ~10 MB, each 4 KiB
 * of it a page fault (about 15 µs on the benchmark's VM) and most of it copied twice by the
 * young-generation GC. Columns hold the same in ~50 bytes a socket. Address strings are the
 * parser's cached ones, shared, not copied.
 */
import { SOCKET_STATES } from '../../contract/enum-values.js';
import type { SocketState } from '../model.js';
import type { DecodedSocket, SocketSink } from '../collect/netlink-parse.js';

const FIRST_CAPACITY = 1 << 16;
/** Stands for null in the number columns that can be null (ports, uids, byte counts are ≥ 0). */
const NONE = -1;
const STATE_CODES = new Map<SocketState, number>(SOCKET_STATES.map((state, code) => [state, code]));

/**
 * The sockets by column, socket i at index i. Codes: protocol 0 tcp / 1 udp; state the index
 * in SOCKET_STATES; NONE (-1) for null in remotePort, uid, the byte counts and v6Only. A socket's
 * row is made of these by socket-listing.ts, held to the pipeline's rows by its tests.
 */
export interface SocketColumns {
  readonly count: number;
  readonly protocol: Uint8Array;
  readonly family: Uint8Array;
  readonly state: Uint8Array;
  readonly localAddress: readonly string[];
  readonly localPort: Uint16Array;
  readonly remoteAddress: readonly (string | null)[];
  readonly remotePort: Int32Array;
  readonly inode: Float64Array;
  readonly uid: Float64Array;
  /** The kernel's cookie words (both NO_COOKIE: none). */
  readonly cookieLow: Uint32Array;
  readonly cookieHigh: Uint32Array;
  readonly bytesSent: Float64Array;
  readonly bytesReceived: Float64Array;
  /** NONE for null, 0 false, 1 true. */
  readonly v6Only: Int8Array;
  /** `ss`'s Recv-Q and Send-Q (see DecodedSocket). */
  readonly receiveQueue: Uint32Array;
  readonly sendQueue: Uint32Array;
}

/** Collects the sockets of one dump by column. */
export class SocketTable implements SocketSink {
  count = 0;
  #protocol = new Uint8Array(FIRST_CAPACITY);
  #family = new Uint8Array(FIRST_CAPACITY);
  #state = new Uint8Array(FIRST_CAPACITY);
  #localPort = new Uint16Array(FIRST_CAPACITY);
  #remotePort = new Int32Array(FIRST_CAPACITY);
  #inode = new Float64Array(FIRST_CAPACITY);
  #uid = new Float64Array(FIRST_CAPACITY);
  #cookieLow = new Uint32Array(FIRST_CAPACITY);
  #cookieHigh = new Uint32Array(FIRST_CAPACITY);
  #bytesSent = new Float64Array(FIRST_CAPACITY);
  #bytesReceived = new Float64Array(FIRST_CAPACITY);
  #v6Only = new Int8Array(FIRST_CAPACITY);
  #receiveQueue = new Uint32Array(FIRST_CAPACITY);
  #sendQueue = new Uint32Array(FIRST_CAPACITY);
  readonly #localAddress: string[] = [];
  readonly #remoteAddress: (string | null)[] = [];

  add(s: Readonly<DecodedSocket>): void {
    const i = this.count;
    if (i === this.#protocol.length) this.#grow();
    this.#protocol[i] = s.protocol === 'tcp' ? 0 : 1;
    this.#family[i] = s.family;
    this.#state[i] = STATE_CODES.get(s.state) as number;
    this.#localPort[i] = s.localPort;
    this.#remotePort[i] = s.remotePort ?? NONE;
    this.#inode[i] = s.inode;
    this.#uid[i] = s.uid ?? NONE;
    this.#cookieLow[i] = s.cookieLow;
    this.#cookieHigh[i] = s.cookieHigh;
    this.#bytesSent[i] = s.bytesSent ?? NONE;
    this.#bytesReceived[i] = s.bytesReceived ?? NONE;
    this.#v6Only[i] = s.v6Only === null ? NONE : s.v6Only ? 1 : 0;
    this.#receiveQueue[i] = s.receiveQueue ?? 0;
    this.#sendQueue[i] = s.sendQueue ?? 0;
    this.#localAddress[i] = s.localAddress;
    this.#remoteAddress[i] = s.remoteAddress;
    this.count = i + 1;
  }

  truncate(count: number): void {
    if (count < this.count) {
      this.count = count;
      this.#localAddress.length = count;
      this.#remoteAddress.length = count;
    }
  }

  /** What was added, by column (views of the table's arrays: add nothing more after this). */
  columns(): SocketColumns {
    const n = this.count;
    return {
      count: n,
      protocol: this.#protocol.subarray(0, n),
      family: this.#family.subarray(0, n),
      state: this.#state.subarray(0, n),
      localAddress: this.#localAddress,
      localPort: this.#localPort.subarray(0, n),
      remoteAddress: this.#remoteAddress,
      remotePort: this.#remotePort.subarray(0, n),
      inode: this.#inode.subarray(0, n),
      uid: this.#uid.subarray(0, n),
      cookieLow: this.#cookieLow.subarray(0, n),
      cookieHigh: this.#cookieHigh.subarray(0, n),
      bytesSent: this.#bytesSent.subarray(0, n),
      bytesReceived: this.#bytesReceived.subarray(0, n),
      v6Only: this.#v6Only.subarray(0, n),
      receiveQueue: this.#receiveQueue.subarray(0, n),
      sendQueue: this.#sendQueue.subarray(0, n),
    };
  }

  #grow(): void {
    const capacity = this.#protocol.length * 2;
    this.#protocol = grown(this.#protocol, new Uint8Array(capacity));
    this.#family = grown(this.#family, new Uint8Array(capacity));
    this.#state = grown(this.#state, new Uint8Array(capacity));
    this.#localPort = grown(this.#localPort, new Uint16Array(capacity));
    this.#remotePort = grown(this.#remotePort, new Int32Array(capacity));
    this.#inode = grown(this.#inode, new Float64Array(capacity));
    this.#uid = grown(this.#uid, new Float64Array(capacity));
    this.#cookieLow = grown(this.#cookieLow, new Uint32Array(capacity));
    this.#cookieHigh = grown(this.#cookieHigh, new Uint32Array(capacity));
    this.#bytesSent = grown(this.#bytesSent, new Float64Array(capacity));
    this.#bytesReceived = grown(this.#bytesReceived, new Float64Array(capacity));
    this.#v6Only = grown(this.#v6Only, new Int8Array(capacity));
    this.#receiveQueue = grown(this.#receiveQueue, new Uint32Array(capacity));
    this.#sendQueue = grown(this.#sendQueue, new Uint32Array(capacity));
  }
}

/** A number column's value, or null for NONE. */
export const orNull = (value: number): number | null => (value === NONE ? null : value);

/** The v6Only column's value. */
export const flagOrNull = (value: number): boolean | null => (value === NONE ? null : value !== 0);

function grown<T extends Uint8Array | Int8Array | Uint16Array | Int32Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
