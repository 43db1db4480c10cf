/**
 * Toasts: short messages about results and errors, as a tiny external store.
 *
 * Rules that keep them readable: a toast pushed with the `key` of one on screen replaces it
 * (a process still opening ports updates its one toast); at most MAX_TOASTS show, the oldest
 * non-error going first; errors stay until dismissed; timers stand still while the user
 * points at or focuses a toast, or while a modal dialog is open (toasts wait behind it, never
 * over it). Every toast also goes into a short history the toolbar opens.
 */
import { asSubscribe, Emitter } from '@contract/events';

/** How a toast looks and how long it stays. */
export type ToastKind = 'success' | 'error' | 'info' | 'warning';

/** One toast. */
export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  body: string | null;
  /** Extra text (an error's detail, a command) shown folded. */
  detail: string | null;
  /** One button, e.g. "Show" on a port notification. */
  action: ToastAction | null;
  /** Toasts with the same key replace each other; null: never replaced. */
  key: string | null;
  /** When it was pushed (or last replaced), epoch ms. */
  time: number;
}

/** A toast's button. */
export interface ToastAction {
  label: string;
  run: () => void;
}

/** What `push` takes. */
export interface ToastInput {
  kind: ToastKind;
  title: string;
  body?: string | null;
  detail?: string | null;
  action?: ToastAction | null;
  /** A toast on screen with this key is replaced (same place, timer restarted). */
  key?: string | null;
  /** Null: stays until dismissed. Defaults: 6 s, errors stay. */
  timeoutMs?: number | null;
}

/** Why timers are stopped. */
export type HoldReason = 'pointer' | 'focus' | 'modal';

/** Toasts on screen at once. */
export const MAX_TOASTS = 3;
/** Toasts the history keeps. */
export const HISTORY_SIZE = 20;
const DEFAULT_TIMEOUT_MS = 6_000;

interface Timer {
  remaining: number;
  startedAt: number;
  handle: ReturnType<typeof setTimeout> | null;
}

/** Holds the visible toasts and the history. */
export class ToastStore {
  private toasts: readonly Toast[] = [];
  private history: readonly Toast[] = [];
  private readonly timers = new Map<number, Timer>();
  private readonly holds = new Set<HoldReason>();
  private readonly changed = new Emitter<void>();
  private nextId = 1;

  /** useSyncExternalStore's subscribe. */
  readonly subscribe = asSubscribe(this.changed.event);

  /** The current toasts (new array on change). */
  readonly getToasts = (): readonly Toast[] => this.toasts;

  /** The last HISTORY_SIZE toasts, newest first (new array on change). */
  readonly getHistory = (): readonly Toast[] => this.history;

  /** True while a modal dialog is open: toasts wait, unseen, until it closes. */
  readonly isBehindModal = (): boolean => this.holds.has('modal');

  /** Shows a toast (or replaces the one with its key); returns its id. */
  push(input: ToastInput): number {
    const id = this.nextId++;
    const toast: Toast = {
      id,
      kind: input.kind,
      title: input.title,
      body: input.body ?? null,
      detail: input.detail ?? null,
      action: input.action ?? null,
      key: input.key ?? null,
      time: Date.now(),
    };
    const replaced = toast.key === null ? undefined : this.toasts.find((old) => old.key === toast.key);
    let next: Toast[];
    if (replaced) {
      this.stopTimer(replaced.id);
      this.timers.delete(replaced.id);
      next = this.toasts.map((old) => (old === replaced ? toast : old));
    } else {
      next = [...this.toasts, toast];
    }
    // The history holds a keyed burst once, as it stands now (even if its toast was capped away).
    const sameKey = (old: Toast) => toast.key !== null && old.key === toast.key;
    this.history = [toast, ...this.history.filter((old) => !sameKey(old))].slice(0, HISTORY_SIZE);
    this.set(this.capped(next));
    const timeout = input.timeoutMs === undefined ? (input.kind === 'error' ? null : DEFAULT_TIMEOUT_MS) : input.timeoutMs;
    if (timeout !== null) {
      this.timers.set(id, { remaining: timeout, startedAt: Date.now(), handle: null });
      if (this.holds.size === 0) this.runTimer(id);
    }
    return id;
  }

  /** Removes a toast (it stays in the history). */
  dismiss(id: number): void {
    this.stopTimer(id);
    this.timers.delete(id);
    if (this.toasts.some((toast) => toast.id === id)) this.set(this.toasts.filter((toast) => toast.id !== id));
  }

  /** Stops every timer for `reason` (pointer over the toasts, focus in them, a modal open). */
  hold(reason: HoldReason): void {
    if (this.holds.has(reason)) return;
    const wasRunning = this.holds.size === 0;
    this.holds.add(reason);
    if (wasRunning) for (const id of this.timers.keys()) this.pauseTimer(id);
    if (reason === 'modal') this.changed.fire();
  }

  /** Lifts `reason`; timers run again (with the time they had left) once nothing holds them. */
  release(reason: HoldReason): void {
    if (!this.holds.delete(reason)) return;
    if (this.holds.size === 0) for (const id of this.timers.keys()) this.runTimer(id);
    if (reason === 'modal') this.changed.fire();
  }

  /** Drops the oldest toasts beyond MAX_TOASTS, errors last (they wait to be read). */
  private capped(toasts: Toast[]): Toast[] {
    const list = [...toasts];
    while (list.length > MAX_TOASTS) {
      const at = list.findIndex((toast) => toast.kind !== 'error');
      const [gone] = list.splice(at >= 0 ? at : 0, 1);
      if (gone) {
        this.stopTimer(gone.id);
        this.timers.delete(gone.id);
      }
    }
    return list;
  }

  private runTimer(id: number): void {
    const timer = this.timers.get(id);
    if (!timer || timer.handle) return;
    timer.startedAt = Date.now();
    timer.handle = setTimeout(() => this.dismiss(id), timer.remaining);
  }

  private pauseTimer(id: number): void {
    const timer = this.timers.get(id);
    if (!timer?.handle) return;
    clearTimeout(timer.handle);
    timer.handle = null;
    timer.remaining = Math.max(0, timer.remaining - (Date.now() - timer.startedAt));
  }

  private stopTimer(id: number): void {
    const timer = this.timers.get(id);
    if (timer?.handle) clearTimeout(timer.handle);
    if (timer) timer.handle = null;
  }

  private set(toasts: readonly Toast[]): void {
    this.toasts = toasts;
    this.changed.fire();
  }
}
