import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SocketRow } from '../../contract/model.js';
import { isListening } from '../../contract/row-fields.js';
import { makeRow } from '../../contract/testing/factories.js';
import { listingKey, orderByKeys, sortForListing } from './listing-order.js';

/** The order spelled out as a comparator (what sortForListing must equal, ties kept in order). */
function byListeningThenPort(a: SocketRow, b: SocketRow): number {
  return (
    Number(isListening(b)) - Number(isListening(a)) ||
    a.localPort - b.localPort ||
    a.protocol.localeCompare(b.protocol) ||
    a.family - b.family ||
    (a.remotePort ?? 0) - (b.remotePort ?? 0)
  );
}

const row = fc
  .record({
    protocol: fc.constantFrom('tcp', 'udp'),
    family: fc.constantFrom(4, 6),
    state: fc.constantFrom('LISTEN', 'ESTABLISHED', 'UNCONN', 'TIME_WAIT'),
    localPort: fc.integer({ min: 0, max: 65535 }),
    remotePort: fc.option(fc.integer({ min: 0, max: 65535 })),
  })
  .map((over) => makeRow({ ...(over as Partial<SocketRow>), id: 'r' }));

describe('sortForListing', () => {
  it('puts listening sockets first, then orders by local port, protocol, family and remote port, keeping ties in order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), (rows) => {
        const tagged = rows.map((r, i) => ({ ...r, id: String(i) }));
        const sorted = tagged.slice();
        sortForListing(sorted);
        expect(sorted.map((r) => r.id)).toEqual(tagged.slice().sort(byListeningThenPort).map((r) => r.id));
      }),
    );
  });

  it('orderByKeys gives the same order past 2^18 rows, where it sorts with a comparator', () => {
    const sample = [makeRow({ id: 'a', state: 'LISTEN', localPort: 9 }), makeRow({ id: 'b', localPort: 3 }), makeRow({ id: 'c', localPort: 3, protocol: 'udp' })];
    const keys = Array.from({ length: 2 ** 18 + 5 }, (_, i) => listingKey(sample[(i * 7919) % 3]!));
    const order = orderByKeys(keys);
    let misplaced = 0;
    for (let i = 1; i < order.length; i++) {
      const a = order[i - 1]!;
      const b = order[i]!;
      if (!(keys[a]! < keys[b]! || (keys[a] === keys[b] && a < b))) misplaced++;
    }
    expect(misplaced).toBe(0);
    expect(new Set(order).size).toBe(keys.length);
  });
});
