/** Reconnecting with backoff: quick at first, then no more than every few seconds. */
import type { Disposable } from '@contract/events';
import { pageTimers, type Timers } from './timers';

export const RECONNECT_MIN_MS = 250;
export const RECONNECT_MAX_MS = 5_000;

/**
 * The wait before reconnect attempt `attempt` (0 first): doubling from 250 ms up to 5 s, each
 * within ±25% so that tabs of a restarted server do not all come back at the same moment.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt) * (0.75 + random() * 0.5);
}

/** Runs `reconnect` after each `schedule()`, backing off until `reset()` (connected again). */
export class Reconnector implements Disposable {
  private attempt = 0;
  private timer: unknown = null;
  private disposed = false;

  constructor(
    private readonly reconnect: () => void,
    private readonly timers: Timers = pageTimers,
    private readonly random: () => number = Math.random,
  ) {}

  /** Schedules the next attempt (replacing one already scheduled). */
  schedule(): void {
    if (this.disposed) return;
    this.cancel();
    const delay = reconnectDelay(this.attempt++, this.random);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (!this.disposed) this.reconnect();
    }, delay);
  }

  /** A connection opened: the next loss starts from the shortest wait again. */
  reset(): void {
    this.attempt = 0;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
