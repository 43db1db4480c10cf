/**
 * The rest of a snapshot that went in two parts (snapshot-frames.ts), from its first part until
 * it is sent. The page asks for it once it has shown the first part (packing it earlier took CPU
 * from the page while it rendered); unasked, it goes after a while. Stream messages that come
 * meanwhile wait behind it, in order: the page must have the whole snapshot before a delta.
 */
import type { StreamMessage } from '../../contract/api.js';
import type { Disposable } from '../../contract/events.js';
import { streamFrame } from '../snapshot-frames.js';

/** What a SnapshotRest needs. */
export interface SnapshotRestOptions {
  /** How long the rest waits to be asked for. */
  unaskedMs: number;
  /** Sends the rest's frame or, should packing it fail, the whole snapshot (plain). */
  send(frame: string, kind: 'rest' | 'snapshot'): void;
  /** Hands back the messages that waited, once the rest has gone. */
  release(messages: StreamMessage[]): void;
  log(line: string): void;
}

interface Pending {
  /** Packs the rest (shared by every page that streams the same snapshot). */
  make: () => Promise<string>;
  /** The snapshot message, sent whole should packing the rest fail. */
  message: Extract<StreamMessage, { type: 'snapshot' }>;
  started: boolean;
  timer: ReturnType<typeof setTimeout>;
}

/** One session's pending snapshot rest and the messages behind it. */
export class SnapshotRest implements Disposable {
  private pending: Pending | null = null;
  private queued: StreamMessage[] = [];

  constructor(private readonly options: SnapshotRestOptions) {}

  /** True from a snapshot's first part until its rest has gone. */
  get isPending(): boolean {
    return this.pending !== null;
  }

  /** The first part of `message` has gone; `make` packs the rest. */
  begin(make: () => Promise<string>, message: Pending['message']): void {
    this.cancel();
    const pending: Pending = { make, message, started: false, timer: setTimeout(() => this.send(pending), this.options.unaskedMs) };
    pending.timer.unref();
    this.pending = pending;
  }

  /** Keeps a stream message until the rest has gone. */
  hold(message: StreamMessage): void {
    this.queued.push(message);
  }

  /** The page asked for the rest. */
  request(): void {
    if (this.pending) this.send(this.pending);
  }

  /** Forgets the rest that has not gone yet, and what waited for it. */
  cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
    this.queued = [];
  }

  dispose(): void {
    this.cancel();
  }

  /** Packs (once, shared with other pages) and sends the rest, then releases what waited. */
  private send(rest: Pending): void {
    if (this.pending !== rest || rest.started) return;
    rest.started = true;
    clearTimeout(rest.timer);
    rest
      .make()
      .then(
        (frame) => {
          if (this.pending === rest) this.options.send(frame, 'rest');
        },
        (error: unknown) => {
          if (this.pending !== rest) return;
          // The page holds a part of a snapshot: a whole one (plain) replaces it.
          this.options.log(`portlens serve: could not pack a snapshot's rest: ${String(error)}`);
          this.options.send(streamFrame(rest.message, 'json'), 'snapshot');
        },
      )
      .finally(() => {
        if (this.pending !== rest) return;
        this.pending = null;
        const later = this.queued;
        this.queued = [];
        this.options.release(later);
      });
  }
}
