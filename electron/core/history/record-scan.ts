/**
 * Walks a run of records (a segment file, or its tail) and yields the header fields a query
 * filters on, without decoding strings. A record is trusted without its CRC when the next one
 * starts right after it (the usual case); otherwise its CRC decides, and a damaged stretch (a
 * torn write, followed by other writers' records) is skipped up to the next magic.
 */
import { HEADER_BYTES, MAX_RECORD_BYTES, OFFSET, RECORD_MAGIC, recordIntact } from './record-codec.js';

const MAGIC_BYTES = Buffer.alloc(4);
MAGIC_BYTES.writeUInt32LE(RECORD_MAGIC, 0);

/** Receives each sound record: its absolute file offset and length. */
export type RecordSink = (buffer: Buffer, at: number, fileOffset: number, length: number) => void;

export interface ScanOutcome {
  /** File offset up to which every record was read: what follows is an unfinished write (or nothing). */
  end: number;
  /** Damaged stretches skipped. */
  damaged: number;
}

/** Scans `buffer`, which holds the file from `fileOffset` on. */
export function scanRecords(buffer: Buffer, fileOffset: number, sink: RecordSink): ScanOutcome {
  let at = 0;
  let damaged = 0;
  const size = buffer.length;
  while (at + HEADER_BYTES <= size) {
    if (buffer.readUInt32LE(at) !== RECORD_MAGIC) {
      const next = buffer.indexOf(MAGIC_BYTES, at + 1);
      damaged++;
      if (next < 0) return { end: fileOffset + size, damaged };
      at = next;
      continue;
    }
    const length = buffer.readUInt32LE(at + OFFSET.length);
    const end = at + length;
    const sane = length >= HEADER_BYTES && length <= MAX_RECORD_BYTES;
    if (sane && end > size) {
      // Running past the end: a write still in progress, unless another record starts inside it.
      if (buffer.indexOf(MAGIC_BYTES, at + 4) < 0) break;
    } else if (sane && (end === size || (end + 4 <= size && buffer.readUInt32LE(end) === RECORD_MAGIC) || recordIntact(buffer, at, length))) {
      sink(buffer, at, fileOffset + at, length);
      at = end;
      continue;
    }
    // Torn or corrupt: look for the next record after this magic.
    damaged++;
    const next = buffer.indexOf(MAGIC_BYTES, at + 4);
    if (next < 0) return { end: fileOffset + size, damaged };
    at = next;
  }
  return { end: fileOffset + at, damaged };
}
