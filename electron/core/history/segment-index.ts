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
const BYTES_PER_ENTRY = 8 + 4 + 4 + 2 + 2 + 2 + 1;
/** Rewrite the index file once this many bytes of records lie beyond it. */
const REINDEX_TAIL_BYTES = 256 * 1024;

/** The columns of a segment's index; entry i describes one record. */
export interface IndexColumns {
  count: number;
  time: Float64Array;
  offset: Uint32Array;
  pid: Uint32Array;
  localPort: Uint16Array;
  remotePort: Uint16Array;
  length: Uint16Array;
  type: Uint8Array;
  /** Segment bytes the entries cover (everything after is an unfinished write). */
  covered: number;
  /** Damaged stretches skipped while building them. */
  damaged: number;
}

/** Columns that grow as records are scanned. */
class ColumnBuilder {
  count = 0;
  private capacity: number;
  time: Float64Array;
  offset: Uint32Array;
  pid: Uint32Array;
  localPort: Uint16Array;
  remotePort: Uint16Array;
  length: Uint16Array;
  type: Uint8Array;

  constructor(from: IndexColumns | null, extra: number) {
    this.capacity = Math.max(1024, (from?.count ?? 0) + extra);
    this.time = new Float64Array(this.capacity);
    this.offset = new Uint32Array(this.capacity);
    this.pid = new Uint32Array(this.capacity);
    this.localPort = new Uint16Array(this.capacity);
    this.remotePort = new Uint16Array(this.capacity);
    this.length = new Uint16Array(this.capacity);
    this.type = new Uint8Array(this.capacity);
    if (from) {
      this.time.set(from.time.subarray(0, from.count));
      this.offset.set(from.offset.subarray(0, from.count));
      this.pid.set(from.pid.subarray(0, from.count));
      this.localPort.set(from.localPort.subarray(0, from.count));
      this.remotePort.set(from.remotePort.subarray(0, from.count));
      this.length.set(from.length.subarray(0, from.count));
      this.type.set(from.type.subarray(0, from.count));
      this.count = from.count;
    }
  }

  add(buffer: Buffer, at: number, fileOffset: number, length: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.time[i] = buffer.readDoubleLE(at + OFFSET.time);
    this.offset[i] = fileOffset;
    this.pid[i] = buffer.readUInt32LE(at + OFFSET.pid);
    this.localPort[i] = buffer.readUInt16LE(at + OFFSET.localPort);
    this.remotePort[i] = buffer.readUInt16LE(at + OFFSET.remotePort);
    this.length[i] = length;
    this.type[i] = buffer.readUInt8(at + OFFSET.type);
  }

  private grow(): void {
    this.capacity *= 2;
    const grow = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.capacity);
      next.set(old as never);
      return next;
    };
    this.time = grow(this.time, (n) => new Float64Array(n));
    this.offset = grow(this.offset, (n) => new Uint32Array(n));
    this.pid = grow(this.pid, (n) => new Uint32Array(n));
    this.localPort = grow(this.localPort, (n) => new Uint16Array(n));
    this.remotePort = grow(this.remotePort, (n) => new Uint16Array(n));
    this.length = grow(this.length, (n) => new Uint16Array(n));
    this.type = grow(this.type, (n) => new Uint8Array(n));
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
    const columns: IndexColumns = { ...builderColumns(builder), covered: outcome.end, damaged: (base?.damaged ?? 0) + outcome.damaged };
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

function builderColumns(builder: ColumnBuilder): Omit<IndexColumns, 'covered' | 'damaged'> {
  const n = builder.count;
  return {
    count: n,
    time: builder.time.subarray(0, n),
    offset: builder.offset.subarray(0, n),
    pid: builder.pid.subarray(0, n),
    localPort: builder.localPort.subarray(0, n),
    remotePort: builder.remotePort.subarray(0, n),
    length: builder.length.subarray(0, n),
    type: builder.type.subarray(0, n),
  };
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
  for (const column of [columns.time, columns.offset, columns.pid, columns.localPort, columns.remotePort, columns.length, columns.type]) {
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
  // Typed arrays need aligned starts; a pooled small Buffer may not be.
  const body = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  const buffer = body.buffer;
  let at = body.byteOffset + INDEX_HEADER_BYTES;
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, size: number): T => {
    const view = make(buffer, at, n);
    at += size * n;
    return view;
  };
  return {
    covered: bytes.readDoubleLE(8),
    count: n,
    damaged: bytes.readUInt32LE(20),
    time: take((b, o, l) => new Float64Array(b, o, l), 8),
    offset: take((b, o, l) => new Uint32Array(b, o, l), 4),
    pid: take((b, o, l) => new Uint32Array(b, o, l), 4),
    localPort: take((b, o, l) => new Uint16Array(b, o, l), 2),
    remotePort: take((b, o, l) => new Uint16Array(b, o, l), 2),
    length: take((b, o, l) => new Uint16Array(b, o, l), 2),
    type: take((b, o, l) => new Uint8Array(b, o, l), 1),
  };
}
