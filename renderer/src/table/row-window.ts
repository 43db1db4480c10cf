/**
 * Virtualization for a list of equal-height rows in a scroll container: which rows to render
 * for the scroll position (plus `overscan` on each side), and scrolling a row into view. With
 * one row height this is a few sums whatever the row count; a general virtualizer keeps a
 * measurement per row and redoes all of them whenever the count changes, which at 20,000
 * rows was a pass over every row on each live update that added or dropped one.
 */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** The list's geometry. */
export interface RowWindowOptions {
  /** Height of every row, px. */
  rowHeight: number;
  /** Where the first row starts in the scroll container (below a sticky header), px. */
  offset: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan: number;
}

/** Rows `start` (inclusive) to `end` (exclusive). */
export interface RowRange {
  start: number;
  end: number;
}

/**
 * The rows to render when the container is scrolled to `scrollTop` and shows `viewportHeight`
 * px. Before the container has been measured (height 0) that is the first row and its overscan.
 */
export function rowRange(
  scrollTop: number,
  viewportHeight: number,
  count: number,
  options: RowWindowOptions,
): RowRange {
  if (count <= 0) return { start: 0, end: 0 };
  const { rowHeight, offset, overscan } = options;
  const last = count - 1;
  const first = Math.min(last, Math.max(0, Math.floor((scrollTop - offset) / rowHeight)));
  const lastVisible = Math.min(
    last,
    Math.max(first, Math.ceil((scrollTop + viewportHeight - offset) / rowHeight) - 1),
  );
  return { start: Math.max(0, first - overscan), end: Math.min(last, lastVisible + overscan) + 1 };
}

/**
 * The scroll position that brings row `index` into view, the least distance: unchanged when it
 * is fully visible below the `offset` px that a sticky header covers, else the row at the top
 * edge (below the header) or at the bottom edge, whichever is nearer.
 */
export function scrollTopFor(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  scrollHeight: number,
  options: RowWindowOptions,
): number {
  const { rowHeight, offset } = options;
  const top = offset + index * rowHeight;
  const bottom = top + rowHeight;
  const max = Math.max(0, scrollHeight - viewportHeight);
  if (bottom > scrollTop + viewportHeight) return Math.min(max, Math.max(0, bottom - viewportHeight));
  if (top < scrollTop + offset) return Math.min(max, Math.max(0, top - offset));
  return scrollTop;
}

/** The rows to render for the container's scroll position and size, kept current. */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  options: RowWindowOptions,
): RowRange & { scrollToIndex(index: number): void } {
  const [view, setView] = useState({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const read = () =>
      setView((old) =>
        old.top === element.scrollTop && old.height === element.clientHeight
          ? old
          : { top: element.scrollTop, height: element.clientHeight },
      );
    read();
    // Rendered before the browser paints the scrolled content: no blank rows while scrolling.
    const onScroll = () => flushSync(read);
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef]);
  const { rowHeight, offset, overscan } = options;
  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const top = scrollTopFor(index, element.scrollTop, element.clientHeight, element.scrollHeight, {
        rowHeight,
        offset,
        overscan,
      });
      if (top !== element.scrollTop) element.scrollTop = top;
    },
    [scrollRef, rowHeight, offset, overscan],
  );
  return { ...rowRange(view.top, view.height, count, options), scrollToIndex };
}
