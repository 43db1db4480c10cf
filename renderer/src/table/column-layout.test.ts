import { describe, expect, it } from 'vitest';
import { columnsToFit, DEFAULT_ORDER, moveColumn, orderedColumns } from './column-layout';

describe('column layout', () => {
  it('puts traffic before User and Scope by default', () => {
    expect(DEFAULT_ORDER.indexOf('sendRate')).toBeLessThan(DEFAULT_ORDER.indexOf('user'));
    expect(DEFAULT_ORDER.indexOf('activity')).toBeLessThan(DEFAULT_ORDER.indexOf('scope'));
  });

  it("keeps the user's order, drops unknown ids and places missing ones where they belong", () => {
    const order = orderedColumns(['process', 'local', 'nope', 'process', 'state']);
    expect(order.indexOf('process')).toBeLessThan(order.indexOf('local'));
    expect(order).not.toContain('nope');
    expect(new Set(order).size).toBe(DEFAULT_ORDER.length);
    // `remote` follows `local` by default, `protocol` comes first.
    expect(order[order.indexOf('local') + 1]).toBe('remote');
    expect(order[0]).toBe('protocol');
    expect(orderedColumns([])).toEqual(DEFAULT_ORDER);
  });

  it('moves a column, clamped at the ends', () => {
    expect(moveColumn(['protocol', 'local', 'state'], 'state', -1)).toEqual(['protocol', 'state', 'local']);
    expect(moveColumn(['protocol', 'local'], 'protocol', -5)).toEqual(['protocol', 'local']);
  });

  it('lets Scope and User give way first and never hides the address or the process', () => {
    const columns = DEFAULT_ORDER.map((id) => ({ id, size: 100 }));
    expect([...columnsToFit(columns, 1000)]).toEqual(['scope', 'user']);
    const hidden = columnsToFit(columns, 50);
    expect(hidden.has('local') || hidden.has('process')).toBe(false);
    expect(hidden.size).toBe(columns.length - 2);
    expect(columnsToFit(columns, 0).size).toBe(0);
    // Dropping a wide column leaves room for a narrow one of lower priority.
    const wide = [
      { id: 'local' as const, size: 100 },
      { id: 'remote' as const, size: 200 },
      { id: 'scope' as const, size: 50 },
    ];
    expect([...columnsToFit(wide, 160)]).toEqual(['remote']);
  });
});
