/** Running work once the page has painted what it has now (the two-part snapshot waits for it). */

/** A page hidden meanwhile gets no animation frames: it goes on after this long instead. */
const PAINT_WAIT_MAX_MS = 1000;

/** Runs `run` once after the next paint. */
export type AfterPaint = (run: () => void) => void;

/**
 * Runs `run` (once) after the page has painted what it has now: an animation frame comes before
 * the paint, and a task queued from it after. A hidden page paints nothing and gets no frames.
 */
export const afterPaint: AfterPaint = (run) => {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    run();
  };
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
    setTimeout(once, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, PAINT_WAIT_MAX_MS);
};
