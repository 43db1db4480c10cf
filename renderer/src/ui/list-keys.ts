/** Keyboard movement in a vertical list (grid rows, menu items), shared by the grid and menus. */

/**
 * The index a navigation key moves to from `at` in a list whose last index is `last` (`page`
 * items per PageUp/PageDown), unclamped; null for any other key. Callers clamp or wrap it.
 */
export function stepIndex(key: string, at: number, last: number, page = 0): number | null {
  switch (key) {
    case 'ArrowDown':
      return at + 1;
    case 'ArrowUp':
      return at - 1;
    case 'PageDown':
      return page ? at + page : null;
    case 'PageUp':
      return page ? at - page : null;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
