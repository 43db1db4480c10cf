/**
 * Pause: while paused, the stream's data messages (snapshots, deltas, reveals) are held back in
 * arrival order instead of applied, so the table stays still; what they would change is
 * counted. Resuming hands them back, in order, to be applied at once.
 */
import type { StreamMessage } from '@contract/api';
import { asSubscribe, Emitter } from '@contract/events';

/** What changed while paused, counted from the held deltas. */
export interface PauseCounts {
  paused: boolean;
  opened: number;
  closed: number;
  updated: number;
  /** A full snapshot arrived (a reconnect or resync): everything may differ. */
  snapshots: number;
  /** Running again after a pause (so the change can be announced). */
  resumed: boolean;
}

const RUNNING: PauseCounts = {
  paused: false,
  opened: 0,
  closed: 0,
  updated: 0,
  snapshots: 0,
  resumed: false,
};

/** Holds data messages while paused; notifications and errors are never held. */
export class PauseGate {
  private counts: PauseCounts = RUNNING;
  private held: StreamMessage[] = [];
  private readonly changed = new Emitter<void>();

  /** useSyncExternalStore's subscribe and snapshot. */
  readonly subscribe = asSubscribe(this.changed.event);
  readonly getCounts = (): PauseCounts => this.counts;

  get paused(): boolean {
    return this.counts.paused;
  }

  pause(): void {
    if (this.counts.paused) return;
    this.counts = { ...RUNNING, paused: true };
    this.changed.fire();
  }

  /** Ends the pause; returns the held messages, oldest first, for the caller to apply. */
  resume(): StreamMessage[] {
    if (!this.counts.paused) return [];
    const held = this.held;
    this.held = [];
    this.counts = { ...RUNNING, resumed: true };
    this.changed.fire();
    return held;
  }

  /** True when `message` was held (the caller must not apply it now). */
  hold(message: StreamMessage): boolean {
    if (!this.counts.paused || message.type === 'notify' || message.type === 'error') return false;
    this.held.push(message);
    const c = this.counts;
    if (message.type === 'delta') {
      const { added, removed, changed } = message.delta;
      if (added.length || removed.length || changed.length)
        this.count({
          opened: c.opened + added.length,
          closed: c.closed + removed.length,
          updated: c.updated + changed.length,
        });
    } else if (message.type === 'snapshot') this.count({ snapshots: c.snapshots + 1 });
    return true;
  }

  private count(patch: Partial<PauseCounts>): void {
    this.counts = { ...this.counts, ...patch };
    this.changed.fire();
  }
}

/** The counter's words: "3 opened, 1 closed, 40 updated" (or "no changes"). */
export function describeHeld(counts: PauseCounts): string {
  const parts: string[] = [];
  if (counts.opened) parts.push(`${counts.opened} opened`);
  if (counts.closed) parts.push(`${counts.closed} closed`);
  if (counts.updated) parts.push(`${counts.updated} updated`);
  if (counts.snapshots) parts.push('a full refresh');
  return parts.length ? parts.join(', ') : 'no changes';
}
