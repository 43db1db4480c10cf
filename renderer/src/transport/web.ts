/**
 * Browser mode's transport: the PortLens API over the server's WebSocket (`/ws`). The access
 * token (page-token.ts) travels as a WebSocket subprotocol, never in a cookie. Every frame from
 * the server is validated against the contract; a bad one is dropped with a warning, never
 * thrown into the UI.
 *
 * The parts: connection.ts (the socket, its state, reconnecting), call-client.ts (ids,
 * timeouts, checked replies), stream-hub.ts (the page's stream listeners) and frame-reader.ts
 * (reading frames in order, the two-part snapshot after paint). This file wires them.
 */
import type { CallName, CallRequest, PortLensApi } from '@contract/api';
import { CALL_NAME_LIST } from '@contract/call-names';
import { asSubscribe, DisposableStore } from '@contract/events';
import { CallClient, CONNECTION_LOST_ERROR } from './call-client';
import { Connection, type ConnectionState } from './connection';
import { serverSocketUrl, type EarlySocket } from './early-socket';
import { FrameReader } from './frame-reader';
import { openLoopbackUrl } from './open-loopback-url';
import { StreamHub } from './stream-hub';

export type { ConnectionState } from './connection';
export { CONNECTION_LOST_MESSAGE } from './stream-hub';

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

/**
 * Connects to the browser-mode server. Resolves once the WebSocket is open; rejects if the
 * first attempt fails (the page was not opened through the URL with the token, or the server
 * is gone). After that, a dropped connection is retried with backoff and the stream resumes
 * with a fresh snapshot.
 */
export function connectWebTransport(options: WebTransportOptions): Promise<WebTransport> {
  const parts = new DisposableStore();
  const connection = parts.add(new Connection({ url: options.url ?? serverSocketUrl(), token: options.token, early: options.early }));
  const send = (text: string): boolean => connection.send(text);
  const calls = parts.add(new CallClient({ send, timeoutMs: options.callTimeoutMs ?? 30_000 }));
  const stream = parts.add(new StreamHub({ send, getSnapshot: () => calls.call('getSnapshot', {}) }));
  const reader = new FrameReader({
    stream: (message) => stream.broadcast(message),
    reply: (id, result) => calls.settle(id, result),
    sendOnThisSocket: () => connection.sendOnThisSocket(),
  });
  connection.onFrame((data) => reader.push(data));
  connection.onDidOpen(() => stream.opened());
  connection.onDidClose(({ lost }) => {
    calls.failPending(CONNECTION_LOST_ERROR);
    stream.closed(lost);
  });

  const call = <N extends CallName>(name: N, request: CallRequest<N>): ReturnType<PortLensApi[N]> =>
    (name === 'openExternal'
      ? // The page opens links itself: the server has no browser to open them in.
        Promise.resolve(openLoopbackUrl((request as CallRequest<'openExternal'>).url))
      : calls.call(name, request)) as ReturnType<PortLensApi[N]>;
  const api = Object.fromEntries(
    CALL_NAME_LIST.map((name) => [name, (request: CallRequest<typeof name>) => call(name, request)]),
  ) as { [N in CallName]: PortLensApi[N] };

  const transport: WebTransport = {
    ...api,
    transport: 'web',
    subscribe: (listener) => stream.subscribe(listener),
    connection: () => connection.state,
    onConnectionChange: asSubscribe(connection.onDidChangeState),
    close: () => parts.dispose(),
  };
  return connection.connect().then(() => transport);
}
