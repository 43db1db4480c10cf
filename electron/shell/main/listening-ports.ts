/**
 * The tray's view of the monitor: which ports listen now and how many sockets exist. It reads
 * the monitor host's live snapshot in place (the process's one copy of the data) each time that
 * changes, and keeps only the short list the menu shows.
 */
import type { SocketRow } from '../../contract/model.js';
import { isListening } from '../../contract/row-fields.js';
import type { SnapshotView } from '../../core/monitor/monitor-host.js';

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

/** The listening ports of the current snapshot; `refresh` says whether they changed. */
export class ListeningPorts {
  private ports: ListeningPort[] = [];
  private sockets = 0;
  private key = '';

  /**
   * Reads the live snapshot (null before the first one). Returns true when the listening list
   * changed (the tray rebuilds its menu only then).
   */
  refresh(view: SnapshotView | null): boolean {
    this.sockets = view?.rowCount ?? 0;
    const ports = view ? listeningPorts(view) : [];
    const key = ports.map((p) => `${p.rowId}\u0000${p.owner ?? ''}`).join('\u0001');
    this.ports = ports;
    if (key === this.key) return false;
    this.key = key;
    return true;
  }

  /** The listening ports, by port then protocol. */
  list(): readonly ListeningPort[] {
    return this.ports;
  }

  counts(): PortCounts {
    return { listening: this.ports.length, sockets: this.sockets };
  }
}

/**
 * The listening ports of a snapshot, one per (protocol, port, owner): a server bound to both
 * 0.0.0.0 and :: is one port to a person. IPv4 rows come first so theirs is the row revealed.
 */
export function listeningPorts(view: SnapshotView): ListeningPort[] {
  const rows: SocketRow[] = [];
  for (const row of view.currentRows()) if (isListening(row)) rows.push(row);
  rows.sort(
    (a, b) =>
      a.localPort - b.localPort ||
      a.protocol.localeCompare(b.protocol) ||
      a.family - b.family ||
      a.id.localeCompare(b.id),
  );
  const seen = new Set<string>();
  const ports: ListeningPort[] = [];
  for (const row of rows) {
    const owner = ownerOf(row, view);
    const key = `${row.protocol}/${row.localPort}/${owner ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({ rowId: row.id, port: row.localPort, protocol: row.protocol, owner });
  }
  return ports;
}

function ownerOf(row: SocketRow, view: SnapshotView): string | null {
  const pid = row.pids[0];
  if (pid === undefined) return null;
  return view.process(pid)?.name || `pid ${pid}`;
}
