/**
 * A segment's index: the filter fields of every record as columns (time, offset, pid, ports,
 * length, type), so a query over a day of events reads ~23 bytes per event instead of the
 * records themselves. It is a cache beside the segment (`<start>.index`), covering the
 * segment's first `covered` bytes; the records after that are scanned on each read, and the
 * file is rewritten (atomically: old or new, both true) once that tail grows. Any process may
 * write it; a missing or unreadable one is rebuilt from the segment.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { writePrivateFileAtomic } from '../private-files.js';
import { OFFSET } from './record-codec.js';
import { scanRecords } from './record-scan.js';

const INDEX_MAGIC = 0x49484c50; // "PLHI"
const INDEX_VERSION = 1;
const INDEX_HEADER_BYTES = 32;
/** The index's columns and their element types, in file order (decreasing element size keeps each aligned). */
const COLUMN_TYPES = {
  time: Float64Array,
  offset: Uint32Array,
  pid: Uint32Array,
  localPort: Uint16Array,
  remotePort: Uint16Array,
  length: Uint16Array,
  type: Uint8Array,
} as const;
type ColumnName = keyof typeof COLUMN_TYPES;
type Columns = { [K in ColumnName]: InstanceType<(typeof COLUMN_TYPES)[K]> };
type AnyColumn = Columns[ColumnName];
const COLUMN_NAMES = Object.keys(COLUMN_TYPES) as ColumnName[];
const BYTES_PER_ENTRY = COLUMN_NAMES.reduce((sum, name) => sum + COLUMN_TYPES[name].BYTES_PER_ELEMENT, 0);
/** Rewrite the index file once this many bytes of records lie beyond it. */
const REINDEX_TAIL_BYTES = 256 * 1024;

/** The columns of a segment's index; entry i describes one record. */
export interface IndexColumns extends Columns {
  count: number;
  /** Segment bytes the entries cover (everything after is an unfinished write). */
  covered: number;
  /** Damaged stretches skipped while building them. */
  damaged: number;
}

/** Fresh columns of `capacity` entries, holding the first `count` entries of `from`. */
function allocColumns(capacity: number, from: Columns | null, count: number): Columns {
  const columns = {} as Record<ColumnName, AnyColumn>;
  for (const name of COLUMN_NAMES) {
    const column = new COLUMN_TYPES[name](capacity);
    if (from) (column as Float64Array).set((from[name] as Float64Array).subarray(0, count));
    columns[name] = column;
  }
  return columns as Columns;
}

/** Columns that grow as records are scanned. */
class ColumnBuilder {
  count: number;
  private capacity: number;
  columns: Columns;

  constructor(from: IndexColumns | null, extra: number) {
    this.count = from?.count ?? 0;
    this.capacity = Math.max(1024, this.count + extra);
    this.columns = allocColumns(this.capacity, from, this.count);
  }

  add(buffer: Buffer, at: number, fileOffset: number, length: number): void {
    if (this.count === this.capacity) {
      this.capacity *= 2;
      this.columns = allocColumns(this.capacity, this.columns, this.count);
    }
    const i = this.count++;
    const c = this.columns;
    c.time[i] = buffer.readDoubleLE(at + OFFSET.time);
    c.offset[i] = fileOffset;
    c.pid[i] = buffer.readUInt32LE(at + OFFSET.pid);
    c.localPort[i] = buffer.readUInt16LE(at + OFFSET.localPort);
    c.remotePort[i] = buffer.readUInt16LE(at + OFFSET.remotePort);
    c.length[i] = length;
    c.type[i] = buffer.readUInt8(at + OFFSET.type);
  }

  /** The filled part of each column. */
  filled(): Columns {
    const out = {} as Record<ColumnName, AnyColumn>;
    for (const name of COLUMN_NAMES) out[name] = this.columns[name].subarray(0, this.count);
    return out as Columns;
  }
}

/**
 * The index of segment `dataFile`: the cached index file brought up to date with the records
 * written since. With `persist`, an index grown by at least `persistTailBytes` is written back
 * (errors there are ignored: it is only a cache, and a reader may lack the rights to write).
 */
export function loadSegmentIndex(dataFile: string, indexFile: string, persist: boolean, persistTailBytes = REINDEX_TAIL_BYTES): IndexColumns {
  const cached = readIndexFile(indexFile);
  const fd = openSync(dataFile, 'r');
  try {
    const size = fstatSync(fd).size;
    const base = cached && cached.covered <= size ? cached : null;
    const from = base?.covered ?? 0;
    if (from === size && base) return base;
    const tail = Buffer.allocUnsafe(size - from);
    let read = 0;
    while (read < tail.length) {
      const n = readSync(fd, tail, read, tail.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    const builder = new ColumnBuilder(base, Math.ceil(read / 64));
    const outcome = scanRecords(tail.subarray(0, read), from, (buffer, at, fileOffset, length) => builder.add(buffer, at, fileOffset, length));
    const columns: IndexColumns = { ...builder.filled(), count: builder.count, covered: outcome.end, damaged: (base?.damaged ?? 0) + outcome.damaged };
    if (persist && outcome.end > from && outcome.end - from >= persistTailBytes) {
      try {
        writeIndexFile(indexFile, columns);
      } catch {
        // A cache: the next reader scans the tail again.
      }
    }
    return columns;
  } finally {
    closeSync(fd);
  }
}

/** Writes the index file (columns in decreasing element size, so every column stays aligned). */
export function writeIndexFile(indexFile: string, columns: IndexColumns): void {
  const n = columns.count;
  const out = Buffer.alloc(INDEX_HEADER_BYTES + n * BYTES_PER_ENTRY);
  out.writeUInt32LE(INDEX_MAGIC, 0);
  out.writeUInt32LE(INDEX_VERSION, 4);
  out.writeDoubleLE(columns.covered, 8);
  out.writeUInt32LE(n, 16);
  out.writeUInt32LE(columns.damaged, 20);
  let at = INDEX_HEADER_BYTES;
  for (const name of COLUMN_NAMES) {
    const column = columns[name];
    const bytes = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
    at += bytes.copy(out, at);
  }
  writePrivateFileAtomic(indexFile, out);
}

/** The index file's columns, or null when it is missing or not one we wrote. */
function readIndexFile(indexFile: string): IndexColumns | null {
  let bytes: Buffer;
  try {
    if (statSync(indexFile).size < INDEX_HEADER_BYTES) return null;
    bytes = readFileSync(indexFile);
  } catch {
    return null;
  }
  if (bytes.readUInt32LE(0) !== INDEX_MAGIC || bytes.readUInt32LE(4) !== INDEX_VERSION) return null;
  const n = bytes.readUInt32LE(16);
  if (bytes.length !== INDEX_HEADER_BYTES + n * BYTES_PER_ENTRY) return null;
  // Typed arrays need aligned starts; a pooled small Buffer may not be (a Uint8Array copy owns its memory).
  const body: Uint8Array = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const columns = {} as Record<ColumnName, AnyColumn>;
  let at = body.byteOffset + INDEX_HEADER_BYTES;
  for (const name of COLUMN_NAMES) {
    const Type = COLUMN_TYPES[name];
    columns[name] = new Type(body.buffer as ArrayBuffer, at, n);
    at += Type.BYTES_PER_ELEMENT * n;
  }
  return { ...(columns as Columns), covered: bytes.readDoubleLE(8), count: n, damaged: bytes.readUInt32LE(20) };
}
