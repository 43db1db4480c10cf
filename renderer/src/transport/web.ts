/**
 * Browser mode's transport: the PortLens API over the server's WebSocket (`/ws`). The token
 * travels in the HttpOnly cookie the server set when the page was opened, so this code never
 * sees it. Every frame from the server is validated against the contract; a bad one is
 * dropped with a warning, never thrown into the UI.
 */
import {
  Calls,
  StreamMessage,
  type CallName,
  type CallRequest,
  type CallResponse,
  type ContractError,
  type PortLensApi,
  type Result,
} from '../../../electron/contract/api';
import { WS_PATH, WsReplyMessage, WsStreamMessage, type WsClientMessage } from '../../../electron/contract/ws-protocol';
import { openLoopbackUrl } from './open-loopback-url';

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
  /** WebSocket URL; default `ws(s)://<this page's host>/ws`. */
  url?: string;
  /** How long an ordinary call may take before it fails with `timeout`. */
  callTimeoutMs?: number;
}

/** The message a stream listener gets when the connection drops. */
export const CONNECTION_LOST_MESSAGE = 'Lost the connection to the PortLens server; reconnecting…';

// Kill and restart wait for processes (up to their own timeouts): give them room.
const LONG_CALLS: Partial<Record<CallName, number>> = { kill: 150_000, restart: 330_000, logs: 60_000 };
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

type Listener = (message: StreamMessage) => void;
/** A stream listener; `catchUp` holds what arrived while it waits for its own snapshot. */
type StreamEntry = { listener: Listener; catchUp: StreamMessage[] | null };
type Pending = { name: CallName; resolve: (result: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> };

/**
 * Connects to the browser-mode server. Resolves once the WebSocket is open; rejects if the
 * first attempt fails (the page was not opened through the URL with the token, or the server
 * is gone). After that, a dropped connection is retried with backoff and the stream resumes
 * with a fresh snapshot.
 */
export function connectWebTransport(options: WebTransportOptions = {}): Promise<WebTransport> {
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
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

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) guarded(() => listener(next));
  };

  const sendFrame = (frame: WsClientMessage): boolean => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  const deliver = (entry: StreamEntry, message: StreamMessage): void => {
    if (entry.catchUp) entry.catchUp.push(message);
    else guarded(() => entry.listener(message));
  };

  const broadcast = (message: StreamMessage): void => {
    for (const entry of streams) deliver(entry, message);
  };

  function onFrame(data: unknown): void {
    if (typeof data !== 'string') return warn('dropped a binary frame');
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return warn('dropped a frame that is not JSON');
    }
    if (typeof json === 'object' && json !== null && 'stream' in json) {
      const snapshot = (json as { stream?: { type?: unknown } }).stream?.type === 'snapshot';
      if (snapshot) mark('portlens:snapshot-received');
      const parsed = WsStreamMessage.safeParse(json);
      if (!parsed.success) return warn(`dropped an invalid stream message: ${parsed.error.issues[0]?.message ?? ''}`);
      if (snapshot) mark('portlens:snapshot-validated');
      return broadcast(parsed.data.stream);
    }
    const parsed = WsReplyMessage.safeParse(json);
    if (!parsed.success) return warn('dropped a frame that is neither a reply nor a stream message');
    const { id, result } = parsed.data;
    const call = id === null ? undefined : pending.get(id);
    if (!call) {
      if (!result.ok) warn(`the server refused a frame: ${result.error.message}`);
      return;
    }
    pending.delete(id as number);
    clearTimeout(call.timer);
    if (!result.ok) return call.resolve(result);
    const value = Calls[call.name].response.safeParse(result.value);
    call.resolve(
      value.success
        ? { ok: true, value: value.data }
        : failure('internal', `the server sent an invalid ${call.name} response`, value.error.issues[0]?.message ?? null),
    );
  }

  function failPending(error: ContractError): void {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.resolve({ ok: false, error });
    }
  }

  function open(onFirstResult?: { resolve: () => void; reject: (error: Error) => void }): void {
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      mark('portlens:ws-open');
      opened = true;
      attempt = 0;
      setState('open');
      if (streams.size > 0) sendFrame({ type: 'subscribe' });
      onFirstResult?.resolve();
    };
    ws.onmessage = (event: MessageEvent) => onFrame(event.data);
    ws.onclose = () => {
      if (socket === ws) socket = null;
      failPending({ code: 'failed', message: 'the connection to the PortLens server was lost', detail: null });
      if (closedForGood) return setState('closed');
      if (!opened && onFirstResult) {
        setState('closed');
        closedForGood = true;
        return onFirstResult.reject(new Error(`cannot connect to the PortLens server at ${url}: open PortLens with the URL \`portlens serve\` printed`));
      }
      if (opened) broadcast({ type: 'error', error: { code: 'internal', message: CONNECTION_LOST_MESSAGE, detail: null } });
      setState('reconnecting');
      scheduleReconnect();
    };
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
        for (const message of queued) {
          if (message.type !== 'delta' || message.delta.seq > seq) deliver(entry, message);
        }
      });
    }
    streams.add(entry);
    if (first) sendFrame({ type: 'subscribe' });
    return () => {
      if (!streams.delete(entry)) return;
      if (streams.size === 0) sendFrame({ type: 'unsubscribe' });
    };
  }

  const api = Object.fromEntries(
    (Object.keys(Calls) as CallName[]).map((name) => [name, (request: CallRequest<typeof name>) => call(name, request)]),
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

  return new Promise((resolve, reject) => open({ resolve: () => resolve(transport), reject }));
}

function failure<T>(code: ContractError['code'], message: string, detail: string | null = null): Result<T> {
  return { ok: false, error: { code, message, detail } };
}

/** A User Timing mark (first occurrence only) for the benchmark and e2e logs. */
function mark(name: string): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName(name).length === 0) performance.mark(name);
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
