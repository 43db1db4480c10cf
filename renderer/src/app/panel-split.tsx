/**
 * Where the owner panel sits: on a wide window beside the table, behind a handle that resizes it
 * (drag, or arrow keys on the focused handle; the width is kept in the view prefs); on a narrow
 * one over the table's right side (CSS decides, see app.css), so the table keeps its width.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

/** The narrowest panel, and the least the table keeps beside it. */
const MIN_PANEL = 300;
const MIN_TABLE = 420;
const KEY_STEP = 24;

/** Props of PanelSplit. */
export interface PanelSplitProps {
  /** The panel's width in px; null: the default (CSS). */
  width: number | null;
  onWidthChange: (width: number) => void;
  children: ReactNode;
}

/** The handle and the panel's slot. */
export function PanelSplit({ width, onWidthChange, children }: PanelSplitProps) {
  const slot = useRef<HTMLDivElement>(null);
  // A focusable separator tells its value (axe: aria-required-attr): the panel's width in px,
  // between the narrowest panel and what the table leaves room for.
  const [size, setSize] = useState({ now: MIN_PANEL, max: MIN_PANEL });
  useLayoutEffect(() => {
    const element = slot.current;
    const parent = element?.parentElement;
    if (!element || !parent) return;
    const measure = () =>
      setSize({ now: element.offsetWidth, max: Math.max(MIN_PANEL, parent.clientWidth - MIN_TABLE) });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(parent);
    return () => observer.disconnect();
  }, []);
  const clamp = (next: number) => {
    const room = (slot.current?.parentElement?.clientWidth ?? 0) - MIN_TABLE;
    return Math.round(Math.max(MIN_PANEL, Math.min(next, Math.max(MIN_PANEL, room))));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const right = slot.current?.getBoundingClientRect().right;
    if (right === undefined) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (moved: globalThis.PointerEvent) => onWidthChange(clamp(right - moved.clientX));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  const current = () => width ?? slot.current?.offsetWidth ?? MIN_PANEL;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const by = event.key === 'ArrowLeft' ? KEY_STEP : event.key === 'ArrowRight' ? -KEY_STEP : 0;
    if (!by) return;
    event.preventDefault();
    onWidthChange(clamp(current() + by));
  };
  return (
    <>
      <div
        className="panel-split__handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the owner panel (← wider, → narrower)"
        aria-valuenow={width ?? size.now}
        aria-valuemin={MIN_PANEL}
        aria-valuemax={Math.max(size.max, width ?? size.now)}
        aria-valuetext={`panel ${width ?? size.now} px wide`}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
        data-testid="panel-split"
      />
      <div
        ref={slot}
        className="panel-slot"
        style={width === null ? undefined : { width }}
        data-testid="panel-slot"
      >
        {children}
      </div>
    </>
  );
}
