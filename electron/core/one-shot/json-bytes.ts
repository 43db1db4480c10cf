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

/** Most bytes putNumber writes (a safe integer has at most 16 digits; String() of any number ≤ 24 chars). */
export const NUMBER_MAX_BYTES = 24;

/** Most bytes putString writes for `text` (a \u00XX escape is 6 bytes; non-ASCII at most 3 per unit). */
export function stringMaxBytes(text: string | null): number {
  return text === null ? 4 : text.length * 6 + 2;
}

/**
 * The put functions write at `at` into a piece the caller has made room in (JsonBytes.reserve,
 * with the *_MAX_BYTES bounds) and return the position after what they wrote. A row written
 * with one reservation and plain function calls costs far fewer calls than one method per
 * value, which matters most before the JIT has optimized the loop (a one-shot command).
 */
export function putBytes(piece: Buffer, at: number, bytes: Uint8Array): number {
  if (bytes.length > 32) {
    piece.set(bytes, at);
    return at + bytes.length;
  }
  for (let i = 0; i < bytes.length; i++) piece[at + i] = bytes[i] as number;
  return at + bytes.length;
}

/** A number (or null) as JSON.stringify writes it (non-finite: null). */
export function putNumber(piece: Buffer, at: number, value: number | null): number {
  if (value === null) return putBytes(piece, at, NULL);
  if (!(Number.isSafeInteger(value) && value >= 0)) return at + piece.write(Number.isFinite(value) ? String(value) : 'null', at, 'latin1');
  if (value < 10) {
    piece[at] = 48 + value;
    return at + 1;
  }
  let digits = 2;
  for (let bound = 100; value >= bound && digits < 16; bound *= 10) digits++;
  const end = at + digits;
  let position = end;
  let rest = value;
  // Ports, pids and inodes fit 31 bits, where integer division is cheap; byte counts and
  // times may not.
  while (rest > 0x7fffffff) {
    const next = Math.floor(rest / 10);
    piece[--position] = 48 + (rest - next * 10);
    rest = next;
  }
  while (rest > 0) {
    const next = (rest / 10) | 0;
    piece[--position] = 48 + (rest - next * 10);
    rest = next;
  }
  return end;
}

/** A string (or null), quoted and escaped as JSON.stringify would. */
export function putString(piece: Buffer, at: number, text: string | null): number {
  if (text === null) return putBytes(piece, at, NULL);
  let position = at;
  piece[position++] = QUOTE;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Escapes or non-ASCII: rare in a socket table, so the general path.
    if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) return at + piece.write(JSON.stringify(text), at, 'utf8');
    piece[position++] = code;
  }
  piece[position++] = QUOTE;
  return position;
}

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

  /** The piece being written (after a reserve), for the put functions. */
  get piece(): Buffer {
    return this.#piece as Buffer;
  }

  /** Where the next byte goes in `piece`; set it to what the put functions returned. */
  get position(): number {
    return this.#used;
  }
  set position(at: number) {
    this.#used = at;
  }

  /** A literal. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.#used = putBytes(this.#piece as Buffer, this.#used, bytes);
  }

  /** A number as JSON.stringify writes it (non-finite: null). */
  number(value: number): void {
    this.reserve(NUMBER_MAX_BYTES);
    this.#used = putNumber(this.#piece as Buffer, this.#used, value);
  }

  /** A number or null. */
  nullableNumber(value: number | null): void {
    this.reserve(NUMBER_MAX_BYTES);
    this.#used = putNumber(this.#piece as Buffer, this.#used, value);
  }

  /** A string value, quoted and escaped as JSON.stringify would. */
  string(text: string): void {
    this.reserve(stringMaxBytes(text));
    this.#used = putString(this.#piece as Buffer, this.#used, text);
  }

  /** A string or null. */
  nullableString(text: string | null): void {
    this.reserve(stringMaxBytes(text));
    this.#used = putString(this.#piece as Buffer, this.#used, text);
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
}
