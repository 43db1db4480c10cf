/** Window-wide keys: `/` or Ctrl+F focuses the filter, Esc closes the innermost thing. */
import { useEffect, useRef } from 'react';

/** What the keys do. */
export interface GlobalKeyHandlers {
  focusFilter: () => void;
  /** Esc outside the filter and outside dialogs (which handle their own). */
  escape: () => void;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the keys for the component's lifetime. */
export function useGlobalKeys(handlers: GlobalKeyHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const mod = event.ctrlKey || event.metaKey;
      if (
        (event.key === '/' && !mod && !event.altKey && !isEditable(event.target)) ||
        (mod && event.key.toLowerCase() === 'f')
      ) {
        event.preventDefault();
        ref.current.focusFilter();
      } else if (event.key === 'Escape' && !isEditable(event.target)) {
        event.preventDefault();
        ref.current.escape();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
