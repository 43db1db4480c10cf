import { describe, expect, it } from 'vitest';
import { makeDelta, makeProcess, makeRow, makeSnapshot } from '@contract/testing/factories';
import { CLOSING_MS, FIELD_BITS, SocketData } from './socket-data';

const node = makeProcess({ pid: 100 });

describe('SocketData', () => {
  it('loads a snapshot without marking its rows new', () => {
    const data = new SocketData();
    const changes = data.applySnapshot(makeSnapshot(1, [makeRow({ id: 'a', pids: [100] })], [node]), 0);
    expect(changes.reset).toBe(true);
    expect(data.loaded).toBe(true);
    expect(data.rows.get('a')?.addedAt).toBeNull();
    expect(data.process(100)?.name).toBe('node');
    expect(data.rowsOfPid(100)).toEqual(['a']);
  });

  it('applies added, changed and removed rows, keeping removed ones until their fade ends', () => {
    const data = new SocketData();
    data.applySnapshot(makeSnapshot(1, [makeRow({ id: 'a' }), makeRow({ id: 'b' })]), 0);
    const changes = data.applyDelta(
      makeDelta(2, {
        added: [makeRow({ id: 'c', localPort: 4000 })],
        removed: ['b'],
        changed: [{ id: 'a', state: 'CLOSE_WAIT' }],
      }),
      1000,
    );
    expect(changes.added).toEqual(['c']);
    expect(changes.changed.get('a')).toBe(FIELD_BITS.state);
    expect(data.rows.get('a')?.row.state).toBe('CLOSE_WAIT');
    expect(data.rows.get('c')?.addedAt).toBe(1000);
    expect(data.rows.get('b')?.closingAt).toBe(1000);
    expect(data.meta.seq).toBe(2);

    expect(data.counts).toEqual({ tcp: 2, udp: 0, listening: 1, closing: 1 });
    expect(data.sweep(1000 + CLOSING_MS - 1).changes.dropped).toEqual([]);
    const swept = data.sweep(1000 + CLOSING_MS);
    expect(swept.changes.dropped).toEqual(['b']);
    expect(data.rows.has('b')).toBe(false);
    expect(data.hasClosing).toBe(false);
    expect(data.counts).toEqual({ tcp: 2, udp: 0, listening: 1, closing: 0 });
  });

  it('re-indexes owners when pids change and keeps a gone process while its rows close', () => {
    const data = new SocketData();
    data.applySnapshot(makeSnapshot(1, [makeRow({ id: 'a', pids: [100] })], [node]), 0);
    data.applyDelta(
      makeDelta(2, {
        changed: [{ id: 'a', pids: [200] }],
        processesUpserted: [makeProcess({ pid: 200, name: 'deno' })],
      }),
      10,
    );
    expect(data.rowsOfPid(100)).toEqual([]);
    expect(data.rowsOfPid(200)).toEqual(['a']);
    data.applyDelta(makeDelta(3, { removed: ['a'], processesRemoved: [200] }), 20);
    expect(data.process(200)?.name).toBe('deno');
    data.sweep(20 + CLOSING_MS);
    expect(data.process(200)).toBeUndefined();
  });

  it('keeps a rate history per row from its first traffic on, and sums a watched pid', () => {
    const data = new SocketData();
    const counted = {
      bytesSent: 0,
      bytesReceived: 0,
      sendRate: 10,
      receiveRate: 20,
      pids: [100],
      ownerReason: null,
    };
    data.applySnapshot(
      makeSnapshot(
        1,
        [
          makeRow({ id: 'a', ...counted }),
          makeRow({ id: 'b', ...counted }),
          makeRow({ id: 'u', protocol: 'udp' }),
        ],
        [node],
      ),
      0,
    );
    data.applyDelta(makeDelta(2, { changed: [{ id: 'a', sendRate: 30 }] }), 1000);
    expect(data.rows.get('a')?.history?.series()).toEqual({ send: [10, 30], receive: [20, 20] });
    expect(data.rows.get('u')?.history).toBeNull();
    data.applyDelta(makeDelta(3, { changed: [{ id: 'a', sendRate: 0, receiveRate: 0 }] }), 1500);
    expect(data.rows.get('a')?.history?.series().send).toEqual([10, 30, 0]);

    const history = data.watchPid(100);
    expect(history.series()).toEqual({ send: [20, 40, 10], receive: [40, 40, 20] });
    data.applyDelta(makeDelta(4, { changed: [{ id: 'b', receiveRate: 0 }] }), 2000);
    expect(history.series().receive).toEqual([40, 40, 20, 0]);

    const idle = new SocketData();
    idle.applySnapshot(makeSnapshot(1, [makeRow({ id: 'z', ...counted, sendRate: 0, receiveRate: 0 })]), 0);
    expect(idle.rows.get('z')?.history).toBeNull();
  });

  it('turns a replacing snapshot into new and closing rows', () => {
    const data = new SocketData();
    data.applySnapshot(makeSnapshot(1, [makeRow({ id: 'a' }), makeRow({ id: 'b' })]), 0);
    data.applySnapshot(makeSnapshot(9, [makeRow({ id: 'b' }), makeRow({ id: 'c' })]), 500);
    expect(data.rows.get('a')?.closingAt).toBe(500);
    expect(data.rows.get('c')?.addedAt).toBe(500);
    expect(data.rows.get('b')?.addedAt).toBeNull();
    expect(data.meta.seq).toBe(9);
  });

  it('ignores patches for rows it does not have', () => {
    const data = new SocketData();
    data.applySnapshot(makeSnapshot(1, []), 0);
    const changes = data.applyDelta(makeDelta(2, { changed: [{ id: 'ghost', state: 'LISTEN' }] }), 1);
    expect(changes.changed.size).toBe(0);
    expect(data.rows.size).toBe(0);
  });

  it('knows which rows opened before PortLens started watching (their age is a lower bound)', () => {
    const data = new SocketData();
    expect(data.openedBefore(makeRow({ id: 'x', firstSeen: 1 }))).toBe(false);
    data.applySnapshot(
      makeSnapshot(1, [makeRow({ id: 'old', firstSeen: 5000 }), makeRow({ id: 'new', firstSeen: 9000 })]),
      0,
    );
    expect(data.watchingSince).toBe(5000);
    expect(data.openedBefore(data.rows.get('old')!.row)).toBe(true);
    expect(data.openedBefore(data.rows.get('new')!.row)).toBe(false);
    // A snapshot from a new server (a reconnect) started watching anew.
    data.applySnapshot(makeSnapshot(1, [makeRow({ id: 'other', firstSeen: 20_000 })]), 1);
    expect(data.watchingSince).toBe(20_000);
  });
});
