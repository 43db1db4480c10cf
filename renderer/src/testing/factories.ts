/** Builders of contract values for the renderer's unit tests. */
import type { Delta, ProcessInfo, Snapshot, SocketRow } from '../../../electron/contract/model';
import { plainRow } from '../../../electron/contract/test-rows';

/** A TCP listener on 127.0.0.1 with the given overrides. */
export function makeRow(overrides: Partial<SocketRow> & { id: string }): SocketRow {
  return {
    ...plainRow(),
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 3000,
    state: 'LISTEN',
    pids: [],
    ownerReason: 'not-found',
    inode: 1,
    uid: 1000,
    scope: 'loopback',
    firstSeen: 1_700_000_000_000,
    ...overrides,
  };
}

/** A process with the given overrides. */
export function makeProcess(overrides: Partial<ProcessInfo> & { pid: number }): ProcessInfo {
  return {
    startTime: 100,
    startedAt: 1_700_000_000_000,
    name: 'node',
    exe: '/usr/bin/node',
    argv: ['node', 'server.js'],
    cwd: '/srv/app',
    uid: 1000,
    user: 'dev',
    ppid: 1,
    service: null,
    ...overrides,
  };
}

/** A snapshot of these rows and processes. */
export function makeSnapshot(seq: number, sockets: SocketRow[], processes: ProcessInfo[] = []): Snapshot {
  return {
    time: 1_700_000_000_000 + seq * 1000,
    seq,
    source: 'netlink',
    sockets,
    processes: Object.fromEntries(processes.map((info) => [String(info.pid), info])),
    hiddenOwners: 0,
    warnings: [],
  };
}

/** A delta with the given parts (the rest empty). */
export function makeDelta(seq: number, parts: Partial<Delta> = {}): Delta {
  return {
    time: 1_700_000_000_000 + seq * 1000,
    seq,
    source: 'netlink',
    added: [],
    removed: [],
    changed: [],
    processesUpserted: [],
    processesRemoved: [],
    hiddenOwners: 0,
    warnings: [],
    events: [],
    ...parts,
  };
}
