import { describe, expect, it } from 'vitest';
import type { Snapshot, SocketRow } from '../model.js';
import { diffSnapshots } from './diff-snapshots.js';
import { connectionsOf, isQuietDelta } from './quiet-delta.js';
import { makeRow, makeSnapshot } from '../../contract/testing/factories.js';

// This file's rows are owned by pid 10 unless they say otherwise.
const row = (id: string, over: Partial<SocketRow> = {}): SocketRow => makeRow({ id, pids: [10], ...over });
const snapshot = (seq: number, sockets: SocketRow[], over: Partial<Snapshot> = {}): Snapshot =>
  makeSnapshot(seq, sockets, [], { time: 1000 * seq, ...over });

// The stream's WebSocket: pid 10 serves on 3000, the browser (pid 20) is connected from 50000.
const serverEnd = (bytes: number) =>
  row('server-end', { state: 'ESTABLISHED', remoteAddress: '127.0.0.1', remotePort: 50000, bytesSent: bytes, bytesReceived: 5 });
const browserEnd = (bytes: number) =>
  row('browser-end', { state: 'ESTABLISHED', localPort: 50000, remoteAddress: '127.0.0.1', remotePort: 3000, pids: [20], bytesSent: 5, bytesReceived: bytes });
const other = (bytes: number) =>
  row('other', { state: 'ESTABLISHED', localPort: 4000, remoteAddress: '127.0.0.1', remotePort: 4001, pids: [30], bytesSent: bytes });
const listener = row('listener');

describe('isQuietDelta', () => {
  it('a tick that changed nothing but the time is quiet', () => {
    const a = snapshot(1, [listener, serverEnd(100)]);
    const b = snapshot(2, [listener, serverEnd(100)]);
    expect(isQuietDelta(diffSnapshots(a, b), a)).toBe(true);
  });

  it('added, removed, state and owner changes, new warnings or hidden owners are never quiet', () => {
    const a = snapshot(1, [listener, serverEnd(100)]);
    const cases = [
      snapshot(2, [listener]),
      snapshot(2, [listener, serverEnd(100), other(0)]),
      snapshot(2, [listener, { ...serverEnd(100), state: 'CLOSE_WAIT' }]),
      snapshot(2, [{ ...listener, pids: [11] }, serverEnd(100)]),
      snapshot(2, [listener, serverEnd(100)], { warnings: ['ss fallback'] }),
      snapshot(2, [listener, serverEnd(100)], { hiddenOwners: 1 }),
    ];
    const exempt = connectionsOf(a, 10);
    for (const b of cases) expect(isQuietDelta(diffSnapshots(a, b), a, exempt)).toBe(false);
  });

  it('traffic on our own connections and their loopback peers is quiet; anyone else\'s is not', () => {
    const a = snapshot(1, [listener, serverEnd(100), browserEnd(100), other(0)]);
    const ours = snapshot(2, [listener, serverEnd(400), browserEnd(400), other(0)]);
    const exempt = connectionsOf(ours, 10);
    expect([...exempt].sort()).toEqual(['browser-end', 'listener', 'server-end']);
    expect(isQuietDelta(diffSnapshots(a, ours), a, exempt)).toBe(true);
    expect(isQuietDelta(diffSnapshots(a, ours), a)).toBe(false);

    const theirs = snapshot(2, [listener, serverEnd(400), browserEnd(400), other(64)]);
    expect(isQuietDelta(diffSnapshots(a, theirs), a, connectionsOf(theirs, 10))).toBe(false);
  });

  it('a process with no sockets exempts nothing', () => {
    expect(connectionsOf(snapshot(1, [listener, browserEnd(1)]), 99).size).toBe(0);
  });
});
