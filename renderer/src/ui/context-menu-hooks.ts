/** The context menu's behaviour: staying inside the window, and closing when the user leaves it. */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Where to draw a box asked for at (x, y) so that it stays inside the window. */
export function useInWindowPosition(ref: RefObject<HTMLElement | null>, x: number, y: number) {
  const [position, setPosition] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    setPosition({
      left: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - box.height - 4)),
    });
  }, [ref, x, y]);
  return position;
}

/**
 * While mounted: focuses the menu's first enabled item, calls onClose on a click outside, a
 * window blur or resize, and gives focus back to the opener on unmount.
 */
export function useMenuFocusAndDismiss(ref: RefObject<HTMLElement | null>, onClose: () => void) {
  // The latest onClose, so the mount effect below runs once however often the parent renders.
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const close = () => closeRef.current();
    const outside = (event: Event) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
      opener?.focus();
    };
  }, [ref]);
}
