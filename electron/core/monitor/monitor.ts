/**
 * The poll loop: tick → snapshot → delta → listeners. The first successful tick is announced
 * as a full snapshot, every later one as a delta against the one before. Ticks never overlap:
 * the next one is scheduled `intervalMs` after the previous one started, or at once if it ran
 * longer than that.
 */
import { diffSnapshots } from '../diff/diff-snapshots.js';
import type { Snapshot } from '../model.js';
import type { MonitorMessage } from './messages.js';

/** Anything that yields successive snapshots (a SnapshotPipeline). */
export interface SnapshotSourceLike {
  tick(): Promise<Snapshot>;
}

export class Monitor {
  private current: Snapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly listeners = new Set<(message: MonitorMessage) => void>();

  constructor(
    private readonly source: SnapshotSourceLike,
    private intervalMs: number,
  ) {}

  /** The latest snapshot, or null before the first tick succeeded. */
  snapshot(): Snapshot | null {
    return this.current;
  }

  /** Listens to every message from now on. Returns unsubscribe. */
  onMessage(listener: (message: MonitorMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts polling; the first tick runs at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Changes the poll interval; takes effect from the next tick. */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
  }

  /** Runs one tick now and announces it (tests and the benchmark call this directly). */
  async tick(): Promise<void> {
    const started = performance.now();
    let next: Snapshot;
    try {
      next = await this.source.tick();
    } catch (error) {
      this.emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const previous = this.current;
    this.current = next;
    if (previous) this.emit({ type: 'delta', delta: diffSnapshots(previous, next) });
    else this.emit({ type: 'snapshot', snapshot: next });
    this.emit({ type: 'tick-stats', durationMs: performance.now() - started, sockets: next.sockets.length });
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      const started = Date.now();
      void this.tick().finally(() => {
        if (this.running) this.schedule(Math.max(0, this.intervalMs - (Date.now() - started)));
      });
    }, delayMs);
  }

  private emit(message: MonitorMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
