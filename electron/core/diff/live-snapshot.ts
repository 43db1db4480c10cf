/**
 * A snapshot kept current by applying deltas in place: the monitor host applies every delta but
 * is asked for the whole snapshot rarely (a late subscriber, getSnapshot), so it patches a Map
 * per delta and builds the Snapshot only when asked, instead of copying every row every tick.
 */
import type { Delta, ProcessInfo, Snapshot, SocketRow } from '../model.js';
import { DeltaSequenceError } from './apply-delta.js';

/** The same result as folding applyDelta over the deltas, at the cost of the delta's size. */
export class LiveSnapshot {
  private rows = new Map<string, SocketRow>();
  private processes = new Map<number, ProcessInfo>();
  private meta: Omit<Snapshot, 'sockets' | 'processes'>;
  /** The Snapshot last built, valid until the next delta. */
  private built: Snapshot | null;

  constructor(snapshot: Snapshot) {
    for (const row of snapshot.sockets) this.rows.set(row.id, row);
    for (const info of Object.values(snapshot.processes)) this.processes.set(info.pid, info);
    const { sockets: _sockets, processes: _processes, ...meta } = snapshot;
    this.meta = meta;
    this.built = snapshot;
  }

  get seq(): number {
    return this.meta.seq;
  }

  /** Applies a delta that must follow the current seq (DeltaSequenceError otherwise). */
  apply(delta: Delta): void {
    if (delta.seq !== this.meta.seq + 1) throw new DeltaSequenceError(this.meta.seq + 1, delta.seq);
    for (const id of delta.removed) this.rows.delete(id);
    for (const patch of delta.changed) {
      const row = this.rows.get(patch.id);
      // A new object, never a mutated one: snapshots handed out earlier keep their rows.
      if (row) this.rows.set(patch.id, { ...row, ...patch } as SocketRow);
    }
    for (const row of delta.added) this.rows.set(row.id, row);
    for (const pid of delta.processesRemoved) this.processes.delete(pid);
    for (const info of delta.processesUpserted) this.processes.set(info.pid, info);
    this.meta = { time: delta.time, seq: delta.seq, source: delta.source, hiddenOwners: delta.hiddenOwners, warnings: delta.warnings };
    this.built = null;
  }

  /** How many rows the current snapshot has. */
  get rowCount(): number {
    return this.rows.size;
  }

  /** The current rows, without building a snapshot (do not modify them). */
  currentRows(): IterableIterator<SocketRow> {
    return this.rows.values();
  }

  /** A process of the current snapshot. */
  process(pid: number): ProcessInfo | undefined {
    return this.processes.get(pid);
  }

  /** The current snapshot (built once per delta, on demand; do not modify it). */
  snapshot(): Snapshot {
    if (this.built) return this.built;
    const processes: Record<string, ProcessInfo> = {};
    for (const [pid, info] of this.processes) processes[pid] = info;
    this.built = { ...this.meta, sockets: [...this.rows.values()], processes };
    return this.built;
  }
}
