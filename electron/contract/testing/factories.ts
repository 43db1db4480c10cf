/**
 * Test values of the contract's model, for every test, Node side and renderer alike: a row, a
 * process, a snapshot, a delta, a port event. Each takes the fields a test cares about and fills
 * in the rest with plain defaults; rows start from plainRow() (every field of the table), so a
 * field added to row-fields.ts reaches every test without an edit here.
 */
import { PortEvent, type Delta, type ProcessInfo, type Snapshot, type SocketRow } from '../model.js';
import { plainRow } from './plain-row.js';

export { plainRow };

/**
 * A socket row: TCP LISTEN on 127.0.0.1:3000 unless overridden. The family follows the local
 * address (6 when it has a colon); the owner reason follows the pids (none: `not-found`).
 */
export function makeRow(overrides: Partial<SocketRow> & { id: string }): SocketRow {
  const localAddress = overrides.localAddress ?? '127.0.0.1';
  const pids = overrides.pids ?? [];
  return {
    ...plainRow(),
    protocol: 'tcp',
    family: localAddress.includes(':') ? 6 : 4,
    localAddress,
    localPort: 3000,
    state: 'LISTEN',
    pids,
    ownerReason: pids.length ? null : 'not-found',
    inode: 1,
    uid: 1000,
    scope: 'loopback',
    firstSeen: 1_700_000_000_000,
    ...overrides,
  };
}

/** A process: `node` unless named; its exe and argv follow the name unless given. */
export function makeProcess(overrides: Partial<ProcessInfo> & { pid: number }): ProcessInfo {
  const name = overrides.name ?? 'node';
  return {
    startTime: 100,
    startedAt: 1_700_000_000_000,
    name,
    exe: `/usr/bin/${name}`,
    argv: [name],
    cwd: '/srv/app',
    uid: 1000,
    user: 'dev',
    ppid: 1,
    service: null,
    ...overrides,
  };
}

/** Snapshot `seq` of these rows and processes. */
export function makeSnapshot(
  seq: number,
  sockets: SocketRow[],
  processes: ProcessInfo[] = [],
  overrides: Partial<Snapshot> = {},
): Snapshot {
  return {
    time: 1_700_000_000_000 + seq * 1000,
    seq,
    source: 'netlink',
    sockets,
    processes: Object.fromEntries(processes.map((info) => [String(info.pid), info])),
    hiddenOwners: 0,
    warnings: [],
    ...overrides,
  };
}

/** Delta `seq` with these parts, the rest empty (a delta that changes nothing by default). */
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

/**
 * A port event as diffSnapshots builds it: `listen-opened` by `node` (pid 4242) unless
 * overridden. Validated by the contract schema, so a test cannot build an impossible one.
 */
export function makeEvent(
  overrides: Partial<PortEvent> & { localAddress: string; localPort: number },
): PortEvent {
  const family = overrides.family ?? (overrides.localAddress.includes(':') ? 6 : 4);
  const process =
    overrides.process === undefined ? makeProcess({ pid: 4242, name: 'node' }) : overrides.process;
  return PortEvent.parse({
    type: 'listen-opened',
    time: 1_700_000_001_000,
    rowId: `tcp:${overrides.localAddress}:${overrides.localPort}`,
    protocol: 'tcp',
    scope: scopeOf(overrides.localAddress),
    v6Only: null,
    pids: process ? [process.pid] : [],
    ...overrides,
    family,
    process,
  });
}

function scopeOf(address: string): PortEvent['scope'] {
  if (address.startsWith('127.') || address === '::1') return 'loopback';
  if (address === '0.0.0.0' || address === '::') return 'all';
  return 'address';
}
