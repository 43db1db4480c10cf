import { describe, expect, it } from 'vitest';
import { makeRow } from '../testing/factories';
import { FIELD_BITS, patchRow } from './patch-row';

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
    expect(Object.keys(next).sort()).toEqual(Object.keys(row).sort());
    expect(next).toEqual(row);
    expect(mask).toBe(0);
  });
});
