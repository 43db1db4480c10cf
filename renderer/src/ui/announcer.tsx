/**
 * Screen-reader announcements that have no visible element of their own (filter match counts,
 * the panel opening, a column resized). One polite live region for the whole page; a message
 * equal to the last one is still read again (the text alternates a trailing no-break space).
 */
import { useSyncExternalStore } from 'react';
import { asSubscribe, Emitter } from '@contract/events';

let message = '';
let flip = false;
let count = 0;
const changed = new Emitter<void>();
const subscribe = asSubscribe(changed.event);
const read = () => message;

/** Says `text` politely (after what the reader is saying now). */
export function announce(text: string): void {
  count++;
  flip = !flip;
  message = flip ? text : `${text}\u00a0`;
  changed.fire();
}

/** How many announcements were made so far: a delayed one made stale by a newer one is dropped. */
export function announcements(): number {
  return count;
}

/** The live region; render it once. */
export function Announcer() {
  const text = useSyncExternalStore(subscribe, read);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {text}
    </div>
  );
}
