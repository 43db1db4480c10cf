/**
 * When each listening port last did something: accepted a connection or moved a byte. Fed the
 * monitor's first snapshot and then its deltas (only what changed: new rows and byte patches),
 * so it costs nothing for the sockets that sit still. A port's activity is any connection whose
 * local end is that port (the server side), or bytes on the listening socket itself (UDP).
 */
import { isListening } from '../../contract/row-fields.js';
import type { Delta, Snapshot, SocketRow } from '../model.js';

type Key = string;
const keyOf = (row: Pick<SocketRow, 'protocol' | 'localPort'>): Key => `${row.protocol}/${row.localPort}`;

/** What the tracker writes for `portlens list --idle` (the data directory's activity.json). */
export interface ActivityRecord {
  /** When tracking began (epoch ms): nothing before it is known. */
  since: number;
  /** When this record was written. */
  written: number;
  /** `tcp/3000` → epoch ms of the last activity seen. */
  ports: Record<string, number>;
}

export class ActivityTracker {
  #since: number;
  #ports = new Map<Key, number>();
  /** Row id → its port key, for the deltas' patches (which carry only ids). */
  #rows = new Map<string, Key>();

  constructor(since = Date.now()) {
    this.#since = since;
  }

  get since(): number {
    return this.#since;
  }

  /** Starts over from a full snapshot (the monitor's first, or after a resync). */
  reset(snapshot: Snapshot): void {
    this.#rows.clear();
    for (const row of snapshot.sockets) this.#see(row, snapshot.time, false);
  }

  /** Applies one poll's changes. */
  apply(delta: Delta): void {
    for (const id of delta.removed) this.#rows.delete(id);
    for (const row of delta.added) this.#see(row, delta.time, true);
    for (const patch of delta.changed) {
      if (patch.bytesSent === undefined && patch.bytesReceived === undefined) continue;
      const key = this.#rows.get(patch.id);
      if (key !== undefined) this.#ports.set(key, delta.time);
    }
  }

  /** The last activity on a port: what was seen, else when tracking began. */
  lastActive(row: Pick<SocketRow, 'protocol' | 'localPort'>): number {
    return this.#ports.get(keyOf(row)) ?? this.#since;
  }

  record(now = Date.now()): ActivityRecord {
    return { since: this.#since, written: now, ports: Object.fromEntries(this.#ports) };
  }

  #see(row: SocketRow, time: number, isNew: boolean): void {
    const key = keyOf(row);
    this.#rows.set(row.id, key);
    // A listener that opens now is fresh, not idle since tracking began.
    if (isListening(row)) {
      if (isNew) this.#ports.set(key, Math.max(this.#ports.get(key) ?? 0, row.firstSeen));
      return;
    }
    // A connection on the port (accepted now, or open at the first look) is activity.
    if (row.remotePort !== null && row.state !== 'TIME_WAIT') this.#ports.set(key, time);
  }
}
