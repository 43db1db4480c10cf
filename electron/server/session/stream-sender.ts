/**
 * Streams the monitor to one client, with backpressure: while the client's backlog grows,
 * deltas for it are dropped ("lagging"); once it has drained, the stream restarts with a fresh
 * snapshot. A packed client gets a big snapshot in two parts (snapshot-rest.ts).
 */
import type { StreamMessage } from '../../contract/api.js';
import { toDisposable, type Disposable } from '../../contract/events.js';
import type { WsEncoding } from '../../contract/wire/ws-protocol.js';
import type { Backend } from '../../core/backend/backend.js';
import { packedSnapshotFrames, streamFrame } from '../snapshot-frames.js';
import type { FrameSink } from './frame-sink.js';
import type { SessionLimits } from './limits.js';
import { SnapshotRest } from './snapshot-rest.js';

/** What a StreamSender needs. */
export interface StreamSenderOptions {
  backend: Pick<Backend, 'subscribe'>;
  sink: FrameSink;
  limits: Pick<SessionLimits, 'highWaterBytes' | 'lowWaterBytes' | 'restUnaskedMs'>;
  log: (line: string) => void;
}

/** One session's stream. */
export class StreamSender implements Disposable {
  /** How this client wants snapshots and deltas (it says so when it subscribes, or by the subprotocol). */
  private encoding: WsEncoding = 'json';
  private subscription: Disposable | null = null;
  private lagging = false;
  private dropped = 0;
  /** Length of the last snapshot's frames: a backlog smaller than two of them is not lagging. */
  private snapshotLength = 0;
  private readonly rest: SnapshotRest;
  private readonly afterSend: Disposable;

  constructor(private readonly options: StreamSenderOptions) {
    this.rest = new SnapshotRest({
      unaskedMs: options.limits.restUnaskedMs,
      send: (frame, kind) => this.sendFrame(frame, kind),
      release: (messages) => messages.forEach((message) => this.receive(message)),
      log: options.log,
    });
    this.afterSend = options.sink.onDidSend(() => this.resumeIfDrained());
  }

  /** Starts the stream (a snapshot, then deltas) in `encoding`; a second start changes only that. */
  start(encoding: WsEncoding): void {
    this.encoding = encoding;
    this.subscription ??= toDisposable(this.options.backend.subscribe((message) => this.receive(message)));
  }

  stop(): void {
    this.subscription?.dispose();
    this.subscription = null;
    this.rest.cancel();
  }

  /** The client asks for the rest of the snapshot it got in part. */
  sendRest(): void {
    this.rest.request();
  }

  dispose(): void {
    this.stop();
    this.afterSend.dispose();
  }

  private resumeIfDrained(): void {
    if (!this.lagging || this.options.sink.bufferedAmount > this.options.limits.lowWaterBytes || !this.subscription) return;
    this.options.log(`portlens serve: a slow client caught up after ${this.dropped} dropped deltas; sending it a fresh snapshot`);
    this.lagging = false;
    this.dropped = 0;
    this.stop();
    this.start(this.encoding);
  }

  private receive(message: StreamMessage): void {
    if (message.type === 'snapshot') this.rest.cancel();
    else if (this.rest.isPending) return this.rest.hold(message);
    if (message.type === 'delta' && this.lagging) {
      this.dropped++;
      return;
    }
    if (message.type !== 'snapshot' || this.encoding !== 'packed') {
      return this.sendFrame(streamFrame(message, this.encoding), message.type === 'snapshot' ? 'snapshot' : 'other');
    }
    const frames = packedSnapshotFrames(message.snapshot);
    this.sendFrame(frames.first, 'snapshot');
    if (frames.rest) this.rest.begin(frames.rest, message);
  }

  /** Sends one frame of the stream; a client whose backlog keeps growing starts lagging. */
  private sendFrame(frame: string, kind: 'snapshot' | 'rest' | 'other'): void {
    if (kind === 'snapshot') this.snapshotLength = frame.length;
    else if (kind === 'rest') this.snapshotLength += frame.length;
    // The backlog before this frame: a snapshot larger than the high-water mark must not by
    // itself count as lagging (it would resync, send the snapshot again, and so on forever).
    const backlog = this.options.sink.bufferedAmount;
    this.options.sink.send(frame);
    if (!this.lagging && backlog > Math.max(this.options.limits.highWaterBytes, 2 * this.snapshotLength)) {
      this.lagging = true;
      this.options.log('portlens serve: a client reads too slowly; dropping its deltas until it catches up');
    }
  }
}
