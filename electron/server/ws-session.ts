/**
 * One browser tab's WebSocket: runs its calls on the backend, streams the monitor to it, and
 * keeps one misbehaving or slow tab from hurting the server or other tabs. Every frame is
 * validated; anything wrong earns a typed `invalid-request` reply, never an exception. The
 * parts live in session/: rate limiter, call runner, stream sender (backpressure and the
 * two-part snapshot), heartbeat.
 */
import type { RawData, WebSocket } from 'ws';
import type { Backend } from '../core/backend/backend.js';
import { DisposableStore, type Disposable } from '../contract/events.js';
import { contractError } from '../contract/validate.js';
import { WS_STREAM_PROTOCOL } from '../contract/wire/ws-protocol.js';
import { CallRunner } from './session/call-runner.js';
import { frameId, readClientFrame } from './session/client-frames.js';
import { socketSink } from './session/frame-sink.js';
import { keepAlive } from './session/heartbeat.js';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session/limits.js';
import { RateLimiter } from './session/rate-limiter.js';
import { StreamSender } from './session/stream-sender.js';

export { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session/limits.js';

/** Options of `attachSession`. */
export interface SessionOptions {
  backend: Backend;
  limits?: Partial<SessionLimits>;
  /** One-line notes for the operator (a lagging client, a backend failure). */
  log?: (line: string) => void;
}

/** Serves the calls and the stream of one WebSocket until it closes (or the session is disposed). */
export function attachSession(socket: WebSocket, options: SessionOptions): Disposable {
  const { backend } = options;
  const limits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const session = new DisposableStore();
  const sink = session.add(socketSink(socket));
  const limiter = new RateLimiter(limits.burstMessages, limits.messagesPerSecond);
  const calls = new CallRunner({ backend, sink, concurrentCalls: limits.concurrentCalls, highWaterBytes: limits.highWaterBytes, log });
  const stream = session.add(new StreamSender({ backend, sink, limits, log }));
  session.add(keepAlive(socket, limits.heartbeatMs));

  const onMessage = (data: RawData, isBinary: boolean): void => {
    if (!limiter.take()) return calls.fail(frameId(data, isBinary), contractError('refused', 'too many messages; slow down'));
    const frame = readClientFrame(data, isBinary);
    switch (frame.kind) {
      case 'invalid':
        return calls.fail(frame.id, frame.error);
      case 'call':
        return calls.run(frame.id, frame.name, frame.request);
      case 'subscribe':
        return stream.start(frame.encoding);
      case 'snapshot-rest':
        return stream.sendRest();
      case 'unsubscribe':
        return stream.stop();
    }
  };

  // Subscribed at connect time: the snapshot leaves before the page has sent anything.
  if (socket.protocol === WS_STREAM_PROTOCOL) stream.start('packed');
  socket.on('message', onMessage);
  socket.on('error', () => socket.terminate());
  socket.on('close', () => session.dispose());
  return session;
}
