/**
 * Array equality, item by item with `===`: the one helper for owner lists, inode lists, argv
 * and warnings alike (the same array is equal to itself without a look at its items).
 */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
