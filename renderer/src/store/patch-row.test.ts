import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGING_FIELDS, ROW_FIELDS } from '@contract/row-fields';
import { rowFields, validRow } from '@contract/testing/arbitraries';
import { makeRow } from '@contract/testing/factories';
import { ALL_FIELDS, FIELD_BITS, fieldMask, patchRow } from './patch-row';

describe('patchRow', () => {
  it('applies the named fields, null included, and reports them in the mask', () => {
    const row = makeRow({ id: 'a', pids: [1], ownerReason: null, sendRate: 5, uid: 7 });
    const { row: next, mask } = patchRow(row, { id: 'a', state: 'CLOSE_WAIT', sendRate: null, uid: null });
    expect(next).toEqual({ ...row, state: 'CLOSE_WAIT', sendRate: null, uid: null });
    expect(mask).toBe(FIELD_BITS.state | FIELD_BITS.sendRate | FIELD_BITS.uid);
    expect(row.state).toBe('LISTEN');
  });

  it('keeps every field of the row (same keys, same order) for an empty patch', () => {
    const row = makeRow({ id: 'b' });
    const { row: next, mask } = patchRow(row, { id: 'b' });
    expect(Object.keys(next)).toEqual(Object.keys(row));
    expect(next).toEqual(row);
    expect(mask).toBe(0);
  });

  it('applies each field of the table that can change, alone, with its own bit (and builds rows in the table order)', () => {
    for (const field of CHANGING_FIELDS) {
      fc.assert(
        fc.property(validRow, rowFields[field] as fc.Arbitrary<unknown>, (row, value) => {
          const { row: next, mask } = patchRow(row, { id: row.id, [field]: value });
          expect(next, field).toEqual({ ...row, [field]: value });
          expect(Object.keys(next)).toEqual(ROW_FIELDS);
          expect(mask, field).toBe(FIELD_BITS[field]);
        }),
        { numRuns: 20 },
      );
    }
  });

  it('has one bit per field that can change, and none for a fixed field', () => {
    expect(Object.keys(FIELD_BITS)).toEqual(CHANGING_FIELDS);
    expect(fieldMask(ROW_FIELDS)).toBe(ALL_FIELDS);
    expect(fieldMask(['id', 'protocol', 'family', 'firstSeen'])).toBe(0);
  });
});
