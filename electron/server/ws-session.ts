/**
 * One browser tab's WebSocket: runs its calls on the backend, streams the monitor to it, and
 * keeps one misbehaving or slow tab from hurting the server or other tabs. Every frame is
 * validated; anything wrong earns a typed `invalid-request` reply, never an exception.
 */
import type { RawData, WebSocket } from 'ws';
import type { Backend } from '../core/backend/backend.js';
import type { CallName, CallRequest, ContractError, Result, StreamMessage } from '../contract/api.js';
import { contractError, describeIssues, parseCall } from '../contract/validate.js';
import { WsClientMessage, type WsReplyMessage, type WsStreamMessage } from '../contract/ws-protocol.js';

/** Per-connection limits; the defaults suit one person's browser tabs. */
export interface SessionLimits {
  /** Frames a client may send in a burst, refilled at `messagesPerSecond`. */
  burstMessages: number;
  messagesPerSecond: number;
  /** Calls a client may have running at once. */
  concurrentCalls: number;
  /** Above this many unsent bytes, deltas for the client are dropped... */
  highWaterBytes: number;
  /** ...until the buffer drains below this; then it gets a fresh snapshot. */
  lowWaterBytes: number;
  /** A client that does not answer a ping within this long is dropped. */
  heartbeatMs: number;
}

/** Defaults for `SessionLimits`. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  burstMessages: 200,
  messagesPerSecond: 100,
  concurrentCalls: 16,
  highWaterBytes: 8 * 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  heartbeatMs: 30_000,
};

/** Options of `attachSession`. */
export interface SessionOptions {
  backend: Backend;
  limits?: Partial<SessionLimits>;
  /** One-line notes for the operator (a lagging client, a backend failure). */
  log?: (line: string) => void;
}

/** Serves the calls and the stream of one WebSocket until it closes. */
export function attachSession(socket: WebSocket, options: SessionOptions): void {
  const { backend } = options;
  const limits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  let tokens = limits.burstMessages;
  let refilledAt = Date.now();
  let inFlight = 0;
  let unsubscribe: (() => void) | null = null;
  // Backpressure: while lagging, deltas are dropped; on drain the stream restarts with a snapshot.
  let lagging = false;
  let dropped = 0;
  let alive = true;

  const send = (message: WsReplyMessage | WsStreamMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send('stream' in message ? streamFrame(message.stream) : JSON.stringify(message), afterSend);
  };

  const reply = (id: number | null, result: Result<unknown>): void => send({ id, result });
  const fail = (id: number | null, error: ContractError): void => reply(id, { ok: false, error });

  function afterSend(): void {
    if (!lagging || socket.bufferedAmount > limits.lowWaterBytes || !unsubscribe) return;
    log(`portlens serve: a slow client caught up after ${dropped} dropped deltas; sending it a fresh snapshot`);
    lagging = false;
    dropped = 0;
    stopStream();
    startStream();
  }

  function onStream(message: StreamMessage): void {
    if (message.type === 'delta' && lagging) {
      dropped++;
      return;
    }
    send({ stream: message });
    if (!lagging && socket.bufferedAmount > limits.highWaterBytes) {
      lagging = true;
      log('portlens serve: a client reads too slowly; dropping its deltas until it catches up');
    }
  }

  function startStream(): void {
    unsubscribe ??= backend.subscribe(onStream);
  }

  function stopStream(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  function takeToken(): boolean {
    const now = Date.now();
    tokens = Math.min(limits.burstMessages, tokens + ((now - refilledAt) / 1000) * limits.messagesPerSecond);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  function runCall(id: number, name: CallName, request: CallRequest<CallName>): void {
    if (name === 'openExternal') {
      // The browser opens links itself (the web transport answers this call locally).
      fail(id, contractError('unsupported', 'in browser mode the page opens links itself'));
      return;
    }
    if (socket.bufferedAmount > limits.highWaterBytes) {
      // Replies are not dropped like deltas: a client that asks but never reads would grow this
      // buffer without bound (a snapshot is megabytes). Refuse until it catches up.
      fail(id, contractError('refused', 'this connection is not reading its replies; calls are refused until it does'));
      return;
    }
    if (inFlight >= limits.concurrentCalls) {
      fail(id, contractError('refused', `too many calls at once (limit ${limits.concurrentCalls})`));
      return;
    }
    inFlight++;
    backend
      .call(name, request)
      .then(
        (result) => reply(id, result),
        (error: unknown) => {
          log(`portlens serve: ${name} failed unexpectedly: ${String(error)}`);
          fail(id, contractError('internal', `${name} failed unexpectedly`, String(error)));
        },
      )
      .finally(() => inFlight--);
  }

  function onMessage(data: RawData, isBinary: boolean): void {
    if (!takeToken()) {
      fail(idOf(data, isBinary), contractError('refused', 'too many messages; slow down'));
      return;
    }
    if (isBinary) {
      fail(null, contractError('invalid-request', 'binary frames are not accepted; send JSON text'));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      fail(null, contractError('invalid-request', 'the frame is not valid JSON'));
      return;
    }
    const parsed = WsClientMessage.safeParse(json);
    if (!parsed.success) {
      fail(idOfJson(json), contractError('invalid-request', `invalid message: ${describeIssues(parsed.error)}`));
      return;
    }
    const message = parsed.data;
    if ('type' in message) {
      if (message.type === 'subscribe') startStream();
      else stopStream();
      return;
    }
    const call = parseCall(message.call, message.request);
    if (!call.ok) fail(message.id, call.error);
    else runCall(message.id, call.value.name, call.value.request);
  }

  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, limits.heartbeatMs);
  heartbeat.unref();

  socket.on('pong', () => (alive = true));
  socket.on('message', onMessage);
  socket.on('error', () => socket.terminate());
  socket.on('close', () => {
    clearInterval(heartbeat);
    stopStream();
  });
}

/**
 * The backend hands every subscriber the same message object; serialise it once for all tabs
 * (a 20,000-row snapshot is megabytes of JSON).
 */
const frames = new WeakMap<StreamMessage, string>();
function streamFrame(stream: StreamMessage): string {
  let frame = frames.get(stream);
  if (frame === undefined) {
    frame = JSON.stringify({ stream } satisfies WsStreamMessage);
    frames.set(stream, frame);
  }
  return frame;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The `id` of a JSON frame, when it has a usable one (for error replies). */
function idOfJson(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const { id } = json as { id: unknown };
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

function idOf(data: RawData, isBinary: boolean): number | null {
  if (isBinary) return null;
  try {
    return idOfJson(JSON.parse(rawText(data)));
  } catch {
    return null;
  }
}
