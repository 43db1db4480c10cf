import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGING_FIELDS } from '@contract/row-fields';
import { rowFields, validRow } from '@contract/testing/arbitraries';
import { makeRow } from '@contract/testing/factories';
import { FIELD_BITS } from './patch-row';
import { SocketData } from './socket-data';
import { addressKey, compareKeys, SORT_COLUMNS, SORT_DEPENDS, sortKey } from './sort-keys';

describe('addressKey', () => {
  it('orders IPv4 numerically, not as text', () => {
    const sorted = ['9.0.0.1', '127.0.0.1', '10.0.0.2'].sort((a, b) =>
      addressKey(a, 4) < addressKey(b, 4) ? -1 : 1,
    );
    expect(sorted).toEqual(['9.0.0.1', '10.0.0.2', '127.0.0.1']);
  });

  it('expands IPv6 (with ::, zones and an IPv4 tail) to fixed width', () => {
    expect(addressKey('::1', 6)).toBe(`6${'0'.repeat(31)}1`);
    expect(addressKey('::', 6)).toBe(`6${'0'.repeat(32)}`);
    expect(addressKey('fe80::1%eth0', 6)).toBe(`6fe80${'0'.repeat(27)}1`);
    expect(addressKey('::ffff:127.0.0.1', 6)).toBe(`6${'0'.repeat(20)}ffff7f000001`);
    expect(addressKey('2001:db8:0:0:0:0:0:1', 6)).toBe('620010db8000000000000000000000001');
  });
});

describe('sortKey', () => {
  const data = new SocketData();
  it('sorts local by port before address, and puts missing values last', () => {
    const a = sortKey('local', makeRow({ id: 'a', localPort: 80, localAddress: '127.0.0.1' }), data);
    const b = sortKey('local', makeRow({ id: 'b', localPort: 443, localAddress: '0.0.0.0' }), data);
    expect(compareKeys(a, b, false)).toBeLessThan(0);
    expect(compareKeys(null, 1, false)).toBeGreaterThan(0);
    expect(compareKeys(null, 1, true)).toBeGreaterThan(0);
    expect(compareKeys(1, 2, true)).toBeGreaterThan(0);
  });

  it('sorts age youngest first and totals by sum', () => {
    const young = sortKey('age', makeRow({ id: 'y', firstSeen: 2000 }), data);
    const old = sortKey('age', makeRow({ id: 'o', firstSeen: 1000 }), data);
    expect(compareKeys(young, old, false)).toBeLessThan(0);
    expect(sortKey('total', makeRow({ id: 't', bytesSent: 5, bytesReceived: null }), data)).toBe(5);
    expect(sortKey('total', makeRow({ id: 'n' }), data)).toBeNull();
  });
});

describe('SORT_DEPENDS', () => {
  it('names every field that can change which a column key reads: a change of any other leaves the key', () => {
    const data = new SocketData();
    for (const column of SORT_COLUMNS) {
      for (const field of CHANGING_FIELDS) {
        if (SORT_DEPENDS[column].fields & FIELD_BITS[field]) continue;
        fc.assert(
          fc.property(validRow, rowFields[field] as fc.Arbitrary<unknown>, (row, value) => {
            expect(sortKey(column, { ...row, [field]: value }, data), `${column} reads ${field}`).toEqual(sortKey(column, row, data));
          }),
          { numRuns: 25 },
        );
      }
    }
  });
});
