// The row window's arithmetic: which rows a viewport shows, and where to scroll to show a row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowRange, scrollTopFor } from './row-window';

const GRID = { rowHeight: 24, offset: 28, overscan: 10 };

describe('rowRange', () => {
  it('is the first row and its overscan before the viewport is measured', () => {
    expect(rowRange(0, 0, 20_000, GRID)).toEqual({ start: 0, end: 11 });
  });

  it('covers the rows in the viewport plus the overscan, within the list', () => {
    // 829 px tall, the header's 28 px included: rows 0..33 are on screen.
    expect(rowRange(0, 829, 20_000, GRID)).toEqual({ start: 0, end: 34 + 10 });
    // Scrolled to the end of 20,049 rows (scrollHeight 481,204): 35 rows, the top one partly.
    expect(rowRange(481_204 - 829, 829, 20_049, GRID)).toEqual({ start: 20_049 - 35 - 10, end: 20_049 });
    expect(rowRange(0, 829, 5, GRID)).toEqual({ start: 0, end: 5 });
    expect(rowRange(0, 829, 0, GRID)).toEqual({ start: 0, end: 0 });
  });

  it('always includes every row that intersects the viewport, and no more than the overscan beyond (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(50_000),
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(30_000),
        (scrollTop, height, count) => {
          const { start, end } = rowRange(scrollTop, height, count, GRID);
          const rowTop = (i: number) => GRID.offset + i * GRID.rowHeight;
          const intersects = (i: number) =>
            rowTop(i) + GRID.rowHeight > scrollTop && rowTop(i) < scrollTop + height;
          for (let i = 0; i < count; i++) if (intersects(i)) expect(i >= start && i < end).toBe(true);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(count);
          if (count) {
            const firstShown = Math.max(
              0,
              Math.min(count - 1, Math.floor((scrollTop - GRID.offset) / GRID.rowHeight)),
            );
            expect(firstShown - start).toBeLessThanOrEqual(GRID.overscan);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scrollTopFor', () => {
  const height = 829;
  const scrollHeight = 28 + 1000 * 24;

  it('leaves a fully visible row where it is', () => {
    expect(scrollTopFor(5, 0, height, scrollHeight, GRID)).toBe(0);
  });

  it('brings a row below the viewport up to the bottom edge', () => {
    // Row 40 ends at 28 + 41 * 24 = 1012: scrolled so that it ends at the viewport's bottom.
    expect(scrollTopFor(40, 0, height, scrollHeight, GRID)).toBe(1012 - height);
  });

  it('brings a row above the viewport, or under the sticky header, down to just below the header', () => {
    expect(scrollTopFor(10, 5000, height, scrollHeight, GRID)).toBe(10 * 24);
    // Row 3 starts at 100; scrolled to 90 it is under the header (which covers 90..118).
    expect(scrollTopFor(3, 90, height, scrollHeight, GRID)).toBe(72);
  });

  it('never scrolls past either end', () => {
    expect(scrollTopFor(999, 0, height, scrollHeight, GRID)).toBe(scrollHeight - height);
    expect(scrollTopFor(0, 300, height, scrollHeight, GRID)).toBe(0);
  });
});
