/**
 * A row's recent send/receive rates, recorded only when they change. A delta names a row's
 * rates only when they changed, so "no patch" means "same rate as before": storing change
 * points and filling forward on read costs nothing for unchanged rows, where sampling every
 * row every poll cost a pass over all 20,000 of them.
 */

import type { RateSeries } from './rate-history';

/** The poll counter a track reads its window from (SocketData's). */
export interface TickClock {
  readonly tick: number;
}

/** Rates of one row over the last `window` polls. */
export class RateTrack implements RateSeries {
  private readonly ticks: number[] = [];
  private readonly send: number[] = [];
  private readonly receive: number[] = [];
  /** Bumped on every change, so a view can tell whether to redraw. */
  revision = 0;

  constructor(
    private readonly window: number,
    private readonly clock: TickClock,
  ) {}

  /** The rates from poll `tick` on. */
  record(tick: number, send: number, receive: number): void {
    const last = this.ticks.length - 1;
    if (last >= 0 && this.ticks[last] === tick) {
      this.send[last] = send;
      this.receive[last] = receive;
    } else {
      this.ticks.push(tick);
      this.send.push(send);
      this.receive.push(receive);
    }
    // Keep one change point at or before the window's start: it gives the first value.
    const start = tick - this.window + 1;
    while (this.ticks.length > 1 && this.ticks[1]! <= start) {
      this.ticks.shift();
      this.send.shift();
      this.receive.shift();
    }
    this.revision++;
  }

  private get start(): number {
    return Math.max(this.ticks[0] ?? this.clock.tick, this.clock.tick - this.window + 1);
  }

  /** Polls in the series (from the first recorded one, at most `window`). */
  get size(): number {
    return this.ticks.length ? this.clock.tick - this.start + 1 : 0;
  }

  /** One value per poll, oldest first, ending at the current poll. */
  series(): { send: number[]; receive: number[] } {
    const send: number[] = [];
    const receive: number[] = [];
    if (!this.ticks.length) return { send, receive };
    let at = 0;
    for (let tick = this.start; tick <= this.clock.tick; tick++) {
      while (at + 1 < this.ticks.length && this.ticks[at + 1]! <= tick) at++;
      send.push(this.send[at]!);
      receive.push(this.receive[at]!);
    }
    return { send, receive };
  }

  /** The largest value of either series (0 when empty). */
  peak(): number {
    const { send, receive } = this.series();
    return Math.max(0, ...send, ...receive);
  }
}
