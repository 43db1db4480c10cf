/**
 * The stream to windows: each renderer that asks (STREAM_START_CHANNEL) gets its own backend
 * subscription — a snapshot, then deltas — until it reloads, navigates or is destroyed. Shell
 * messages (`reveal`) ride the same channel and wait until the page is listening.
 */
import type { StreamMessage } from '../../contract/api.js';
import { DisposableStore, toDisposable, type Disposable } from '../../contract/events.js';
import type { Backend } from '../../core/backend/backend.js';

/** The parts of a webContents the hub uses (a structural subset of Electron's WebContents). */
export interface StreamTarget {
  readonly id: number;
  isDestroyed(): boolean;
  /** Sends one message on STREAM_CHANNEL. */
  post(message: StreamMessage): void;
  /** Registers `stop` for when this page goes away (destroyed, reloaded, crashed); returns a remover. */
  onPageGone(stop: () => void): () => void;
}

/** Per-window backend subscriptions. */
export class StreamHub implements Disposable {
  /** Each streaming window's subscription and page-gone hook, by webContents id. */
  private readonly subscriptions = new Map<number, DisposableStore>();
  private readonly pending = new Map<number, StreamMessage[]>();

  constructor(private readonly backend: Backend) {}

  /** (Re)starts the stream for `target`: a second start replaces the first (a fresh snapshot). */
  start(target: StreamTarget): void {
    this.stop(target.id);
    const subscription = new DisposableStore();
    this.subscriptions.set(target.id, subscription);
    subscription.add(toDisposable(target.onPageGone(() => this.stop(target.id))));
    subscription.add(toDisposable(this.backend.subscribe((message) => this.post(target, message))));
    for (const message of this.pending.get(target.id) ?? []) this.post(target, message);
    this.pending.delete(target.id);
  }

  /** Ends `id`'s stream. */
  stop(id: number): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    this.subscriptions.delete(id);
    subscription.dispose();
  }

  /** True while `id` receives the stream. */
  isStreaming(id: number): boolean {
    return this.subscriptions.has(id);
  }

  /** Sends a shell message to `target` now, or as soon as its page starts the stream. */
  deliver(target: StreamTarget, message: StreamMessage): void {
    if (this.subscriptions.has(target.id)) {
      this.post(target, message);
    } else {
      // Only the latest reveal matters to a page that is still loading.
      this.pending.set(target.id, [message]);
    }
  }

  /** Ends every stream (quit). */
  dispose(): void {
    for (const id of [...this.subscriptions.keys()]) this.stop(id);
    this.pending.clear();
  }

  private post(target: StreamTarget, message: StreamMessage): void {
    if (target.isDestroyed()) {
      this.stop(target.id);
      return;
    }
    target.post(message);
  }
}
