/**
 * The monitor's SocketSink: RawSockets that hand back the last collect's object for a socket
 * that did not change. On an idle machine that is nearly every socket, so a poll allocates
 * (and the garbage collector reclaims) almost nothing per socket.
 *
 * The kernel lists sockets in hash-table order, which holds from one dump to the next while
 * the sockets stay; the last collect is walked with a cursor that steps over one socket gone
 * or one new. Anything else simply gets a new object: reuse is an optimisation, never a guess
 * (every field is compared, the cookie by its two words).
 */
import type { RawSocket } from '../model.js';
import { rawSocketOf, type DecodedSocket, type SocketSink } from './netlink-parse.js';

export class RecyclingSocketSink implements SocketSink {
  /**
   * This collect's sockets, kept for the next one. The two lists are swapped and reused (a new
   * empty array per collect would start as a list of small integers, and the first socket
   * pushed would send the optimised parser back to the interpreter).
   */
  #kept: RawSocket[] = [];
  /** Cookie words of `#kept` (typed: cookies pass 2^30, which would turn a plain array to doubles). */
  #lows = new Uint32Array(256);
  #highs = new Uint32Array(256);
  #previous: RawSocket[] = [];
  #previousLows = new Uint32Array(256);
  #previousHighs = new Uint32Array(256);
  #cursor = 0;
  /** Sockets of the current collect that reused last collect's object (diagnostics, tests). */
  reused = 0;

  /** Starts a collect: what was added since the last `begin` becomes the objects to reuse. */
  begin(): void {
    // Swap: the old previous lists are overwritten by this collect.
    [this.#previous, this.#kept] = [this.#kept, this.#previous];
    [this.#previousLows, this.#lows] = [this.#lows, this.#previousLows];
    [this.#previousHighs, this.#highs] = [this.#highs, this.#previousHighs];
    this.#kept.length = 0;
    this.#cursor = 0;
    this.reused = 0;
  }

  /** The sockets added since `begin`, in a new array the caller may do as it likes with. */
  get sockets(): RawSocket[] {
    return this.#kept.slice();
  }

  get count(): number {
    return this.#kept.length;
  }

  truncate(count: number): void {
    this.#kept.length = count;
  }

  /** Forgets the objects kept for reuse (after a failed collect: its order means nothing). */
  reset(): void {
    this.#kept.length = 0;
    this.begin();
  }

  add(s: Readonly<DecodedSocket>): void {
    const old = this.#match(s.cookieLow, s.cookieHigh);
    let socket: RawSocket;
    if (old !== null && sameSocket(old, s)) {
      socket = old;
      this.reused++;
    } else {
      socket = rawSocketOf(s);
    }
    const at = this.#kept.length;
    if (at === this.#lows.length) {
      this.#lows = grown(this.#lows);
      this.#highs = grown(this.#highs);
    }
    this.#lows[at] = s.cookieLow;
    this.#highs[at] = s.cookieHigh;
    this.#kept.push(socket);
  }

  /**
   * Last collect's socket with this cookie at the cursor, or just after it (one socket gone);
   * advances past it. Null when neither matches (a new socket: the cursor stays).
   */
  #match(low: number, high: number): RawSocket | null {
    const end = Math.min(this.#cursor + 2, this.#previous.length);
    for (let at = this.#cursor; at < end; at++) {
      if (this.#previousLows[at] === low && this.#previousHighs[at] === high) {
        this.#cursor = at + 1;
        return this.#previous[at] as RawSocket;
      }
    }
    return null;
  }
}

function grown(words: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(words.length * 2);
  bigger.set(words);
  return bigger;
}

/**
 * Every field but the cookie (matched already) is the same. Written out (it runs for every
 * socket of every poll); recycling-sink.test.ts changes each field of the table in turn.
 */
function sameSocket(old: RawSocket, s: Readonly<DecodedSocket>): boolean {
  return (
    old.protocol === s.protocol &&
    old.family === s.family &&
    old.state === s.state &&
    old.localPort === s.localPort &&
    old.remotePort === s.remotePort &&
    old.inode === s.inode &&
    old.uid === s.uid &&
    old.bytesSent === s.bytesSent &&
    old.bytesReceived === s.bytesReceived &&
    old.localAddress === s.localAddress &&
    old.remoteAddress === s.remoteAddress &&
    old.v6Only === s.v6Only
  );
}
