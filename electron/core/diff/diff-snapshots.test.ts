import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGING_FIELDS } from '../../contract/row-fields.js';
import { rowFields, validRow } from '../../contract/testing/arbitraries.js';
import type { ProcessInfo, Snapshot, SocketRow } from '../model.js';
import { applyDelta, DeltaSequenceError } from './apply-delta.js';
import { diffSnapshots } from './diff-snapshots.js';
import { LiveSnapshot } from './live-snapshot.js';
import { makeProcess, makeRow, makeSnapshot } from '../../contract/testing/factories.js';

// This file's rows are owned by pid 10 unless they say otherwise.
const process = (pid: number): ProcessInfo => makeProcess({ pid, name: `proc${pid}` });
const row = (id: string, over: Partial<SocketRow> = {}): SocketRow => makeRow({ id, pids: [10], ...over });
const snapshot = (seq: number, sockets: SocketRow[], processes: ProcessInfo[] = [process(10)]): Snapshot =>
  makeSnapshot(seq, sockets, processes);

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

  it('patches each field that can change, alone (every such field of the table), and applies back to the new row', () => {
    for (const field of CHANGING_FIELDS) {
      fc.assert(
        fc.property(validRow, rowFields[field] as fc.Arbitrary<unknown>, (old, value) => {
          const next = { ...old, [field]: value } as SocketRow;
          fc.pre(JSON.stringify(next[field]) !== JSON.stringify(old[field]));
          const delta = diffSnapshots(snapshot(0, [old], []), snapshot(1, [next], []));
          expect(delta.changed, field).toEqual([{ id: old.id, [field]: value }]);
          expect(applyDelta(snapshot(0, [old], []), delta).sockets).toEqual([next]);
        }),
        { numRuns: 20 },
      );
    }
  });

  it('reports a socket whose IPV6_V6ONLY became unknown (a bound UDP socket that connected)', () => {
    const bound = row('u6', { protocol: 'udp', family: 6, localAddress: '::', scope: 'all', state: 'UNCONN', v6Only: false });
    const connected = { ...bound, localAddress: '::1', scope: 'loopback' as const, remoteAddress: '::1', remotePort: 53, state: 'ESTABLISHED' as const, v6Only: null };
    const delta = diffSnapshots(snapshot(0, [bound]), snapshot(1, [connected]));
    expect(delta.changed).toEqual([
      { id: 'u6', localAddress: '::1', remoteAddress: '::1', remotePort: 53, state: 'ESTABLISHED', scope: 'loopback', v6Only: null },
    ]);
    expect(delta.events).toMatchObject([{ type: 'listen-closed', rowId: 'u6' }]);
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

  // Property: a next poll made from the last one by the edits polls see (rows changed, gone,
  // new, moved) gives the delta a plain match-everything-by-id diff gives, events included.
  it('gives the same delta as matching every row by id, for polls that keep, break or reorder the order', () => {
    const arbEdit = fc.record({
      drop: fc.boolean(),
      change: fc.boolean(),
      toListen: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }),
        fc.array(arbEdit, { minLength: 12, maxLength: 12 }),
        fc.uniqueArray(fc.integer({ min: 41, max: 60 }), { maxLength: 3 }),
        fc.nat({ max: 13 }),
        fc.boolean(),
        (ids, edits, fresh, insertAt, swap) => {
          const before = ids.map((id) => row(`r${id}`, { state: id % 4 === 0 ? 'LISTEN' : 'ESTABLISHED', bytesSent: id }));
          const after: SocketRow[] = [];
          before.forEach((old, i) => {
            const edit = edits[i] as { drop: boolean; change: boolean; toListen: boolean };
            if (edit.drop) return;
            if (!edit.change) return void after.push(old);
            after.push({ ...old, bytesSent: (old.bytesSent ?? 0) + 1, state: edit.toListen ? 'LISTEN' : old.state });
          });
          after.splice(Math.min(insertAt, after.length), 0, ...fresh.map((id) => row(`r${id}`, { state: 'LISTEN' })));
          if (swap && after.length > 1) after.push(after.shift() as SocketRow);
          const a = snapshot(3, before);
          const b = snapshot(4, after);
          const delta = diffSnapshots(a, b);
          const reference = referenceDiff(a, b);
          expect(new Set(delta.added.map((r) => r.id))).toEqual(new Set(reference.added));
          expect(new Set(delta.removed)).toEqual(new Set(reference.removed));
          expect(new Map(delta.changed.map((p) => [p.id, p]))).toEqual(new Map(reference.changed.map((p) => [p.id, p])));
          const eventKey = (e: { type: string; rowId: string }) => `${e.type} ${e.rowId}`;
          expect(delta.events.map(eventKey).sort()).toEqual(reference.events.sort());
        },
      ),
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

/** The plain diff the in-step walk must agree with: every row matched by id through Maps. */
function referenceDiff(a: Snapshot, b: Snapshot): { added: string[]; removed: string[]; changed: Record<string, unknown>[]; events: string[] } {
  const listening = (r: SocketRow) => r.state === 'LISTEN' || (r.protocol === 'udp' && r.state === 'UNCONN');
  const before = new Map(a.sockets.map((r) => [r.id, r]));
  const after = new Map(b.sockets.map((r) => [r.id, r]));
  const added: string[] = [];
  const changed: Record<string, unknown>[] = [];
  const events: string[] = [];
  for (const r of b.sockets) {
    const old = before.get(r.id);
    if (!old) {
      added.push(r.id);
      if (listening(r)) events.push(`listen-opened ${r.id}`);
      continue;
    }
    const patch: Record<string, unknown> = {};
    for (const field of ['state', 'pids', 'ownerReason', 'inode', 'uid', 'bytesSent', 'bytesReceived', 'sendRate', 'receiveRate'] as const) {
      if (JSON.stringify(old[field]) !== JSON.stringify(r[field])) patch[field] = r[field];
    }
    if (Object.keys(patch).length) changed.push({ id: r.id, ...patch });
    if (listening(r) !== listening(old)) events.push(`${listening(r) ? 'listen-opened' : 'listen-closed'} ${r.id}`);
  }
  const removed = a.sockets.filter((r) => !after.has(r.id)).map((r) => r.id);
  for (const r of a.sockets) if (!after.has(r.id) && listening(r)) events.push(`listen-closed ${r.id}`);
  return { added, removed, changed, events };
}

