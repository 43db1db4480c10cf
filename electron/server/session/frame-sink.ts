/** The session's socket as its parts write to it: text frames out, and how far behind it is. */
import type { WebSocket } from 'ws';
import { Emitter, type Disposable, type Event } from '../../contract/events.js';

/** Where a session's replies and stream frames go. */
export interface FrameSink {
  /** Sends a text frame; dropped when the socket is no longer open. */
  send(text: string): void;
  /** Bytes queued on the socket and not yet sent: the client's backlog. */
  readonly bufferedAmount: number;
  /** Fires as each frame leaves (the backlog may have shrunk). */
  readonly onDidSend: Event<void>;
}

/** A FrameSink over a `ws` socket. */
export function socketSink(socket: WebSocket): FrameSink & Disposable {
  const sent = new Emitter<void>();
  const afterSend = (): void => sent.fire();
  return {
    send(text) {
      if (socket.readyState !== socket.OPEN) return;
      socket.send(text, afterSend);
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    onDidSend: sent.event,
    dispose: () => sent.dispose(),
  };
}
