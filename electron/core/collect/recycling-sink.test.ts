import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLECTED_FIELDS } from '../../contract/row-fields.js';
import { rowFields } from '../../contract/testing/arbitraries.js';
import type { RawSocket } from '../model.js';
import { NO_COOKIE } from './netlink-protocol.js';
import { rawSocketSink, type DecodedSocket } from './netlink-parse.js';
import { NetlinkCollector } from './netlink-collector.js';
import { RecyclingSocketSink } from './recycling-sink.js';
import { startSocketChild } from './test-socket-child.js';

const decoded = (cookie: number, fields: Partial<DecodedSocket> = {}): DecodedSocket => ({
  protocol: 'tcp',
  family: 4,
  state: 'ESTABLISHED',
  localAddress: '127.0.0.1',
  localPort: 40000 + (cookie % 1000),
  remoteAddress: '127.0.0.1',
  remotePort: 5173,
  inode: 1000 + cookie,
  uid: 1000,
  cookieLow: cookie >>> 0,
  cookieHigh: cookie > 0xffffffff ? Math.floor(cookie / 2 ** 32) : 0,
  bytesSent: 10,
  bytesReceived: 20,
  v6Only: null,
  ...fields,
});

/** One collect through the sink. */
function collect(sink: RecyclingSocketSink, sockets: readonly DecodedSocket[]): RawSocket[] {
  sink.begin();
  for (const socket of sockets) sink.add(socket);
  return sink.sockets;
}

/** What a plain sink makes of the same sockets. */
function plain(sockets: readonly DecodedSocket[]): RawSocket[] {
  const out: RawSocket[] = [];
  const sink = rawSocketSink(out);
  for (const socket of sockets) sink.add(socket);
  return out;
}

describe('RecyclingSocketSink', () => {
  it('hands back the same object for every unchanged socket, and a new one for a changed one', () => {
    const sink = new RecyclingSocketSink();
    const first = collect(sink, [decoded(1), decoded(2), decoded(3)]);
    const second = collect(sink, [decoded(1), decoded(2, { bytesSent: 11 }), decoded(3)]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.bytesSent).toBe(11);
    expect(second[2]).toBe(first[2]);
    expect(sink.reused).toBe(2);
  });

  it('keeps reusing past one socket gone and one new in the middle', () => {
    const sink = new RecyclingSocketSink();
    const first = collect(sink, [1, 2, 3, 4, 5].map((c) => decoded(c)));
    const gone = collect(sink, [1, 2, 4, 5].map((c) => decoded(c)));
    expect(gone).toEqual([first[0], first[1], first[3], first[4]]);
    expect(gone.every((socket, i) => socket === [first[0], first[1], first[3], first[4]][i])).toBe(true);
    const added = collect(sink, [1, 2, 9, 4, 5].map((c) => decoded(c)));
    expect(added[2]).toMatchObject({ cookie: '9' });
    expect([added[0], added[1], added[3], added[4]]).toEqual([gone[0], gone[1], gone[2], gone[3]]);
    expect(sink.reused).toBe(4);
  });

  it('compares cookies by both words, including ones past 2^53 and sockets without one', () => {
    const sink = new RecyclingSocketSink();
    const big = { cookieLow: 7, cookieHigh: 0x80000000 };
    const first = collect(sink, [decoded(1, big), decoded(2, { cookieLow: NO_COOKIE, cookieHigh: NO_COOKIE })]);
    expect(first.map((s) => s.cookie)).toEqual([((0x80000000n << 32n) | 7n).toString(), null]);
    const second = collect(sink, [decoded(1, { ...big, cookieHigh: 0x80000001 }), decoded(2, { cookieLow: NO_COOKIE, cookieHigh: NO_COOKIE })]);
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it('is not misled by a caller that reorders the array it was handed', () => {
    const sink = new RecyclingSocketSink();
    const first = collect(sink, [decoded(1), decoded(2)]);
    first.reverse();
    const second = collect(sink, [decoded(1), decoded(2)]);
    expect(second.map((s) => s.cookie)).toEqual(['1', '2']);
  });

  it('reuses nothing after a reset (a failed collect)', () => {
    const sink = new RecyclingSocketSink();
    const first = collect(sink, [decoded(1)]);
    sink.reset();
    const second = collect(sink, [decoded(1)]);
    expect(second[0]).not.toBe(first[0]);
    expect(second).toEqual(first);
  });

  it('takes a new object when any one field a collector reports changed (every field of the table)', () => {
    for (const field of COLLECTED_FIELDS) {
      fc.assert(
        fc.property(rowFields[field] as fc.Arbitrary<unknown>, (value) => {
          const before = decoded(1);
          fc.pre(value !== before[field]);
          const sink = new RecyclingSocketSink();
          const [first] = collect(sink, [before]);
          const changed = { ...before, [field]: value } as DecodedSocket;
          const [second] = collect(sink, [changed]);
          expect(second, field).not.toBe(first);
          expect(second).toEqual(plain([changed])[0]);
        }),
        { numRuns: 20 },
      );
    }
  });

  // Property: whatever the sockets of two collects, the second yields exactly what a plain sink
  // makes of them (reuse never changes a value), and reuses only objects equal to the new one.
  it('always yields what a plain sink yields, for any two collects', () => {
    const arbSocket = fc.record({
      cookie: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(2 ** 40 + 3)),
      state: fc.constantFrom('ESTABLISHED', 'TIME_WAIT', 'LISTEN') as fc.Arbitrary<DecodedSocket['state']>,
      bytesSent: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      inode: fc.integer({ min: 0, max: 3 }),
    });
    const arbCollect = fc.array(arbSocket, { maxLength: 14 }).map((parts) => parts.map((p) => decoded(p.cookie, { state: p.state, bytesSent: p.bytesSent, inode: p.inode })));
    fc.assert(
      fc.property(arbCollect, arbCollect, arbCollect, (a, b, c) => {
        const sink = new RecyclingSocketSink();
        const first = collect(sink, a);
        expect(first).toEqual(plain(a));
        const second = collect(sink, b);
        expect(second).toEqual(plain(b));
        const third = collect(sink, c);
        expect(third).toEqual(plain(c));
        const earlier = new Set([...second]);
        expect(third.filter((s) => earlier.has(s)).length).toBe(sink.reused);
      }),
    );
  });
});

describe('NetlinkCollector reuse (real sockets)', () => {
  it("returns a child's unchanged listeners as the same objects on the next collect", async () => {
    const child = await startSocketChild();
    const collector = new NetlinkCollector();
    try {
      const ports = new Set(child.sockets.filter((s) => s.state === 'LISTEN').map((s) => s.localPort));
      const listeners = (sockets: RawSocket[]) => sockets.filter((s) => s.state === 'LISTEN' && ports.has(s.localPort));
      const first = listeners(collector.collect());
      const second = listeners(collector.collect());
      expect(first.length).toBeGreaterThan(0);
      expect(second).toHaveLength(first.length);
      second.forEach((socket, i) => expect(socket).toBe(first[i]));
      expect(collector.lastReused).toBeGreaterThanOrEqual(first.length);
    } finally {
      collector.close();
      await child.stop();
    }
  });
});
