import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SocketRow } from '../contract/model.js';
import { isListening } from '../core/diff/diff-snapshots.js';
import { testRow } from '../test-support/model-factories.js';
import { sortForListing } from './listing-order.js';

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
  .map((over) => testRow('r', over as Partial<SocketRow>));

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
});
