/**
 * Output buffers reused once written. Fresh memory costs a page fault per 4 KiB the first time
 * it is touched (about 18 µs each on the benchmark's VM): writing `list --json`'s 14 MB into
 * new buffers cost more than producing it. A few buffers, each reused as soon as the stream
 * reports its bytes written, touch that memory once.
 */

/** The stream side: writes a chunk and calls `done` once its bytes are consumed. */
export type ChunkWriter = (chunk: Uint8Array, done: () => void) => void;

/** Hands out pieces (for JsonBytes) and writes them, waiting while every piece is in flight. */
export class PiecePool {
  readonly #pieces = new Map<ArrayBufferLike, Buffer>();
  readonly #free: Buffer[] = [];
  readonly #waiters: (() => void)[] = [];
  /** Pooled pieces written but not yet reported done: what a wait can expect back. */
  #inFlight = 0;

  constructor(
    private readonly write: ChunkWriter,
    readonly pieceBytes = 256 * 1024,
    private readonly maxPieces = 8,
  ) {}

  /** A buffer of at least `bytes`: a free piece, a new one while under the limit, else a one-off. */
  readonly acquire = (bytes: number): Buffer => {
    if (bytes <= this.pieceBytes) {
      const free = this.#free.pop();
      if (free) return free;
      if (this.#pieces.size < this.maxPieces) {
        const piece = Buffer.allocUnsafeSlow(this.pieceBytes);
        this.#pieces.set(piece.buffer, piece);
        return piece;
      }
    }
    return Buffer.allocUnsafeSlow(Math.max(bytes, this.pieceBytes));
  };

  /**
   * Writes `chunk` (a view of an acquired buffer), whose piece is free again once written.
   * Resolves when the next `acquire` can have a pooled piece, or when none can come back
   * (every piece is held by the producer: then `acquire` makes a one-off).
   */
  async put(chunk: Uint8Array): Promise<void> {
    const piece = this.#pieces.get(chunk.buffer);
    if (piece) this.#inFlight++;
    this.write(chunk, () => {
      if (piece) {
        this.#inFlight--;
        this.#free.push(piece);
      }
      this.#waiters.shift()?.();
    });
    while (this.#free.length === 0 && this.#pieces.size >= this.maxPieces && this.#inFlight > 0) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}
