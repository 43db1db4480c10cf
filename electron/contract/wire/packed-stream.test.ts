// The packed stream form: lossless for every valid snapshot and delta (through JSON, as on the
// wire), never accepts what the contract's schemas would refuse, and is much smaller than the
// object form for the many similar rows a real machine has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamMessage } from '../api.js';
import type { Snapshot, SocketRow } from '../model.js';
import {
  packDelta,
  packSnapshot,
  packStreamMessage,
  unpackDelta,
  worthPacking,
  unpackSnapshot,
  unpackStreamMessage,
} from './packed-stream.js';
import { junk, mutate, validDelta, validSnapshot, validStreamMessage } from '../testing/arbitraries.js';
import { makeDelta, makeRow } from '../testing/factories.js';

/** `value` as the other end of a WebSocket sees it. */
const overJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('packed stream', () => {
  it('unpacks every valid snapshot to what the object form carries', () => {
    fc.assert(
      fc.property(validSnapshot, (snapshot) => {
        expect(unpackSnapshot(overJson(packSnapshot(snapshot)))).toEqual({
          ok: true,
          value: overJson(snapshot),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('unpacks every valid delta to what the object form carries, patches in their order', () => {
    fc.assert(
      fc.property(validDelta, (delta) => {
        expect(unpackDelta(overJson(packDelta(delta)))).toEqual({ ok: true, value: overJson(delta) });
      }),
      { numRuns: 300 },
    );
  });

  it('packs snapshots (whole or in parts) and deltas only; unpacks them as stream messages', () => {
    fc.assert(
      fc.property(validStreamMessage, (message) => {
        const packed = packStreamMessage(message);
        if (message.type !== 'snapshot' && message.type !== 'snapshot-rest' && message.type !== 'delta') {
          expect(packed).toBeNull();
          return;
        }
        expect(unpackStreamMessage(overJson(packed))).toEqual({ ok: true, value: overJson(message) });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what the schemas refuse: anything it accepts from a damaged message is a valid one', () => {
    let accepted = 0;
    let refused = 0;
    const damaged = fc
      .tuple(validStreamMessage, fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 2 }))
      .map(([message, picks]) => mutate(overJson(packStreamMessage(message) ?? message), picks));
    fc.assert(
      fc.property(damaged, (value) => {
        const result = unpackStreamMessage(value);
        if (result.ok) {
          accepted++;
          expect(StreamMessage.safeParse(result.value).success).toBe(true);
        } else {
          refused++;
          expect(result.issue).toMatch(/: /);
        }
      }),
      { numRuns: 2000 },
    );
    // Most damage is refused; some lands where junk happens to be valid (a string for a string).
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(1000);
  });

  it('is worth it for snapshots (and their rest) and for deltas of many rows, not for a few rows or other messages', () => {
    const delta = (rows: number) => ({
      type: 'delta' as const,
      delta: makeDelta(2, { time: 1, removed: Array.from({ length: rows }, (_, i) => `tcp#${i}`) }),
    });
    expect(
      worthPacking({
        type: 'snapshot',
        snapshot: {
          time: 1,
          seq: 1,
          source: 'netlink',
          sockets: [],
          processes: {},
          hiddenOwners: 0,
          warnings: [],
        },
      }),
    ).toBe(true);
    expect(worthPacking({ type: 'snapshot-rest', seq: 1, sockets: [], rest: 0 })).toBe(true);
    expect(worthPacking(delta(3))).toBe(false);
    expect(worthPacking(delta(500))).toBe(true);
    expect(worthPacking({ type: 'reveal', rowId: 'tcp#1' })).toBe(false);
  });

  it('refuses columns of the wrong length, indexes out of range and broken prefixes', () => {
    const rows = [row(1, 40_001), row(2, 40_002), row(3, 40_003)];
    const snapshot = packSnapshot({
      time: 1,
      seq: 1,
      source: 'netlink',
      sockets: rows,
      processes: {},
      hiddenOwners: 0,
      warnings: [],
    });
    const broken = (patch: (columns: Record<string, unknown>) => void) => {
      const copy = overJson(snapshot);
      patch(copy.sockets.c as Record<string, unknown>);
      return unpackSnapshot(copy);
    };
    expect(broken((c) => (c.inode = [1, 2]))).toMatchObject({
      ok: false,
      issue: 'sockets.c.inode: expected 3 values, got 2',
    });
    expect(broken((c) => (c.localAddress = { d: ['127.0.0.1'], i: [0, 1, 0] }))).toMatchObject({
      ok: false,
      issue: 'sockets.c.localAddress.1: expected an index into d',
    });
    expect(broken((c) => (c.id = { p: [0, 9, 0], s: ['tcp#1', '2', '3'] }))).toMatchObject({
      ok: false,
      issue: 'sockets.c.id.p.1: expected a shared-prefix length',
    });
    expect(broken((c) => (c.localPort = { z: [40_001, 1, 30_000] }))).toMatchObject({
      ok: false,
      issue: 'sockets.c.localPort.2: expected a port 0–65535',
    });
    expect(broken((c) => (c.pids = { d: [[0]], i: [0, 0, 0] }))).toMatchObject({
      ok: false,
      issue: 'sockets.c.pids.d.0.0: expected a pid (an integer ≥ 1)',
    });
    expect(broken((c) => delete c.state)).toMatchObject({
      ok: false,
      issue: 'sockets.c.state: expected an object',
    });
  });

  it('is a fraction of the object form for a machine full of similar connections', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(i, 30_000 + i));
    const snapshot: Snapshot = {
      time: 1_795_000_000_000,
      seq: 3,
      source: 'netlink',
      sockets: rows,
      processes: {},
      hiddenOwners: 0,
      warnings: [],
    };
    const plain = JSON.stringify(snapshot).length;
    const packed = JSON.stringify(packSnapshot(snapshot)).length;
    expect(packed).toBeLessThan(plain / 4);
    // The rows do not share arrays after unpacking, as they do not on the wire.
    const back = unpackSnapshot(JSON.parse(JSON.stringify(packSnapshot(snapshot))));
    expect(back.ok && back.value.sockets[0]!.pids).not.toBe(back.ok && back.value.sockets[1]!.pids);
  });
});

function row(n: number, port: number): SocketRow {
  return makeRow({
    id: `tcp#${1_704_700 + n}`,
    localPort: port,
    remoteAddress: '127.31.13.178',
    remotePort: 42_539,
    state: 'ESTABLISHED',
    pids: [28_834],
    inode: 4_873_812 + n,
    uid: 0,
    bytesSent: 11_456 + (n % 2) * 32,
    bytesReceived: 11_456,
    sendRate: 35,
    receiveRate: 35,
    firstSeen: 1_795_810_853_601,
  });
}
