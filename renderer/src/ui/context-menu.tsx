/** A context menu at a point: role=menu, arrow keys, Enter, Esc, click outside to close. */
import { useRef, type KeyboardEvent } from 'react';
import { useInWindowPosition, useMenuFocusAndDismiss } from './context-menu-hooks';
import { Icon, type IconName } from './icons';
import { stepIndex } from './list-keys';

/** One entry; `separator` draws a line. */
export type MenuEntry =
  | {
      id: string;
      label: string;
      icon?: IconName;
      hint?: string;
      disabled?: boolean;
      danger?: boolean;
      onSelect: () => void;
    }
  | 'separator';

/** Props of ContextMenu. */
export interface ContextMenuProps {
  x: number;
  y: number;
  label: string;
  entries: MenuEntry[];
  onClose: () => void;
}

type ItemEntry = Exclude<MenuEntry, 'separator'>;

/** One item: selecting it closes the menu, then runs it. */
function MenuItem({ entry, onClose }: { entry: ItemEntry; onClose: () => void }) {
  return (
    <button
      type="button"
      role="menuitem"
      className={`menu__item${entry.danger ? ' menu__item--danger' : ''}`}
      aria-disabled={entry.disabled || undefined}
      data-testid={`menu-${entry.id}`}
      tabIndex={-1}
      onClick={() => {
        if (entry.disabled) return;
        onClose();
        entry.onSelect();
      }}
    >
      <span className="menu__icon">{entry.icon && <Icon name={entry.icon} size={14} />}</span>
      <span className="menu__label">{entry.label}</span>
      {entry.hint && <span className="menu__hint">{entry.hint}</span>}
    </button>
  );
}

/** Arrows, Home and End move between enabled items (wrapping); Escape and Tab close. */
function onMenuKey(event: KeyboardEvent<HTMLDivElement>, menu: HTMLDivElement | null, onClose: () => void) {
  const items = [
    ...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []),
  ];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = stepIndex(event.key, at, items.length - 1);
  if (next !== null) items[(next + items.length) % items.length]?.focus();
  else if (event.key === 'Escape' || event.key === 'Tab') onClose();
  else return;
  event.preventDefault();
  event.stopPropagation();
}

/** The menu, open while mounted. */
export function ContextMenu({ x, y, label, entries, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const position = useInWindowPosition(ref, x, y);
  useMenuFocusAndDismiss(ref, onClose);

  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={label}
      data-testid="context-menu"
      style={{ left: position.left, top: position.top }}
      onKeyDown={(event) => onMenuKey(event, ref.current, onClose)}
      onContextMenu={(event) => event.preventDefault()}
    >
      {entries.map((entry, index) =>
        entry === 'separator' ? (
          <div key={`sep-${index}`} className="menu__separator" role="separator" />
        ) : (
          <MenuItem key={entry.id} entry={entry} onClose={onClose} />
        ),
      )}
    </div>
  );
}
