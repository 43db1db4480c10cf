/**
 * The stream as the page's listeners get it. The socket streams from the moment it opens, so
 * what arrives before anyone listens is held for the first listener (the app subscribes as soon
 * as it has started). A later listener joins a stream already past its snapshot: it gets its own
 * (getSnapshot), then what the stream brought meanwhile.
 */
import type { Result, StreamMessage } from '@contract/api';
import { Emitter, type Disposable } from '@contract/events';
import type { Snapshot } from '@contract/model';
import type { WsUnsubscribeMessage } from '@contract/wire/ws-protocol';
import { SUBSCRIBE_FRAME } from './early-socket';

/** The message a stream listener gets when the connection drops. */
export const CONNECTION_LOST_MESSAGE = 'Lost the connection to the PortLens server; reconnecting…';

// Stream messages kept for a listener to come; beyond this nobody is coming, and the stream stops.
const MAX_HELD = 300;
const UNSUBSCRIBE_FRAME = JSON.stringify({ type: 'unsubscribe' } satisfies WsUnsubscribeMessage);

type Listener = (message: StreamMessage) => void;
/** A listener; `catchUp` holds what arrives while a late one waits for its own snapshot. */
type Entry = { listener: Listener; catchUp: StreamMessage[] | null; active: boolean };

/** What a StreamHub needs. */
export interface StreamHubOptions {
  /** Sends a frame on the socket; false when none is open. */
  send(text: string): boolean;
  /** A late listener's own snapshot. */
  getSnapshot(): Promise<Result<Snapshot>>;
}

/** The page's stream listeners, fed by the socket's stream. */
export class StreamHub implements Disposable {
  private readonly messages = new Emitter<StreamMessage>({ onListenerError: reportListenerError });
  /** The socket streams to us (every socket opens with the stream on). */
  private streaming = false;
  /** Stream messages that came while nobody listened, from the latest snapshot on. */
  private held: StreamMessage[] | null = null;

  constructor(private readonly options: StreamHubOptions) {}

  /** A socket opened: it streams. */
  opened(): void {
    this.streaming = true;
  }

  /** The socket closed; when the connection was `lost`, listeners hear so. */
  closed(lost: boolean): void {
    this.streaming = false;
    if (lost) this.broadcast({ type: 'error', error: { code: 'internal', message: CONNECTION_LOST_MESSAGE, detail: null } });
  }

  /** One message of the stream, to every listener (or held for the first). */
  broadcast(message: StreamMessage): void {
    if (this.messages.size === 0) return this.hold(message);
    this.messages.fire(message);
  }

  /** Receive the stream: a snapshot first, then what follows it. Returns unsubscribe. */
  subscribe(listener: Listener): () => void {
    const first = this.messages.size === 0;
    const entry: Entry = { listener, catchUp: first ? null : [], active: true };
    // The shared stream is past its snapshot: this listener gets its own, then what follows it.
    if (!first) void this.catchUp(entry);
    const subscription = this.messages.event((message) => (entry.catchUp ? entry.catchUp.push(message) : listener(message)));
    if (first) {
      // What the stream brought before anyone listened is this listener's start.
      const before = this.held ?? [];
      this.held = null;
      for (const message of before) guarded(listener, message);
      this.startStream();
    }
    return () => {
      if (!entry.active) return;
      entry.active = false;
      subscription.dispose();
      if (this.messages.size === 0) this.stopStream();
    };
  }

  dispose(): void {
    this.messages.dispose();
    this.held = null;
  }

  /** Gives a late listener its own snapshot, then what the shared stream brought meanwhile past it. */
  private async catchUp(entry: Entry): Promise<void> {
    const result = await this.options.getSnapshot();
    const queued = entry.catchUp ?? [];
    entry.catchUp = null;
    if (!entry.active) return;
    if (!result.ok) return guarded(entry.listener, { type: 'error', error: result.error });
    const seq = result.value.seq;
    guarded(entry.listener, { type: 'snapshot', snapshot: result.value });
    // The rest of a snapshot counts only after that snapshot's first part.
    let restarted = false;
    for (const message of queued) {
      if (message.type === 'snapshot') restarted = true;
      if (message.type === 'snapshot-rest' && !restarted) continue;
      if (message.type !== 'delta' || message.delta.seq > seq) guarded(entry.listener, message);
    }
  }

  /** Keeps a message for the first listener to come. */
  private hold(message: StreamMessage): void {
    if (message.type === 'snapshot') this.held = [message];
    else (this.held ??= []).push(message);
    if (this.held.length > MAX_HELD) this.stopStream();
  }

  private startStream(): void {
    if (!this.streaming && this.options.send(SUBSCRIBE_FRAME)) this.streaming = true;
  }

  private stopStream(): void {
    this.held = null;
    if (this.streaming && this.options.send(UNSUBSCRIBE_FRAME)) this.streaming = false;
  }
}

/** A listener that throws must not break the transport or the other listeners. */
function reportListenerError(error: unknown): void {
  console.error('portlens web transport: a listener threw', error);
}

function guarded(listener: Listener, message: StreamMessage): void {
  try {
    listener(message);
  } catch (error) {
    reportListenerError(error);
  }
}
