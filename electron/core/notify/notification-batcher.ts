/**
 * Port events over time → few notifications. The per-tick `notificationFor` alone let a test
 * suite that opens and closes ports all the time flood the screen ("python3 opened 3 ports",
 * then 4, then 2 …). The rules here, the same for the app's toasts and Electron's tray:
 *
 * - A listener is told about only once it has lived `settleMs` (2 s): ports a test opens and
 *   closes at once are not news.
 * - One notification per process per flush; a process that keeps opening ports within
 *   `burstMs` of its last notification gets that notification again, updated ("python3 opened
 *   45 ports", same `key`), which the app replaces in place rather than stacking.
 * - At most `maxOwners` processes per flush (those with the most ports) are named apart; the
 *   rest share one notification.
 */
import type { PortNotification } from '../../contract/api.js';
import type { Disposable } from '../../contract/events.js';
import type { PortEvent } from '../../contract/model.js';
import { notificationFor, ownerKey } from './notification-for.js';
import { passesRules, type NotificationSettings } from './notification-rules.js';

/** A listener that closes sooner than this after opening is never notified. */
export const SETTLE_MS = 2_000;
/** Ports a process opens within this of its last notification update that notification. */
export const BURST_MS = 10_000;
/** Processes named in notifications of their own per flush; the rest share one. */
export const MAX_OWNERS = 3;
/** Events kept per burst (a notification lists 5 and counts the rest). */
const MAX_BURST_EVENTS = 1_000;

/** Options of NotificationBatcher (tests shorten the times). */
export interface BatcherOptions {
  settleMs?: number;
  burstMs?: number;
  maxOwners?: number;
  now?: () => number;
}

interface Held {
  event: PortEvent;
  heldAt: number;
}

interface Burst {
  events: PortEvent[];
  lastAt: number;
}

/** Holds opened ports until they have settled, then emits one notification per process. */
export class NotificationBatcher implements Disposable {
  private readonly held = new Map<string, Held>();
  private readonly bursts = new Map<string, Burst>();
  private settings: NotificationSettings | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly settleMs: number;
  private readonly burstMs: number;
  private readonly maxOwners: number;
  private readonly now: () => number;

  constructor(
    private readonly emit: (notification: PortNotification) => void,
    options: BatcherOptions = {},
  ) {
    this.settleMs = options.settleMs ?? SETTLE_MS;
    this.burstMs = options.burstMs ?? BURST_MS;
    this.maxOwners = options.maxOwners ?? MAX_OWNERS;
    this.now = options.now ?? Date.now;
  }

  /** Feeds one tick's events under the user's current rules. */
  accept(events: readonly PortEvent[], settings: NotificationSettings): void {
    this.settings = settings;
    const now = this.now();
    for (const event of events) {
      if (event.type === 'listen-closed') this.held.delete(event.rowId);
      else if (settings.enabled && passesRules(event, settings)) this.held.set(event.rowId, { event, heldAt: now });
    }
    this.schedule();
  }

  /** Stops the timer; held events are dropped. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private schedule(): void {
    if (this.timer || this.held.size === 0) return;
    let oldest = Infinity;
    for (const { heldAt } of this.held.values()) oldest = Math.min(oldest, heldAt);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
      this.schedule();
    }, Math.max(0, oldest + this.settleMs - this.now()));
  }

  /** Emits what has settled: grouped by owner, each owner's burst so far. */
  private flush(): void {
    const now = this.now();
    const settled = new Map<string, PortEvent[]>();
    for (const [rowId, { event, heldAt }] of this.held) {
      if (now - heldAt < this.settleMs) continue;
      this.held.delete(rowId);
      const key = ownerKey(event);
      const events = settled.get(key);
      if (events) events.push(event);
      else settled.set(key, [event]);
    }
    const settings = this.settings;
    if (!settings || settled.size === 0) return;
    for (const [key, burst] of this.bursts) if (now - burst.lastAt >= this.burstMs) this.bursts.delete(key);
    // The busiest owners are named apart (a test suite's 45 ports are the news).
    const owners = [...settled].sort(([, a], [, b]) => b.length - a.length);
    const rest = owners.slice(this.maxOwners).flatMap(([, events]) => events);
    for (const [key, events] of owners.slice(0, this.maxOwners)) this.emitBurst(key, events, now, settings);
    if (rest.length) this.emitBurst('several', rest, now, settings);
  }

  private emitBurst(key: string, events: PortEvent[], now: number, settings: NotificationSettings): void {
    const burst = this.bursts.get(key) ?? { events: [], lastAt: now };
    burst.events = [...burst.events, ...events].slice(-MAX_BURST_EVENTS);
    burst.lastAt = now;
    this.bursts.set(key, burst);
    const notification = notificationFor(burst.events, settings, false);
    if (notification) this.emit({ ...notification, key });
  }
}
