/**
 * Reads the server's frames in order: each is validated (the contract's zod-free checks), then
 * a stream message goes to the stream and a reply to its call. A bad frame is dropped with a
 * warning, never thrown into the UI.
 *
 * The two-part snapshot: after a snapshot's first part, nothing more is read until the page has
 * painted it; then the rest is asked for and read. Reading the rest (a big snapshot's other
 * rows) first would hold that paint back by as long as it takes, and the server sends the rest
 * only when asked (or after a while).
 */
import type { Result, StreamMessage } from '@contract/api';
import { isSnapshotFrame, readServerFrame } from '@contract/wire/ws-frames';
import type { WsSnapshotRestMessage } from '@contract/wire/ws-protocol';
import { afterPaint as pageAfterPaint, type AfterPaint } from './after-paint';
import { mark } from './early-socket';

const SNAPSHOT_REST_FRAME = JSON.stringify({ type: 'snapshot-rest' } satisfies WsSnapshotRestMessage);

/** Where a FrameReader sends what it read. */
export interface FrameReaderOptions {
  stream(message: StreamMessage): void;
  /** A reply; false when no call waits for it. */
  reply(id: number | null, result: Result<unknown>): boolean;
  /** A `send` on the socket the frame being read came on (it sends nothing once that is replaced). */
  sendOnThisSocket(): (text: string) => boolean;
  afterPaint?: AfterPaint;
}

/** Reads frames, pausing behind a snapshot's first part until it has been painted. */
export class FrameReader {
  /** Frames that wait for the paint of a snapshot's first part; null when reading. */
  private waiting: unknown[] | null = null;

  constructor(private readonly options: FrameReaderOptions) {}

  /** A frame from the server. */
  push(data: unknown): void {
    if (this.waiting) this.waiting.push(data);
    else this.read(data);
  }

  /** Reads the frames that waited, in order, until one makes the rest wait again. */
  private readWaiting(): void {
    const frames = this.waiting ?? [];
    this.waiting = null;
    for (let i = 0; i < frames.length; i++) {
      this.read(frames[i]);
      if (this.waiting) {
        (this.waiting as unknown[]).push(...frames.slice(i + 1));
        return;
      }
    }
  }

  private read(data: unknown): void {
    if (typeof data !== 'string') return warn('dropped a binary frame');
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return warn('dropped a frame that is not JSON');
    }
    const snapshot = isSnapshotFrame(json);
    if (snapshot) mark('portlens:snapshot-received');
    const frame = readServerFrame(json);
    if (!frame.ok) return warn(`dropped an invalid frame: ${frame.issue}`);
    if (frame.value.kind !== 'stream') {
      const { id, result } = frame.value;
      if (!this.options.reply(id, result) && !result.ok) warn(`the server refused a frame: ${result.error.message}`);
      return;
    }
    const message = frame.value.message;
    if (snapshot) mark('portlens:snapshot-validated');
    this.options.stream(message);
    if (message.type === 'snapshot' && message.rest) this.waitForPaint();
  }

  /** Shown first, then the rest: asked for (and read) once the page has painted this part. */
  private waitForPaint(): void {
    this.waiting = [];
    const send = this.options.sendOnThisSocket();
    (this.options.afterPaint ?? pageAfterPaint)(() => {
      send(SNAPSHOT_REST_FRAME);
      this.readWaiting();
    });
  }
}

function warn(message: string): void {
  console.warn(`portlens web transport: ${message}`);
}
