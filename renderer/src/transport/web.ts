/**
 * Browser mode's transport: the PortLens API over the server's WebSocket (`/ws`). The access
 * token (page-token.ts) travels as a WebSocket subprotocol, never in a cookie. Every frame from the server is validated against the contract; a bad one is
 * dropped with a warning, never thrown into the UI.
 *
 * The stream (snapshots in the packed form, deltas) is checked by the contract's zod-free
 * checks, so the first snapshot shows without waiting for zod; replies to the other calls are
 * checked by their zod schemas, which load with the first such call, while it travels.
 */
import type {
  CallName,
  CallRequest,
  CallResponse,
  ContractError,
  PortLensApi,
  Result,
  StreamMessage,
} from '../../../electron/contract/api';
import { CALL_NAME_LIST } from '../../../electron/contract/call-names';
import { checked, snapshot as checkSnapshot } from '../../../electron/contract/wire-check';
import { isSnapshotFrame, readServerFrame, SESSION_PATH } from '../../../electron/contract/ws-frames';
import type { WsClientMessage } from '../../../electron/contract/ws-protocol';
import { mark, openStreamSocket, serverSocketUrl, SUBSCRIBE_FRAME, type EarlySocket } from './early-socket';
import { openLoopbackUrl } from './open-loopback-url';
import { forgetPageToken, WRONG_TOKEN_MESSAGE } from './page-token';

/** Where the WebSocket is in its life: the UI shows anything but `open`. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The web transport: the API plus its connection state. */
export interface WebTransport extends PortLensApi {
  readonly transport: 'web';
  /** The current connection state. */
  connection(): ConnectionState;
  /** Called on every state change; returns unsubscribe. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket for good (pending calls fail, no reconnect). */
  close(): void;
}

/** Options of `connectWebTransport`; the defaults suit the page the server serves. */
export interface WebTransportOptions {
  /** The access token `portlens serve` printed (page-token.ts). */
  token: string;
  /** WebSocket URL; default `ws(s)://<this page's host>/ws`. */
  url?: string;
  /** How long an ordinary call may take before it fails with `timeout`. */
  callTimeoutMs?: number;
  /**
   * The socket the page's entry module opened before the app loaded; its queued frames are read
   * first. Without it the transport opens its own.
   */
  early?: EarlySocket;
}

/** The message a stream listener gets when the connection drops. */
export const CONNECTION_LOST_MESSAGE = 'Lost the connection to the PortLens server; reconnecting…';

// Kill and restart wait for processes (up to their own timeouts): give them room.
const LONG_CALLS: Partial<Record<CallName, number>> = { kill: 150_000, restart: 330_000, logs: 60_000 };
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;
// Stream messages kept for a listener to come; beyond this nobody is coming, and the stream stops.
const MAX_HELD = 300;

type Listener = (message: StreamMessage) => void;
/** A stream listener; `catchUp` holds what arrived while it waits for its own snapshot. */
type StreamEntry = { listener: Listener; catchUp: StreamMessage[] | null };
type Pending = { name: CallName; resolve: (result: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> };
type ResponseSchemas = (typeof import('../../../electron/contract/api'))['Calls'];

/**
 * Connects to the browser-mode server. Resolves once the WebSocket is open; rejects if the
 * first attempt fails (the page was not opened through the URL with the token, or the server
 * is gone). After that, a dropped connection is retried with backoff and the stream resumes
 * with a fresh snapshot.
 */
export function connectWebTransport(options: WebTransportOptions): Promise<WebTransport> {
  const url = options.url ?? serverSocketUrl();
  const { token } = options;
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const pending = new Map<number, Pending>();
  const streams = new Set<StreamEntry>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let closedForGood = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The server streams to this socket. Every socket opens with the stream on (the stream
   * subprotocol: the app always listens, and the first snapshot must not wait for a request).
   */
  let streaming = false;
  /** Stream messages that came while nobody listened, from the latest snapshot on. */
  let held: StreamMessage[] | null = null;
  let schemas: Promise<ResponseSchemas> | null = null;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) guarded(() => listener(next));
  };

  const sendFrame = (frame: WsClientMessage | string): boolean => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    return true;
  };

  const startStream = (): void => {
    if (!streaming && sendFrame(SUBSCRIBE_FRAME)) streaming = true;
  };

  const stopStream = (): void => {
    held = null;
    if (streaming && sendFrame({ type: 'unsubscribe' })) streaming = false;
  };

  /** Keeps a message for the first listener (the app subscribes as soon as it has started). */
  const hold = (message: StreamMessage): void => {
    if (message.type === 'snapshot') held = [message];
    else (held ??= []).push(message);
    if (held.length > MAX_HELD) stopStream();
  };

  const deliver = (entry: StreamEntry, message: StreamMessage): void => {
    if (entry.catchUp) entry.catchUp.push(message);
    else guarded(() => entry.listener(message));
  };

  const broadcast = (message: StreamMessage): void => {
    if (!streams.size) return hold(message);
    for (const entry of streams) deliver(entry, message);
  };

  /** The zod response schemas, loaded once (again after a failed load). */
  const responseSchemas = (): Promise<ResponseSchemas> =>
    (schemas ??= import('../../../electron/contract/api').then(
      (contract) => contract.Calls,
      (error: unknown) => {
        schemas = null;
        throw error;
      },
    ));

  /**
   * Frames that wait until the page has painted the first part of a snapshot: reading the rest
   * (a big snapshot's other rows) first would hold that paint back by as long as it takes (and
   * the server sends the rest only when asked, or after a while).
   */
  let waiting: unknown[] | null = null;

  function onFrame(data: unknown): void {
    if (waiting) {
      waiting.push(data);
      return;
    }
    readFrame(data);
  }

  /** Reads the frames that waited, in order, until one makes the rest wait again. */
  function readWaiting(): void {
    const frames = waiting ?? [];
    waiting = null;
    for (let i = 0; i < frames.length; i++) {
      readFrame(frames[i]);
      if (waiting) {
        (waiting as unknown[]).push(...frames.slice(i + 1));
        return;
      }
    }
  }

  function readFrame(data: unknown): void {
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
    if (frame.value.kind === 'stream') {
      const message = frame.value.message;
      if (snapshot) mark('portlens:snapshot-validated');
      broadcast(message);
      if (message.type === 'snapshot' && message.rest) {
        // Shown first, then the rest: asked for (and read) once the page has painted this part.
        waiting = [];
        const from = socket;
        afterPaint(() => {
          if (socket === from) sendFrame({ type: 'snapshot-rest' });
          readWaiting();
        });
      }
      return;
    }
    const { id, result } = frame.value;
    const call = id === null ? undefined : pending.get(id);
    if (!call) {
      if (!result.ok) warn(`the server refused a frame: ${result.error.message}`);
      return;
    }
    pending.delete(id as number);
    clearTimeout(call.timer);
    settle(call, result);
  }

  /** Checks a call's value against its response schema, then hands the result over. */
  function settle(call: Pending, result: Result<unknown>): void {
    if (!result.ok) return call.resolve(result);
    const invalid = (issue: string) => failure('internal', `the server sent an invalid ${call.name} response`, issue);
    if (call.name === 'getSnapshot') {
      const value = checked(checkSnapshot, result.value);
      return call.resolve(value.ok ? value : invalid(value.issue));
    }
    responseSchemas().then(
      (calls) => {
        const value = calls[call.name].response.safeParse(result.value);
        call.resolve(value.success ? { ok: true, value: value.data } : invalid(value.error.issues[0]?.message ?? ''));
      },
      (error: unknown) => call.resolve(failure('internal', `could not load the checks for the ${call.name} response`, String(error))),
    );
  }

  function failPending(error: ContractError): void {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.resolve({ ok: false, error });
    }
  }

  /** Runs the transport on `ws` (a stream socket); `early` is the one the page opened before. */
  function attach(ws: WebSocket, onFirstResult?: { resolve: () => void; reject: (error: Error) => void }, early?: EarlySocket): void {
    socket = ws;
    streaming = false;
    let opened = false;
    const onOpen = (): void => {
      mark('portlens:ws-open');
      opened = true;
      streaming = true;
      attempt = 0;
      setState('open');
      onFirstResult?.resolve();
    };
    const onClose = (): void => {
      if (socket === ws) socket = null;
      streaming = false;
      failPending({ code: 'failed', message: 'the connection to the PortLens server was lost', detail: null });
      if (closedForGood) return setState('closed');
      if (!opened && onFirstResult) {
        setState('closed');
        closedForGood = true;
        void whyRefused(token).then((why) => onFirstResult.reject(new Error(why)));
        return;
      }
      if (opened) broadcast({ type: 'error', error: { code: 'internal', message: CONNECTION_LOST_MESSAGE, detail: null } });
      setState('reconnecting');
      scheduleReconnect();
    };
    ws.onopen = onOpen;
    ws.onmessage = (event: MessageEvent) => onFrame(event.data);
    ws.onclose = onClose;
    if (!early) return;
    // What happened before the app loaded, in order: the open, the frames, maybe the close.
    if (early.opened) onOpen();
    for (const frame of early.frames.splice(0)) onFrame(frame);
    if (early.closed) onClose();
  }

  function open(onFirstResult?: { resolve: () => void; reject: (error: Error) => void }): void {
    attach(openStreamSocket(url, token), onFirstResult);
  }

  function scheduleReconnect(): void {
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      if (!closedForGood) open();
    }, delay);
  }

  function call<N extends CallName>(name: N, request: CallRequest<N>): Promise<Result<CallResponse<N>>> {
    if (name === 'openExternal') {
      return Promise.resolve(openLoopbackUrl((request as CallRequest<'openExternal'>).url) as Result<CallResponse<N>>);
    }
    return new Promise((resolve) => {
      const id = nextId++;
      if (!sendFrame({ id, call: name, request })) {
        resolve(failure('failed', 'not connected to the PortLens server (reconnecting)'));
        return;
      }
      // The checks for its answer load while the request travels (the first call only).
      if (name !== 'getSnapshot') void responseSchemas().catch(() => undefined);
      const timeoutMs = LONG_CALLS[name] ?? callTimeoutMs;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(failure('timeout', `${name} got no answer from the PortLens server within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      pending.set(id, { name, resolve: resolve as (result: Result<unknown>) => void, timer });
    });
  }

  function subscribe(listener: Listener): () => void {
    const entry: StreamEntry = { listener, catchUp: null };
    const first = streams.size === 0;
    if (!first) {
      // The shared stream is past its snapshot: this listener gets its own, then what follows it.
      entry.catchUp = [];
      void call('getSnapshot', {}).then((result) => {
        const queued = entry.catchUp ?? [];
        entry.catchUp = null;
        if (!streams.has(entry)) return;
        if (!result.ok) return deliver(entry, { type: 'error', error: result.error });
        const seq = result.value.seq;
        deliver(entry, { type: 'snapshot', snapshot: result.value });
        // What the shared stream brought meanwhile, past this snapshot: the rest of a snapshot
        // counts only after that snapshot's first part.
        let restarted = false;
        for (const message of queued) {
          if (message.type === 'snapshot') restarted = true;
          if (message.type === 'snapshot-rest' && !restarted) continue;
          if (message.type !== 'delta' || message.delta.seq > seq) deliver(entry, message);
        }
      });
    }
    streams.add(entry);
    if (first) {
      // What the stream brought before anyone listened is this listener's start.
      const before = held ?? [];
      held = null;
      for (const message of before) deliver(entry, message);
      startStream();
    }
    return () => {
      if (streams.delete(entry) && streams.size === 0) stopStream();
    };
  }

  const api = Object.fromEntries(
    CALL_NAME_LIST.map((name) => [name, (request: CallRequest<typeof name>) => call(name, request)]),
  ) as { [N in CallName]: PortLensApi[N] };

  const transport: WebTransport = {
    ...api,
    transport: 'web',
    subscribe,
    connection: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedForGood = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close(1000, 'closed by the page');
      setState('closed');
    },
  };

  return new Promise((resolve, reject) => {
    const first = { resolve: () => resolve(transport), reject };
    if (options.early) attach(options.early.socket, first, options.early);
    else open(first);
  });
}

/**
 * Why the first socket did not open: a WebSocket tells the page nothing, so ask the server
 * whether it knows this token (`/session`). A refused token is forgotten, so a reload asks for
 * the URL instead of offering it again.
 */
async function whyRefused(token: string): Promise<string> {
  try {
    const response = await fetch(SESSION_PATH, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    if (response.status === 401) {
      forgetPageToken();
      return WRONG_TOKEN_MESSAGE;
    }
  } catch {
    // The server is gone: say so below.
  }
  return `cannot connect to the PortLens server at ${location.host}: is \`portlens serve\` still running?`;
}

// A page hidden meanwhile gets no animation frames: it goes on after this long instead.
const PAINT_WAIT_MAX_MS = 1000;

/**
 * Runs `run` (once) after the page has painted what it has now: an animation frame comes before
 * the paint, and a task queued from it after. A hidden page paints nothing and gets no frames.
 */
function afterPaint(run: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    run();
  };
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
    setTimeout(once, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, PAINT_WAIT_MAX_MS);
}

function failure<T>(code: ContractError['code'], message: string, detail: string | null = null): Result<T> {
  return { ok: false, error: { code, message, detail } };
}

function warn(message: string): void {
  console.warn(`portlens web transport: ${message}`);
}

/** A listener that throws must not break the transport or the other listeners. */
function guarded(run: () => void): void {
  try {
    run();
  } catch (error) {
    console.error('portlens web transport: a listener threw', error);
  }
}
