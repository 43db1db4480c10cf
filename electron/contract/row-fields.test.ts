// The field table (row-fields.ts) and what is made of it: every place that lists a row's
// fields must list exactly the table's, and build rows in its order (one hidden class).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocketPatch, SocketRow } from './model.js';
import { packRows, unpackSnapshot } from './wire/packed-stream.js';
import { CHANGING_FIELDS, COLLECTED_FIELDS, ROW_FIELD_TABLE, ROW_FIELDS, isListening } from './row-fields.js';
import { sameItems } from './same-items.js';
import { patchFields, rowFields, validRow } from './testing/arbitraries.js';
import { plainRow } from './testing/plain-row.js';
import { ROW_FIELD_CHECKS, checked, socketRow } from './wire/wire-check.js';

describe('the socket row field table', () => {
  it('names each field once; only fields that can change are patched; the id and first-seen time are fixed', () => {
    expect(new Set(ROW_FIELDS).size).toBe(ROW_FIELD_TABLE.length);
    expect(CHANGING_FIELDS).not.toContain('id');
    // firstSeen is carried over from the row before for the row's life (see the table).
    expect(CHANGING_FIELDS).not.toContain('firstSeen');
    expect(COLLECTED_FIELDS).not.toContain('id');
  });

  it('makes the zod schemas, the wire checks, the test arbitraries and the plain row with its fields, in its order', () => {
    expect(Object.keys(SocketRow.shape)).toEqual(ROW_FIELDS);
    expect(Object.keys(SocketPatch.shape)).toEqual(['id', ...CHANGING_FIELDS]);
    expect(Object.keys(ROW_FIELD_CHECKS)).toEqual(ROW_FIELDS);
    expect(Object.keys(rowFields)).toEqual(ROW_FIELDS);
    expect(Object.keys(patchFields)).toEqual(['id', ...CHANGING_FIELDS]);
    expect(Object.keys(plainRow())).toEqual(ROW_FIELDS);
    expect(SocketRow.safeParse(plainRow()).success).toBe(true);
  });

  it('has the hand-written row builders make rows of every field, in its order (wire check, packed rows)', () => {
    fc.assert(
      fc.property(fc.array(validRow, { minLength: 1, maxLength: 5 }), (rows) => {
        // Keys in another order: the builders must not just copy the input's order.
        const shuffled = rows.map((row) => Object.fromEntries(Object.entries(row).reverse()));
        for (const row of shuffled) {
          const result = checked(socketRow, row);
          expect(result.ok && Object.keys(result.value)).toEqual(ROW_FIELDS);
        }
        const packed = { time: 1, seq: 0, source: 'netlink', sockets: packRows(rows), processes: {}, hiddenOwners: 0, warnings: [] };
        expect(Object.keys(packed.sockets.c)).toEqual(ROW_FIELDS);
        const back = unpackSnapshot(JSON.parse(JSON.stringify(packed)));
        expect(back.ok).toBe(true);
        if (back.ok) for (const row of back.value.sockets) expect(Object.keys(row)).toEqual(ROW_FIELDS);
      }),
      { numRuns: 50 },
    );
  });

  it('says which sockets listen: TCP LISTEN, or UDP bound without a peer', () => {
    expect(isListening({ protocol: 'tcp', state: 'LISTEN' })).toBe(true);
    expect(isListening({ protocol: 'udp', state: 'UNCONN' })).toBe(true);
    expect(isListening({ protocol: 'udp', state: 'ESTABLISHED' })).toBe(false);
    expect(isListening({ protocol: 'tcp', state: 'CLOSE' })).toBe(false);
  });
});

describe('sameItems', () => {
  it('is true exactly for arrays of the same items in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }), (a, b) => {
        expect(sameItems(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(sameItems(a, a)).toBe(true);
      }),
    );
  });
});
