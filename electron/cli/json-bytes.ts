/**
 * A writer of JSON text straight into UTF-8 byte pieces, for output too big to build as
 * strings first (`portlens list --json` at 20,000 sockets is 14 MB). Keys, numbers and plain
 * ASCII strings are written byte by byte without making a string; anything else goes through
 * JSON.stringify, so the text is always what JSON.stringify would write.
 */

/** Default size of a piece: few writes to stdout, little memory. */
const PIECE_BYTES = 1 << 20;
const QUOTE = 0x22;
const NULL = Buffer.from('null', 'latin1');
const BACKSLASH = 0x5c;

/** The bytes of an ASCII literal (keys and punctuation), made once. */
export function literal(text: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new TypeError(`not a printable ASCII literal: ${text}`);
  return Buffer.from(text, 'latin1');
}

/** Where pieces come from: a buffer of at least `bytes` (PiecePool reuses written ones). */
export type PieceSource = (bytes: number) => Buffer;

const freshPieces: PieceSource = (bytes) => Buffer.allocUnsafe(Math.max(PIECE_BYTES, bytes));

/** Appends JSON to pieces of bytes; `take()` hands over the finished pieces. */
export class JsonBytes {
  #piece: Buffer | null = null;
  #used = 0;
  #done: Buffer[] = [];

  constructor(private readonly acquire: PieceSource = freshPieces) {}

  /** True when a piece is full and waits to be taken. */
  get hasFinished(): boolean {
    return this.#done.length > 0;
  }

  /**
   * Makes room for `bytes` more in the current piece, starting a new one if needed. Callers
   * reserve what a whole value may need, so a piece never ends inside a character.
   */
  reserve(bytes: number): void {
    if (this.#piece !== null && this.#used + bytes <= this.#piece.length) return;
    if (this.#piece !== null && this.#used > 0) this.#done.push(this.#piece.subarray(0, this.#used));
    this.#piece = this.acquire(bytes);
    this.#used = 0;
  }

  /** A literal (short: copied in a loop, cheaper than a native call for a few bytes). */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    const piece = this.#piece as Buffer;
    let at = this.#used;
    if (bytes.length > 32) piece.set(bytes, at);
    else for (let i = 0; i < bytes.length; i++) piece[at + i] = bytes[i] as number;
    at += bytes.length;
    this.#used = at;
  }

  /** A number as JSON.stringify writes it (non-finite: null). */
  number(value: number): void {
    if (!(Number.isSafeInteger(value) && value >= 0)) {
      this.#ascii(Number.isFinite(value) ? String(value) : 'null');
      return;
    }
    this.reserve(16);
    const piece = this.#piece as Buffer;
    if (value < 10) {
      piece[this.#used++] = 48 + value;
      return;
    }
    let digits = 2;
    for (let bound = 100; value >= bound && digits < 16; bound *= 10) digits++;
    let at = this.#used + digits;
    this.#used = at;
    let rest = value;
    // Ports, pids and inodes fit 31 bits, where integer division is cheap; byte counts and
    // times may not.
    while (rest > 0x7fffffff) {
      const next = Math.floor(rest / 10);
      piece[--at] = 48 + (rest - next * 10);
      rest = next;
    }
    while (rest > 0) {
      const next = (rest / 10) | 0;
      piece[--at] = 48 + (rest - next * 10);
      rest = next;
    }
  }

  /** A number or null. */
  nullableNumber(value: number | null): void {
    if (value === null) this.raw(NULL);
    else this.number(value);
  }

  /** A string value, quoted and escaped as JSON.stringify would. */
  string(text: string): void {
    this.reserve(text.length + 2);
    const piece = this.#piece as Buffer;
    const start = this.#used;
    let at = start;
    piece[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) {
        // Escapes or non-ASCII: rare in a socket table, so the general path.
        this.#used = start;
        this.#utf8(JSON.stringify(text));
        return;
      }
      piece[at++] = code;
    }
    piece[at++] = QUOTE;
    this.#used = at;
  }

  /** A string or null. */
  nullableString(text: string | null): void {
    if (text === null) this.raw(NULL);
    else this.string(text);
  }

  /** Already-encoded JSON (e.g. a value serialised once and repeated). */
  encoded(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    (this.#piece as Buffer).set(bytes, this.#used);
    this.#used += bytes.length;
  }

  /** The full pieces; with `all`, the current one too (the writer then starts a new one). */
  take(all = false): Buffer[] {
    const pieces = this.#done;
    this.#done = [];
    if (all && this.#piece !== null && this.#used > 0) {
      pieces.push(this.#piece.subarray(0, this.#used));
      this.#piece = null;
      this.#used = 0;
    }
    return pieces;
  }

  #ascii(text: string): void {
    this.reserve(text.length);
    this.#used += (this.#piece as Buffer).write(text, this.#used, 'latin1');
  }

  #utf8(text: string): void {
    this.reserve(text.length * 3); // at most 3 bytes per UTF-16 unit
    this.#used += (this.#piece as Buffer).write(text, this.#used, 'utf8');
  }
}
