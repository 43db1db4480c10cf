import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcessInfo, Snapshot, SocketRow } from '../model.js';
import { applyDelta, DeltaSequenceError } from './apply-delta.js';
import { diffSnapshots } from './diff-snapshots.js';
import { LiveSnapshot } from './live-snapshot.js';
import { testProcess, testRow, testSnapshot } from '../../test-support/model-factories.js';

const process = testProcess;
const row = testRow;
const snapshot = (seq: number, sockets: SocketRow[], processes: ProcessInfo[] = [process(10)]): Snapshot =>
  testSnapshot(seq, sockets, processes);

describe('diffSnapshots', () => {
  it('reports a new listener as added with a listen-opened event naming its owner', () => {
    const delta = diffSnapshots(snapshot(0, []), snapshot(1, [row('a')]));
    expect(delta.added.map((r) => r.id)).toEqual(['a']);
    expect(delta.events).toHaveLength(1);
    expect(delta.events[0]).toMatchObject({ type: 'listen-opened', localPort: 3000, pids: [10], process: { name: 'proc10' } });
  });

  it('reports a closed listener as removed with listen-closed naming the owner it had', () => {
    const delta = diffSnapshots(snapshot(0, [row('a')]), snapshot(1, [], []));
    expect(delta.removed).toEqual(['a']);
    expect(delta.processesRemoved).toEqual([10]);
    expect(delta.events[0]).toMatchObject({ type: 'listen-closed', process: { pid: 10, name: 'proc10' } });
  });

  it('patches only the fields that changed', () => {
    const before = row('c', { state: 'ESTABLISHED', remoteAddress: '127.0.0.1', remotePort: 5000, bytesSent: 10 });
    const after = { ...before, bytesSent: 50, sendRate: 40 };
    const delta = diffSnapshots(snapshot(0, [before]), snapshot(1, [after]));
    expect(delta.changed).toEqual([{ id: 'c', bytesSent: 50, sendRate: 40 }]);
    expect(delta.added).toEqual([]);
    expect(delta.events).toEqual([]);
  });

  it('treats a bound UDP socket as an open port', () => {
    const udp = row('u', { protocol: 'udp', state: 'UNCONN' });
    expect(diffSnapshots(snapshot(0, []), snapshot(1, [udp])).events[0]?.type).toBe('listen-opened');
  });

  it('sends nothing for an unchanged snapshot', () => {
    const rows = [row('a'), row('b', { localPort: 4000 })];
    const delta = diffSnapshots(snapshot(0, rows), snapshot(1, rows.map((r) => ({ ...r }))));
    expect(delta).toMatchObject({ added: [], removed: [], changed: [], events: [], processesUpserted: [], processesRemoved: [] });
  });
});

describe('applyDelta', () => {
  it('refuses a delta that does not follow the snapshot', () => {
    const delta = diffSnapshots(snapshot(0, []), snapshot(1, [row('a')]));
    expect(() => applyDelta(snapshot(5, []), delta)).toThrow(DeltaSequenceError);
  });

  // Property: for any two snapshots, applying diff(a, b) to a yields b (as sets of rows).
  it('apply(a, diff(a, b)) equals b for arbitrary snapshots', () => {
    const arbRow = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      state: fc.constantFrom('LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'UNCONN') as fc.Arbitrary<SocketRow['state']>,
      pids: fc.array(fc.integer({ min: 10, max: 13 }), { maxLength: 2 }),
      bytesSent: fc.option(fc.nat(), { nil: null }),
      sendRate: fc.option(fc.nat(), { nil: null }),
    });
    // An id fixes the socket's immutable fields (protocol, endpoints), as real ids do.
    const arbRows = fc
      .uniqueArray(arbRow, { selector: (r) => r.id, maxLength: 6 })
      .map((parts) => parts.map((p) => row(p.id, { ...p, protocol: p.id < 'd' ? 'tcp' : 'udp' })));
    const arbProcesses = fc.uniqueArray(fc.integer({ min: 10, max: 13 }), { maxLength: 4 }).map((pids) => pids.map((pid) => process(pid)));
    fc.assert(
      fc.property(arbRows, arbRows, arbProcesses, arbProcesses, (rowsA, rowsB, procsA, procsB) => {
        const a = snapshot(3, rowsA, procsA);
        const b = snapshot(4, rowsB, procsB);
        const applied = applyDelta(a, diffSnapshots(a, b));
        const byId = (s: Snapshot) => [...s.sockets].sort((x, y) => x.id.localeCompare(y.id));
        expect(byId(applied)).toEqual(byId(b));
        expect(applied.processes).toEqual(b.processes);
        expect(applied.seq).toBe(b.seq);
      }),
    );
  });

  it('a LiveSnapshot fed a chain of deltas equals applyDelta folded over them, and leaves earlier snapshots alone', () => {
    const arbRow = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      state: fc.constantFrom('LISTEN', 'ESTABLISHED', 'TIME_WAIT') as fc.Arbitrary<SocketRow['state']>,
      bytesSent: fc.option(fc.nat(), { nil: null }),
    });
    const arbRows = fc.uniqueArray(arbRow, { selector: (r) => r.id, maxLength: 6 }).map((parts) => parts.map((p) => row(p.id, p)));
    const arbProcesses = fc.uniqueArray(fc.integer({ min: 10, max: 13 }), { maxLength: 4 }).map((pids) => pids.map((pid) => process(pid)));
    fc.assert(
      fc.property(fc.array(fc.tuple(arbRows, arbProcesses), { minLength: 1, maxLength: 6 }), (states) => {
        const snapshots = states.map(([rows, procs], i) => snapshot(i, rows, procs));
        const first = snapshots[0]!;
        const firstCopy = structuredClone(first);
        const live = new LiveSnapshot(first);
        let folded = first;
        for (let i = 1; i < snapshots.length; i++) {
          const delta = diffSnapshots(snapshots[i - 1]!, snapshots[i]!);
          live.apply(delta);
          folded = applyDelta(folded, delta);
          expect(live.snapshot()).toEqual(folded);
        }
        expect(first).toEqual(firstCopy);
        expect(() => live.apply(diffSnapshots(first, first))).toThrow(DeltaSequenceError);
      }),
    );
  });
});
