/**
 * The store's clock for cells that show time (ages, sparklines). Each such cell subscribes to
 * it itself: a tick then re-renders those cells only — not every row around them, and without
 * React searching every row for readers, as a changing context value would make it.
 */
import { createContext, useContext, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { formatDuration } from './format';

/** Where the clock comes from: the live store (subscribe to its updates, read its clock). */
export interface ClockSource {
  subscribe(listener: () => void): () => void;
  /** Epoch ms of the latest update. */
  now(): number;
}

const STOPPED: ClockSource = { subscribe: () => () => undefined, now: () => 0 };

/** The clock of the table being rendered (a stable object: it never changes while mounted). */
export const ClockContext = createContext<ClockSource>(STOPPED);

/** The store clock (epoch ms); re-renders the caller when it moves. */
export function useClock(): number {
  const source = useContext(ClockContext);
  return useSyncExternalStore(source.subscribe, source.now);
}

/**
 * How long ago `since` was, at the store's clock; `atLeast` prefixes "≥ " (a lower bound). Every
 * age on screen changes on every tick, so each writes its own text when the clock moves rather
 * than being rendered again by React: a few dozen text updates instead of a few dozen component
 * updates per tick.
 */
export function Age({ since, atLeast = false, title }: { since: number; atLeast?: boolean; title?: string }) {
  const source = useContext(ClockContext);
  const text = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    let shown = '';
    const show = () => {
      const next = `${atLeast ? '≥ ' : ''}${formatDuration(source.now() - since)}`;
      if (next !== shown && text.current) text.current.textContent = shown = next;
    };
    show();
    return source.subscribe(show);
  }, [source, since, atLeast]);
  return <span ref={text} title={title} />;
}
