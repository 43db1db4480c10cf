/** Toasts: short messages about results and errors, as a tiny external store. */
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
  /** Null: stays until dismissed. Defaults: 5 s, errors 12 s. */
  timeoutMs?: number | null;
}

const MAX_TOASTS = 5;

/** Holds the visible toasts. */
export class ToastStore {
  private toasts: readonly Toast[] = [];
  private readonly changed = new Emitter<void>();
  private nextId = 1;

  /** useSyncExternalStore's subscribe. */
  readonly subscribe = asSubscribe(this.changed.event);

  /** The current toasts (new array on change). */
  readonly getToasts = (): readonly Toast[] => this.toasts;

  /** Shows a toast; returns its id. */
  push(input: ToastInput): number {
    const id = this.nextId++;
    const toast: Toast = {
      id,
      kind: input.kind,
      title: input.title,
      body: input.body ?? null,
      detail: input.detail ?? null,
      action: input.action ?? null,
    };
    this.set([...this.toasts, toast].slice(-MAX_TOASTS));
    const timeout =
      input.timeoutMs === undefined ? (input.kind === 'error' ? 12_000 : 5000) : input.timeoutMs;
    if (timeout !== null) setTimeout(() => this.dismiss(id), timeout);
    return id;
  }

  /** Removes a toast. */
  dismiss(id: number): void {
    if (this.toasts.some((toast) => toast.id === id))
      this.set(this.toasts.filter((toast) => toast.id !== id));
  }

  private set(toasts: readonly Toast[]): void {
    this.toasts = toasts;
    this.changed.fire();
  }
}
