/**
 * The shell's view of the stream: which ports listen now (for the tray) and how many sockets
 * exist (for its tooltip). It keeps the full snapshot by applying deltas with core's own
 * applyDelta, so it agrees with every other consumer of the stream.
 */
import type { StreamMessage } from '../contract/api.js';
import type { ProcessInfo, Snapshot, SocketRow } from '../contract/model.js';
import { applyDelta } from '../core/diff/apply-delta.js';
import { isListening } from '../core/diff/diff-snapshots.js';

/** One listening port as the tray lists it. */
export interface ListeningPort {
  /** The row to reveal when the item is clicked (the IPv4 one of a dual-stack pair). */
  rowId: string;
  port: number;
  protocol: SocketRow['protocol'];
  /** Owner's name, `pid N`, or null when nobody is visible. */
  owner: string | null;
}

/** Counts for the tray tooltip. */
export interface PortCounts {
  listening: number;
  sockets: number;
}

/** Follows the stream; `accept` says whether the listening set changed. */
export class ListeningPorts {
  private snapshot: Snapshot | null = null;
  private ports: ListeningPort[] = [];
  private key = '';

  /**
   * Takes one stream message. Returns true when the listening list changed (the tray rebuilds
   * its menu only then), false otherwise. A delta that does not follow our snapshot leaves us
   * out of sync: the state clears and `needsSnapshot` tells the caller to resubscribe.
   */
  accept(message: StreamMessage): boolean {
    if (message.type === 'snapshot') {
      this.snapshot = message.snapshot;
    } else if (message.type === 'delta') {
      if (!this.snapshot) return false;
      try {
        this.snapshot = applyDelta(this.snapshot, message.delta);
      } catch {
        this.snapshot = null;
        return this.update([]);
      }
    } else {
      return false;
    }
    return this.update(listeningPorts(this.snapshot));
  }

  /** True after a sequence gap, until the next snapshot arrives. */
  get needsSnapshot(): boolean {
    return this.snapshot === null;
  }

  /** The listening ports, by port then protocol. */
  list(): readonly ListeningPort[] {
    return this.ports;
  }

  counts(): PortCounts {
    return { listening: this.ports.length, sockets: this.snapshot?.sockets.length ?? 0 };
  }

  private update(ports: ListeningPort[]): boolean {
    const key = ports.map((p) => `${p.rowId}\u0000${p.owner ?? ''}`).join('\u0001');
    this.ports = ports;
    if (key === this.key) return false;
    this.key = key;
    return true;
  }
}

/**
 * The listening ports of a snapshot, one per (protocol, port, owner): a server bound to both
 * 0.0.0.0 and :: is one port to a person. IPv4 rows come first so theirs is the row revealed.
 */
export function listeningPorts(snapshot: Snapshot): ListeningPort[] {
  const rows = snapshot.sockets
    .filter(isListening)
    .sort(
      (a, b) =>
        a.localPort - b.localPort ||
        a.protocol.localeCompare(b.protocol) ||
        a.family - b.family ||
        a.id.localeCompare(b.id),
    );
  const seen = new Set<string>();
  const ports: ListeningPort[] = [];
  for (const row of rows) {
    const owner = ownerOf(row, snapshot.processes);
    const key = `${row.protocol}/${row.localPort}/${owner ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({ rowId: row.id, port: row.localPort, protocol: row.protocol, owner });
  }
  return ports;
}

function ownerOf(row: SocketRow, processes: Record<string, ProcessInfo>): string | null {
  const pid = row.pids[0];
  if (pid === undefined) return null;
  return processes[String(pid)]?.name || `pid ${pid}`;
}
