/**
 * The history store: port events in hourly segment files under `<dataDir>/history/`, each an
 * append-only run of records (record-codec.ts) with a cached index beside it
 * (segment-index.ts). Why a log of our own and not a database: README, "Dependencies".
 *
 * - Appends from several processes cannot interleave: each batch is one write(2) on an
 *   O_APPEND descriptor, which Linux applies whole, at the end, under the file's lock. The
 *   monitor's events come from one writer (writer-lease.ts); actions append from whichever
 *   process ran them.
 * - A crash tears at most the batch being written (the recorder writes every 500 ms): a torn
 *   record fails its CRC and readers skip it and resume at the next record; nothing is ever
 *   repaired in place, so nothing a reader has is invalidated.
 * - Bounded by age and size: whole segments are deleted, the oldest first (pruneHistory).
 */
import { closeSync, fdatasyncSync, openSync, readdirSync, readSync, statSync, unlinkSync, writeSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import { type HistoryEvent, type HistoryQuery, type HistoryResult } from '../../contract/history.js';
import { ensurePrivateDir, openPrivateAppend } from '../private-files.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { loadSegmentIndex, type IndexColumns } from './segment-index.js';

/** Each segment holds the events of one hour (by their own time). */
export const SEGMENT_MS = 3_600_000;
const DATA_SUFFIX = '.events';
const INDEX_SUFFIX = '.index';

/** The history directory inside a data directory. */
export function historyDir(dataDir: string): string {
  return join(dataDir, 'history');
}

interface Segment {
  start: number;
  dataFile: string;
  indexFile: string;
}

function segmentAt(dir: string, start: number): Segment {
  const name = String(start).padStart(15, '0');
  return { start, dataFile: join(dir, name + DATA_SUFFIX), indexFile: join(dir, name + INDEX_SUFFIX) };
}

/** The segments on disk, oldest first. */
function listSegments(dir: string): Segment[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const segments: Segment[] = [];
  for (const name of names) {
    if (!name.endsWith(DATA_SUFFIX)) continue;
    const start = Number(name.slice(0, -DATA_SUFFIX.length));
    if (Number.isSafeInteger(start) && start % SEGMENT_MS === 0) segments.push(segmentAt(dir, start));
  }
  return segments.sort((a, b) => a.start - b.start);
}

/**
 * Makes the history directory exist, private, inside data directory `root`; the root is checked
 * first, so nothing is created inside a data directory someone else controls.
 */
export function ensureHistoryDir(dir: string, root: string): void {
  ensurePrivateDir(root);
  ensurePrivateDir(dir, root);
}

/**
 * Appends events durably: one write per segment touched, then fdatasync. `root` is the data
 * directory (created private if missing). Throws when the directory cannot be written.
 */
export function appendHistoryEvents(dir: string, events: readonly HistoryEvent[], root: string = dir): void {
  const bySegment = new Map<number, Buffer[]>();
  for (const event of events) {
    const start = Math.floor(event.time / SEGMENT_MS) * SEGMENT_MS;
    let records = bySegment.get(start);
    if (!records) bySegment.set(start, (records = []));
    records.push(encodeRecord(event));
  }
  if (bySegment.size) ensureHistoryDir(dir, root);
  for (const [start, records] of bySegment) {
    const fd = openPrivateAppend(segmentAt(dir, start).dataFile, root);
    try {
      const batch = Buffer.concat(records);
      let written = 0;
      while (written < batch.length) written += writeSync(fd, batch, written, batch.length - written);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Brings the index of the segment starting at `start` up to date on disk: the recorder calls
 * it when an hour is over, so the first query after a day of writes finds every index ready.
 */
export function indexSegment(dir: string, start: number): void {
  const segment = segmentAt(dir, start);
  try {
    loadSegmentIndex(segment.dataFile, segment.indexFile, true, 1);
  } catch {
    // No such segment (nothing was written that hour), or it was pruned meanwhile.
  }
}

/** How much history to keep. */
export interface HistoryLimits {
  maxAgeMs: number;
  maxBytes: number;
}

/**
 * Deletes segments older than `maxAgeMs`, then the oldest until the rest fit in `maxBytes`
 * (the current hour's segment is always kept). Returns how many segments went.
 */
export function pruneHistory(dir: string, limits: HistoryLimits, now: number = Date.now()): number {
  const segments = listSegments(dir);
  const current = Math.floor(now / SEGMENT_MS) * SEGMENT_MS;
  const sizes = segments.map((segment) => fileSize(segment.dataFile) + fileSize(segment.indexFile));
  let total = sizes.reduce((sum, size) => sum + size, 0);
  let removed = 0;
  segments.forEach((segment, i) => {
    const expired = segment.start + SEGMENT_MS <= now - limits.maxAgeMs;
    const over = total > limits.maxBytes && segment.start < current;
    if (!expired && !over) return;
    for (const file of [segment.indexFile, segment.dataFile]) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone (another process pruned it).
      }
    }
    total -= sizes[i] as number;
    removed++;
  });
  return removed;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Matching records' positions in one segment, newest first. */
function matchesIn(columns: IndexColumns, query: HistoryQuery): number[] {
  const since = query.since ?? -Infinity;
  const until = query.until ?? Infinity;
  const port = query.port;
  const pid = query.pid;
  const { time, localPort, remotePort } = columns;
  const pids = columns.pid;
  const hits: number[] = [];
  for (let i = columns.count - 1; i >= 0; i--) {
    const t = time[i] as number;
    if (t < since || t > until) continue;
    if (port !== null && localPort[i] !== port && remotePort[i] !== port) continue;
    if (pid !== null && pids[i] !== pid) continue;
    hits.push(i);
  }
  // Writers flush in batches, so records are only nearly in time order within a segment.
  return hits.sort((a, b) => (time[b] as number) - (time[a] as number));
}

/** Reads each hit's record: one read per record for a few, the whole segment for many. */
function readHits(segment: Segment, columns: IndexColumns, hits: number[], keep: (event: HistoryEvent) => boolean, want: number): { events: HistoryEvent[]; damaged: number } {
  const events: HistoryEvent[] = [];
  let damaged = 0;
  const fd = openSync(segment.dataFile, 'r');
  try {
    const whole = hits.length > 2000 ? readAll(fd) : null;
    const one = Buffer.allocUnsafe(65_536);
    for (const i of hits) {
      const offset = columns.offset[i] as number;
      const length = columns.length[i] as number;
      let event: HistoryEvent | null;
      if (whole) event = decodeRecord(whole.subarray(0, offset + length), offset);
      else {
        const n = readSync(fd, one, 0, length, offset);
        event = decodeRecord(one.subarray(0, n), 0);
      }
      if (!event) damaged++;
      else if (keep(event)) events.push(event);
      if (events.length >= want) break;
    }
  } finally {
    closeSync(fd);
  }
  return { events, damaged };
}

function readAll(fd: number): Buffer {
  const buffer = Buffer.allocUnsafe(fstatSync(fd).size);
  let read = 0;
  while (read < buffer.length) {
    const n = readSync(fd, buffer, read, buffer.length - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/**
 * Events matching `query`, oldest first: the newest `limit` of them. A port matches either end
 * of a connection. `persistIndex` lets the query write back grown segment indexes.
 */
export function queryHistory(dir: string, query: HistoryQuery, persistIndex = true): HistoryResult {
  const want = query.limit + 1;
  const text = query.text?.trim().toLowerCase() || null;
  const keep = text ? (event: HistoryEvent) => matchesText(event, text) : () => true;
  const found: HistoryEvent[] = [];
  let damaged = 0;
  const segments = listSegments(dir).reverse();
  for (const segment of segments) {
    if (found.length >= want) break;
    if (query.since !== null && segment.start + SEGMENT_MS <= query.since) break;
    if (query.until !== null && segment.start > query.until) continue;
    let columns: IndexColumns;
    try {
      columns = loadSegmentIndex(segment.dataFile, segment.indexFile, persistIndex);
    } catch {
      continue; // deleted by a prune in another process meanwhile
    }
    damaged += columns.damaged;
    const hits = matchesIn(columns, query);
    if (!hits.length) continue;
    const read = readHits(segment, columns, hits, keep, want - found.length);
    damaged += read.damaged;
    found.push(...read.events);
  }
  const truncated = found.length > query.limit;
  const events = found.slice(0, query.limit).reverse();
  return { events, truncated, damaged };
}

function matchesText(event: HistoryEvent, text: string): boolean {
  for (const field of [event.processName, event.localAddress, event.remoteAddress, event.user, event.detail, event.type]) {
    if (field && field.toLowerCase().includes(text)) return true;
  }
  return false;
}
