/** The grid's keyboard: moving the selection, toggling groups, activating, the context menu. */
import type { KeyboardEvent, RefObject } from 'react';
import type { ViewItem } from '../store/view-index';
import { stepIndex } from '../ui/list-keys';
import { itemKey } from './item-key';

/** What the key handler reads and calls. */
export interface GridKeyOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  items: readonly ViewItem[];
  /** The selected item's index, -1 for none. */
  at: number;
  rowHeight: number;
  onSelect: (key: string, scroll: boolean) => void;
  /** `viaKeyboard`: the panel that opens takes focus (a click leaves it on the table). */
  onActivate: (key: string, viaKeyboard?: boolean) => void;
  onToggleGroup: (groupKey: string, expand?: boolean) => void;
  onContextMenu: (rowId: string, x: number, y: number) => void;
}

/** Handles a key other than navigation; false when it is not the grid's. */
function actOn(event: KeyboardEvent<HTMLDivElement>, options: GridKeyOptions): boolean {
  const { items, at, scrollRef } = options;
  const current = at >= 0 ? items[at] : undefined;
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowLeft':
      if (!current || typeof current === 'string') return false;
      options.onToggleGroup(current.key, event.key === 'ArrowRight');
      return true;
    case 'Enter':
    case ' ':
      if (!current) return false;
      options.onActivate(itemKey(current), true);
      return true;
    case 'F6': {
      // To the owner panel, when one is open (F6 there comes back).
      const heading = document.querySelector<HTMLElement>('[data-testid="panel-title"]');
      heading?.focus();
      return !!heading;
    }
    case 'ContextMenu':
    case 'F10': {
      if (event.key === 'F10' && !event.shiftKey) return false;
      if (typeof current !== 'string') return false;
      const rowEl = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${at}"]`);
      const box = rowEl?.getBoundingClientRect();
      options.onContextMenu(current, (box?.left ?? 0) + 40, (box?.bottom ?? 0) - 4);
      return true;
    }
    default:
      return false;
  }
}

/** Handles a keydown on the grid. */
export function onGridKey(event: KeyboardEvent<HTMLDivElement>, options: GridKeyOptions) {
  const { items, at, scrollRef, rowHeight } = options;
  // Keys pressed on a control inside the grid (a header's sort button) belong to that control:
  // Enter and Space must sort, not open the selected row's panel.
  if (event.target !== event.currentTarget) return;
  if (!items.length) return;
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 240) / rowHeight) - 1);
  const arrow = event.key === 'ArrowDown' || event.key === 'ArrowUp';
  const next = stepIndex(event.key, at, items.length - 1, page);
  if (next !== null) {
    // With nothing selected, either arrow selects the first item.
    const index = Math.max(0, Math.min(items.length - 1, arrow && at < 0 ? 0 : next));
    options.onSelect(itemKey(items[index]!), true);
  } else if (!actOn(event, options)) return;
  event.preventDefault();
}
