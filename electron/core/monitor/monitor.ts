/**
 * The poll loop: tick → snapshot → delta → listeners. The first successful tick is announced
 * as a full snapshot, every later one as a delta against the one before. Ticks never overlap:
 * the next one is scheduled `intervalMs` after the previous one started, or at once if it ran
 * longer than that.
 *
 * With `quietHeartbeatMs` set, a tick whose delta is quiet (nothing changed but the time) is
 * not announced unless nothing was announced for that long: at idle the receivers (another
 * thread, every browser page) then wake a few times a minute instead of every poll. Traffic on
 * this process's own connections (the browser stream's WebSocket) counts as quiet, or each
 * delta sent would change those counters and cause the next one. `seq`
 * counts announcements, not ticks, so receivers still see every seq in order.
 */
import { Emitter, type Event } from '../../contract/events.js';
import { diffSnapshots } from '../diff/diff-snapshots.js';
import { connectionsOf, isQuietDelta } from '../diff/quiet-delta.js';
import type { Delta, Snapshot } from '../model.js';
import type { MonitorMessage } from './messages.js';

/** Anything that yields successive snapshots (a SnapshotPipeline). */
export interface SnapshotSourceLike {
  tick(): Promise<Snapshot>;
}

/** Options of a Monitor. */
export interface MonitorOptions {
  /**
   * Leave quiet ticks unannounced, but announce one at least this often (a heartbeat that keeps
   * the snapshot's time and the receivers' liveness checks fresh). Unset: announce every tick.
   */
  quietHeartbeatMs?: number;
  /**
   * Sees every announced change with the snapshot before it (null and no delta for the first):
   * the history recorder. A quiet tick adds and removes nothing, so skipping it loses no event.
   */
  observer?: (previous: Snapshot | null, next: Snapshot, delta: Delta | null) => void;
}

export class Monitor {
  /** The last announced snapshot (a quiet tick that was not announced does not replace it). */
  private current: Snapshot | null = null;
  private lastAnnouncedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  // A failing listener must not stop the loop or the other listeners (events.ts reports it).
  private readonly messages = new Emitter<MonitorMessage>();

  /** Every message from now on. */
  readonly onMessage: Event<MonitorMessage> = this.messages.event;

  constructor(
    private readonly source: SnapshotSourceLike,
    private intervalMs: number,
    private readonly options: MonitorOptions = {},
  ) {}

  /** The latest announced snapshot, or null before the first tick succeeded. */
  snapshot(): Snapshot | null {
    return this.current;
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
    if (!previous) {
      this.observe(null, next, null);
      this.announce(next, { type: 'snapshot', snapshot: next });
    } else {
      // Numbered after the last announcement, so skipped quiet ticks leave no gap in seq.
      const seq = previous.seq + 1;
      const delta = { ...diffSnapshots(previous, next), seq };
      const quiet =
        this.mayStayQuiet() &&
        isQuietDelta(delta, previous, delta.changed.length ? connectionsOf(next, process.pid) : undefined);
      if (!quiet) {
        this.observe(previous, next, delta);
        this.announce({ ...next, seq }, { type: 'delta', delta });
      }
    }
    this.emit({ type: 'tick-stats', durationMs: performance.now() - started, sockets: next.sockets.length });
  }

  private observe(previous: Snapshot | null, next: Snapshot, delta: Delta | null): void {
    try {
      this.options.observer?.(previous, next, delta);
    } catch (error) {
      this.emit({ type: 'error', message: `history: ${(error as Error).message}` });
    }
  }

  private mayStayQuiet(): boolean {
    const heartbeat = this.options.quietHeartbeatMs;
    return heartbeat !== undefined && performance.now() - this.lastAnnouncedAt < heartbeat;
  }

  private announce(snapshot: Snapshot, message: MonitorMessage): void {
    this.current = snapshot;
    this.lastAnnouncedAt = performance.now();
    this.emit(message);
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
    this.messages.fire(message);
  }
}
