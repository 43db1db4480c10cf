/** What a chart reads from a history: samples oldest first, their count, their peak. */
export interface RateSeries {
  readonly size: number;
  series(): { send: number[]; receive: number[] };
  peak(): number;
}

/**
 * A fixed-size ring of (send, receive) rate samples: the data behind a sparkline or chart.
 * Plain arrays, not typed arrays: at 20,000 rows, allocating typed-array backing stores is
 * what dominated the cost of loading a snapshot.
 */
export class RateHistory implements RateSeries {
  private readonly send: number[];
  private readonly receive: number[];
  private head = 0;
  private count = 0;
  /** Bumped on every push, so a view can tell whether to redraw. */
  revision = 0;

  constructor(readonly capacity: number) {
    this.send = new Array<number>(capacity).fill(0);
    this.receive = new Array<number>(capacity).fill(0);
  }

  /** Number of samples held (at most `capacity`). */
  get size(): number {
    return this.count;
  }

  /** Appends a sample, dropping the oldest when full. */
  push(send: number, receive: number): void {
    this.send[this.head] = send;
    this.receive[this.head] = receive;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    this.revision++;
  }

  /** Samples oldest first. */
  series(): { send: number[]; receive: number[] } {
    const send: number[] = [];
    const receive: number[] = [];
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const at = (start + i) % this.capacity;
      send.push(this.send[at]!);
      receive.push(this.receive[at]!);
    }
    return { send, receive };
  }

  /** The largest sample of either series (0 when empty). */
  peak(): number {
    let max = 0;
    for (let i = 0; i < this.count; i++) {
      const at = (this.head - 1 - i + this.capacity) % this.capacity;
      max = Math.max(max, this.send[at]!, this.receive[at]!);
    }
    return max;
  }
}
