/** Test values of the contract's model: a listening TCP row, a process, a snapshot, a delta. */
import type { Delta, ProcessInfo, Snapshot, SocketRow } from '../contract/model.js';
import { plainRow } from '../contract/test-rows.js';

/** A row with this id: TCP LISTEN on 127.0.0.1:3000 owned by pid 10, unless overridden. */
export function testRow(id: string, over: Partial<SocketRow> = {}): SocketRow {
  return {
    ...plainRow(),
    id,
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 3000,
    state: 'LISTEN',
    pids: [10],
    inode: 1234,
    uid: 1000,
    scope: 'loopback',
    firstSeen: 1,
    ...over,
  };
}

/** A process with this pid (named `proc<pid>` unless named). */
export function testProcess(pid: number, name = `proc${pid}`): ProcessInfo {
  return {
    pid,
    startTime: pid * 10,
    startedAt: 1_700_000_000_000,
    name,
    exe: `/usr/bin/${name}`,
    argv: [name],
    cwd: '/',
    uid: 1000,
    user: 'dev',
    ppid: 1,
    service: null,
  };
}

/** A snapshot `seq` of these rows and processes. */
export function testSnapshot(seq: number, sockets: SocketRow[], processes: ProcessInfo[] = [], over: Partial<Snapshot> = {}): Snapshot {
  return {
    time: 1000 + seq,
    seq,
    source: 'netlink',
    sockets,
    processes: Object.fromEntries(processes.map((p) => [p.pid, p])),
    hiddenOwners: 0,
    warnings: [],
    ...over,
  };
}

/** Delta `seq` with these parts, the rest empty (a delta that changes nothing by default). */
export function testDelta(seq: number, parts: Partial<Delta> = {}): Delta {
  return {
    time: 1000 + seq,
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
