/** How many modal dialogs are open: toasts wait behind a modal instead of drawing over it. */
import { asSubscribe, Emitter } from '@contract/events';

let open = 0;
const changed = new Emitter<void>();

/** Subscribes to changes of `modalOpen()`. */
export const subscribeModal = asSubscribe(changed.event);

/** True while any modal dialog is open. */
export const modalOpen = (): boolean => open > 0;

/** Marks one modal open; the returned function marks it closed. */
export function trackModal(): () => void {
  open++;
  changed.fire();
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    open--;
    changed.fire();
  };
}
