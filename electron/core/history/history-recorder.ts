/**
 * Turns the monitor's ticks into history events and appends them every FLUSH_MS, so a crash
 * loses at most that much. Records only while it holds the directory's writer lease (one
 * recorder per data directory); on taking the lease it first writes the listeners open at that
 * moment ("open when recording started"), so a question about any later time has an answer.
 */
import type { HistoryEvent } from '../../contract/history.js';
import { isListening } from '../../contract/row-fields.js';
import type { Delta, PortEvent, ProcessInfo, Snapshot, SocketRow, SocketState } from '../model.js';
import { appendHistoryEvents, indexSegment, SEGMENT_MS } from './history-store.js';
import { tryWriterLease, type WriterLease } from './writer-lease.js';

/** At most this much is lost when the recorder's process is killed. */
export const FLUSH_MS = 500;
/** How often a recorder without the lease tries to take it. */
const LEASE_RETRY_MS = 5000;
const STARTED_DETAIL = 'open when recording started';

export interface HistoryRecorderOptions {
  /** The history directory and the data directory it lives in. */
  dir: string;
  root: string;
  /** Called with the reason when events could not be written (they are dropped, not retried forever). */
  onError?: (message: string) => void;
}

export class HistoryRecorder {
  private lease: WriterLease | null = null;
  private nextLeaseTry = 0;
  private needsBaseline = true;
  private queue: HistoryEvent[] = [];
  /** The hour of the last batch: when a batch starts a new one, the old one's index is saved. */
  private lastSegment: number | null = null;
  /** Reports a failure once, not on every flush, until writing works again. */
  private failing = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: HistoryRecorderOptions) {
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /** True while this recorder holds the lease. */
  get recording(): boolean {
    return this.lease !== null;
  }

  /** Records what changed from `previous` to `next` (`delta` null for the first snapshot). */
  observe(previous: Snapshot | null, next: Snapshot, delta: Delta | null): void {
    if (!this.holdLease(next.time)) return;
    if (this.needsBaseline || !previous || !delta) {
      this.needsBaseline = false;
      for (const row of next.sockets) {
        if (isListening(row)) this.queue.push(rowEvent('listen-opened', row, next, next.time, STARTED_DETAIL));
      }
      return;
    }
    for (const event of delta.events) this.queue.push(listenEvent(event));
    for (const row of delta.added) if (isConnection(row)) this.queue.push(rowEvent('connection-opened', row, next, next.time, null));
    // Closed: gone, or into a closing state (an orphaned socket lingers there without its
    // counters, so the bytes are the last poll's while it was open).
    const closed = new Set(delta.removed);
    for (const patch of delta.changed) if (patch.state !== undefined && CLOSING_STATES.has(patch.state)) closed.add(patch.id);
    if (closed.size) {
      for (const row of previous.sockets) {
        if (closed.has(row.id) && isConnection(row)) this.queue.push(rowEvent('connection-closed', row, previous, next.time, null));
      }
    }
  }

  /** Writes what is queued now. */
  flush(): void {
    if (!this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    try {
      appendHistoryEvents(this.options.dir, batch, this.options.root);
      this.failing = false;
      const segment = Math.floor((batch[batch.length - 1] as HistoryEvent).time / SEGMENT_MS) * SEGMENT_MS;
      if (this.lastSegment !== null && segment > this.lastSegment) indexSegment(this.options.dir, this.lastSegment);
      this.lastSegment = segment;
    } catch (error) {
      if (!this.failing) this.options.onError?.(`history not saved: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  /** Flushes, stops the timer and lets another recorder take over. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
    this.lease?.release();
    this.lease = null;
  }

  private holdLease(now: number): boolean {
    if (this.lease) return true;
    if (now < this.nextLeaseTry) return false;
    this.nextLeaseTry = now + LEASE_RETRY_MS;
    try {
      this.lease = tryWriterLease(this.options.dir, this.options.root);
    } catch (error) {
      this.options.onError?.(`history not recorded: ${(error as Error).message}`);
    }
    this.needsBaseline = true;
    return this.lease !== null;
  }
}

/** States of a connection this side has closed. */
const CLOSING_STATES: ReadonlySet<SocketState> = new Set(['FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE', 'LAST_ACK', 'CLOSING']);

/** An open connection: has a peer and is not on its way out. */
function isConnection(row: SocketRow): boolean {
  return row.remoteAddress !== null && row.state !== 'LISTEN' && !CLOSING_STATES.has(row.state);
}

function ownerOf(row: SocketRow, snapshot: Snapshot): ProcessInfo | null {
  const pid = row.pids[0];
  return pid === undefined ? null : (snapshot.processes[String(pid)] ?? null);
}

function rowEvent(type: HistoryEvent['type'], row: SocketRow, snapshot: Snapshot, time: number, detail: string | null): HistoryEvent {
  const owner = ownerOf(row, snapshot);
  const closing = type === 'connection-closed';
  return {
    time,
    type,
    protocol: row.protocol,
    family: row.family,
    localAddress: row.localAddress,
    localPort: row.localPort,
    remoteAddress: row.remoteAddress,
    remotePort: row.remotePort,
    pid: row.pids[0] ?? null,
    processName: owner?.name ?? null,
    user: owner?.user ?? null,
    bytesSent: closing ? row.bytesSent : null,
    bytesReceived: closing ? row.bytesReceived : null,
    detail: detail ?? (type === 'listen-opened' && owner ? owner.argv.join(' ') : null),
  };
}

function listenEvent(event: PortEvent): HistoryEvent {
  return {
    time: event.time,
    type: event.type,
    protocol: event.protocol,
    family: event.family,
    localAddress: event.localAddress,
    localPort: event.localPort,
    remoteAddress: null,
    remotePort: null,
    pid: event.pids[0] ?? null,
    processName: event.process?.name ?? null,
    user: event.process?.user ?? null,
    bytesSent: null,
    bytesReceived: null,
    detail: event.type === 'listen-opened' && event.process ? event.process.argv.join(' ') : null,
  };
}
