/** Test helper: snapshots as the monitor makes them, validated by the contract schema. */
import { Emitter } from '../contract/events.js';
import { Snapshot, type Delta, type ProcessInfo, type SocketRow } from '../contract/model.js';
import { plainRow } from '../contract/test-rows.js';
import { LiveSnapshot } from '../core/diff/live-snapshot.js';
import type { LiveSnapshotSource, SnapshotView } from '../core/monitor/monitor-host.js';

/** A socket row (override any field); listening TCP on 127.0.0.1 by default. */
export function row(overrides: Partial<SocketRow> & { id: string; localPort: number }): SocketRow {
  const localAddress = overrides.localAddress ?? '127.0.0.1';
  return {
    ...plainRow(),
    protocol: 'tcp',
    family: localAddress.includes(':') ? 6 : 4,
    localAddress,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    pids: [4242],
    ownerReason: null,
    inode: 1000 + overrides.localPort,
    uid: 1000,
    scope: 'loopback',
    bytesSent: null,
    bytesReceived: null,
    sendRate: null,
    receiveRate: null,
    firstSeen: 1_700_000_000_000,
    ...overrides,
  };
}

/** A process named `name`. */
export function proc(pid: number, name: string): ProcessInfo {
  return {
    pid,
    startTime: pid,
    startedAt: 0,
    name,
    exe: null,
    argv: [name],
    cwd: null,
    uid: 1000,
    user: 'dev',
    ppid: 1,
    service: null,
  };
}

/** A snapshot of `sockets` at `seq`, owned by `processes`. */
export function snapshot(
  seq: number,
  sockets: SocketRow[],
  processes: ProcessInfo[] = [proc(4242, 'node')],
): Snapshot {
  return Snapshot.parse({
    time: 1_700_000_000_000 + seq * 1000,
    seq,
    source: 'ss',
    sockets,
    processes: Object.fromEntries(processes.map((p) => [String(p.pid), p])),
    hiddenOwners: 0,
    warnings: [],
  });
}

/**
 * A monitor host's live snapshot as the tray reads it: `show` starts over from a snapshot,
 * `apply` applies a delta in place; each fires `onDidChange`, as the host does.
 */
export function liveSource(): LiveSnapshotSource & { show(snapshot: Snapshot): void; apply(delta: Delta): void; listeners(): number } {
  const changes = new Emitter<SnapshotView>();
  let live: LiveSnapshot | null = null;
  return {
    view: () => live,
    onDidChange: changes.event,
    show(next) {
      live = new LiveSnapshot(next);
      changes.fire(live);
    },
    apply(delta) {
      if (!live) throw new Error('apply before show');
      live.apply(delta);
      changes.fire(live);
    },
    listeners: () => changes.size,
  };
}
