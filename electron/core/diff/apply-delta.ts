/**
 * Delta applied to a snapshot: the receiving side of diffSnapshots. The monitor host keeps
 * its current snapshot this way, so a late subscriber gets a full snapshot without asking
 * the worker.
 */
import type { Delta, ProcessInfo, Snapshot, SocketRow } from '../model.js';

/** Thrown when a delta does not follow the snapshot it is applied to. */
export class DeltaSequenceError extends Error {
  constructor(expected: number, got: number) {
    super(`delta ${got} does not follow snapshot ${expected}`);
    this.name = 'DeltaSequenceError';
  }
}

/** A new snapshot: `snapshot` with `delta` applied (the input is not modified). */
export function applyDelta(snapshot: Snapshot, delta: Delta): Snapshot {
  if (delta.seq !== snapshot.seq + 1) throw new DeltaSequenceError(snapshot.seq + 1, delta.seq);
  const removed = new Set(delta.removed);
  const patches = new Map(delta.changed.map((patch) => [patch.id, patch]));
  const sockets: SocketRow[] = [];
  for (const row of snapshot.sockets) {
    if (removed.has(row.id)) continue;
    const patch = patches.get(row.id);
    sockets.push(patch ? ({ ...row, ...patch } as SocketRow) : row);
  }
  for (const row of delta.added) sockets.push(row);

  const processes: Record<string, ProcessInfo> = { ...snapshot.processes };
  for (const pid of delta.processesRemoved) delete processes[pid];
  for (const info of delta.processesUpserted) processes[info.pid] = info;

  return {
    time: delta.time,
    seq: delta.seq,
    source: delta.source,
    sockets,
    processes,
    hiddenOwners: delta.hiddenOwners,
    warnings: delta.warnings,
  };
}
