/**
 * One browser tab's WebSocket: runs its calls on the backend, streams the monitor to it, and
 * keeps one misbehaving or slow tab from hurting the server or other tabs. Every frame is
 * validated; anything wrong earns a typed `invalid-request` reply, never an exception.
 */
import type { RawData, WebSocket } from 'ws';
import type { Backend } from '../core/backend/backend.js';
import type { CallName, CallRequest, ContractError, Result, StreamMessage } from '../contract/api.js';
import { contractError, describeIssues, parseCall } from '../contract/validate.js';
import { WS_STREAM_PROTOCOL, WsClientMessage, type WsEncoding, type WsReplyMessage } from '../contract/ws-protocol.js';
import { packedSnapshotFrames, streamFrame } from './snapshot-frames.js';

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
  /** A snapshot's rest goes this long after its first part even if the client does not ask. */
  restUnaskedMs: number;
}

/** Defaults for `SessionLimits`. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  burstMessages: 200,
  messagesPerSecond: 100,
  concurrentCalls: 16,
  highWaterBytes: 8 * 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  heartbeatMs: 30_000,
  restUnaskedMs: 3000,
};

/** The rest of a snapshot that came in parts, until it is sent. */
interface PendingRest {
  /** Packs the rest (shared by every page that streams the same snapshot). */
  make: () => Promise<string>;
  /** The snapshot message, sent whole should packing the rest fail. */
  message: Extract<StreamMessage, { type: 'snapshot' }>;
  started: boolean;
  timer: ReturnType<typeof setTimeout>;
}

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
  /** How this client wants snapshots and deltas (it says so when it subscribes, or by the subprotocol). */
  let encoding: WsEncoding = 'json';
  /** Length of the last snapshot's frames: a backlog smaller than two of them is not lagging. */
  let snapshotLength = 0;
  /** The rest of a snapshot that came in parts, until it is sent; stream messages wait for it. */
  let pendingRest: PendingRest | null = null;
  /** Stream messages that came while a snapshot's rest was pending; they follow it. */
  let queued: StreamMessage[] = [];

  const sendText = (text: string): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(text, afterSend);
  };

  const reply = (id: number | null, result: Result<unknown>): void => sendText(JSON.stringify({ id, result } satisfies WsReplyMessage));
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
    if (message.type === 'snapshot') cancelRest();
    else if (pendingRest) {
      // The snapshot's rest has not gone yet: what follows it waits, in order.
      queued.push(message);
      return;
    }
    if (message.type === 'delta' && lagging) {
      dropped++;
      return;
    }
    if (message.type !== 'snapshot' || encoding !== 'packed') {
      sendStreamFrame(streamFrame(message, encoding), message.type === 'snapshot' ? 'snapshot' : 'other');
      return;
    }
    const frames = packedSnapshotFrames(message.snapshot);
    sendStreamFrame(frames.first, 'snapshot');
    if (!frames.rest) return;
    // The page asks for the rest once it has shown the first part; unasked, it goes anyway.
    const rest: PendingRest = {
      make: frames.rest,
      message,
      started: false,
      timer: setTimeout(() => sendRest(rest), limits.restUnaskedMs),
    };
    rest.timer.unref();
    pendingRest = rest;
  }

  /** Packs (once, shared with other pages) and sends a pending rest, then what waited for it. */
  function sendRest(rest: PendingRest): void {
    if (pendingRest !== rest || rest.started) return;
    rest.started = true;
    clearTimeout(rest.timer);
    rest
      .make()
      .then(
        (frame) => {
          if (pendingRest === rest) sendStreamFrame(frame, 'rest');
        },
        (error: unknown) => {
          if (pendingRest !== rest) return;
          // The page holds a part of a snapshot: a whole one (plain) replaces it.
          log(`portlens serve: could not pack a snapshot's rest: ${String(error)}`);
          sendStreamFrame(streamFrame(rest.message, 'json'), 'snapshot');
        },
      )
      .finally(() => {
        if (pendingRest !== rest) return;
        pendingRest = null;
        const later = queued;
        queued = [];
        for (const next of later) onStream(next);
      });
  }

  /** Forgets a snapshot's rest that has not gone yet, and what waited for it. */
  function cancelRest(): void {
    if (pendingRest) clearTimeout(pendingRest.timer);
    pendingRest = null;
    queued = [];
  }

  /**
   * Sends one frame of the stream (a snapshot's first frame, its rest, or anything else); a
   * client whose backlog keeps growing starts lagging.
   */
  function sendStreamFrame(frame: string, kind: 'snapshot' | 'rest' | 'other'): void {
    if (kind === 'snapshot') snapshotLength = frame.length;
    else if (kind === 'rest') snapshotLength += frame.length;
    // The backlog before this frame: a snapshot larger than the high-water mark must not by
    // itself count as lagging (it would resync, send the snapshot again, and so on forever).
    const backlog = socket.bufferedAmount;
    sendText(frame);
    if (!lagging && backlog > Math.max(limits.highWaterBytes, 2 * snapshotLength)) {
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
    cancelRest();
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
      if (message.type === 'subscribe') {
        encoding = message.encoding ?? 'json';
        startStream();
      } else if (message.type === 'snapshot-rest') {
        if (pendingRest) sendRest(pendingRest);
      } else stopStream();
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

  if (socket.protocol === WS_STREAM_PROTOCOL) {
    // Subscribed at connect time: the snapshot leaves before the page has sent anything.
    encoding = 'packed';
    startStream();
  }

  socket.on('pong', () => (alive = true));
  socket.on('message', onMessage);
  socket.on('error', () => socket.terminate());
  socket.on('close', () => {
    clearInterval(heartbeat);
    stopStream();
  });
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
