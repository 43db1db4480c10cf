/** Keys of view items: a row's id, or `group:<key>` for a group header. */
import type { ViewItem } from '../store/view-index';

const GROUP_PREFIX = 'group:';

/** The selection/React key of an item. */
export function itemKey(item: ViewItem): string {
  return typeof item === 'string' ? item : `${GROUP_PREFIX}${item.key}`;
}

/** The group key inside an item key, or null for a row key. */
export function groupKeyOf(key: string): string | null {
  return key.startsWith(GROUP_PREFIX) ? key.slice(GROUP_PREFIX.length) : null;
}
