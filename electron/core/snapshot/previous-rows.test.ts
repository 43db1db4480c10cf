import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SocketRow } from '../model.js';
import { makeRow } from '../../contract/testing/factories.js';
import { PreviousRows } from './previous-rows.js';

describe('PreviousRows', () => {
  // Property: whatever the order of the lookups (the kernel's order held, or broken by sockets
  // gone, new or moved), each finds what a Map of last poll's rows holds under that key.
  it('finds exactly what a Map of the rows would, for any keys and any lookup order', () => {
    const keys = fc.uniqueArray(fc.integer({ min: 1, max: 30 }).map(String), { maxLength: 20 });
    fc.assert(
      fc.property(keys, keys, fc.boolean(), (before, now, keepOrder) => {
        const rows = before.map((key) => makeRow({ id: key }));
        const lookups = keepOrder ? before.filter((key) => now.includes(key) || Number(key) % 3 !== 0).concat(now) : now;
        const previous = new PreviousRows(before, rows);
        const reference = new Map<string, SocketRow>(before.map((key, i) => [key, rows[i] as SocketRow]));
        for (const key of lookups) expect(previous.find(key)).toBe(reference.get(key));
      }),
    );
  });

  it('finds nothing when there was no previous poll', () => {
    expect(new PreviousRows().find('1')).toBeUndefined();
  });
});
