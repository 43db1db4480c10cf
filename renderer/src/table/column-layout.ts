/**
 * Which columns show, in what order: the user's choice (column chooser, kept in the view prefs),
 * then, when the table is narrower than those columns, the least important ones give way.
 * Traffic comes before User and Scope, in order and in priority. Pure functions, tested under Node.
 */
import type { ColumnId } from './columns';

/** The order a fresh install shows: what and who, then traffic, then the rest. */
export const DEFAULT_ORDER: readonly ColumnId[] = [
  'protocol',
  'local',
  'remote',
  'state',
  'process',
  'sendRate',
  'receiveRate',
  'activity',
  'total',
  'age',
  'user',
  'scope',
];

/** How long a column stays when space runs out (higher stays longer). */
export const PRIORITY: Record<ColumnId, number> = {
  local: 100,
  process: 95,
  state: 90,
  sendRate: 85,
  receiveRate: 84,
  remote: 80,
  activity: 70,
  age: 65,
  protocol: 60,
  total: 55,
  user: 30,
  scope: 20,
};

/** Columns that cannot be hidden: without them a row says nothing. */
export const REQUIRED: ReadonlySet<ColumnId> = new Set<ColumnId>(['local', 'process']);

const KNOWN = new Set<string>(DEFAULT_ORDER);

/** The user's order, known ids only, with any column it does not name at its default place. */
export function orderedColumns(order: readonly string[]): ColumnId[] {
  const result = order.filter((id, index): id is ColumnId => KNOWN.has(id) && order.indexOf(id) === index);
  DEFAULT_ORDER.forEach((id, at) => {
    if (result.includes(id)) return;
    // After the column it follows by default (or first), so a new column lands where it belongs.
    const before = DEFAULT_ORDER.slice(0, at).findLast((other) => result.includes(other));
    result.splice(before === undefined ? 0 : result.indexOf(before) + 1, 0, id);
  });
  return result;
}

/** `order` with `id` moved `by` places (clamped at either end). */
export function moveColumn(order: readonly ColumnId[], id: ColumnId, by: number): ColumnId[] {
  const from = order.indexOf(id);
  if (from < 0) return [...order];
  const to = Math.max(0, Math.min(order.length - 1, from + by));
  const result = order.filter((other) => other !== id);
  result.splice(to, 0, id);
  return result;
}

/**
 * The columns to leave out so the rest fit in `available` px: the lowest priority first, never
 * a required one. Nothing is left out before the width is known (available ≤ 0).
 */
export function columnsToFit(
  columns: readonly { id: ColumnId; size: number }[],
  available: number,
): Set<ColumnId> {
  const hidden = new Set<ColumnId>();
  if (available <= 0) return hidden;
  let width = columns.reduce((sum, column) => sum + column.size, 0);
  const byPriority = [...columns]
    .filter((c) => !REQUIRED.has(c.id))
    .sort((a, b) => PRIORITY[a.id] - PRIORITY[b.id]);
  for (const column of byPriority) {
    if (width <= available) break;
    hidden.add(column.id);
    width -= column.size;
  }
  // Hiding a wide column may have made room for narrower ones of lower priority: most important first.
  for (const column of byPriority.toReversed()) {
    if (hidden.has(column.id) && width + column.size <= available) {
      hidden.delete(column.id);
      width += column.size;
    }
  }
  return hidden;
}
