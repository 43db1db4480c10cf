/**
 * Browser mode opens its WebSocket from the page's tiny entry module, before the app's code
 * (React, the table) has even loaded, with the subprotocol that makes the server start the
 * stream at once: the first snapshot then travels while that code downloads and compiles (the
 * page's thread is too busy compiling to answer an `open` event in time). Frames are only
 * queued here; the web transport adopts the socket and reads (and validates) them.
 */
import { pageSubprotocols, WS_PATH } from '@contract/wire/ws-frames';
import type { WsSubscribeMessage } from '@contract/wire/ws-protocol';

/** The frame that (re)starts the stream on an open socket, in the form the page reads fastest. */
export const SUBSCRIBE_FRAME = JSON.stringify({
  type: 'subscribe',
  encoding: 'packed',
} satisfies WsSubscribeMessage);

/**
 * Opens a socket to the server whose stream starts as soon as it is open; the token travels as
 * a subprotocol (a page's WebSocket can send no other header).
 */
export function openStreamSocket(url: string, token: string): WebSocket {
  return new WebSocket(url, pageSubprotocols(token));
}

/** A socket opened ahead of the app, and what it received until the app took it over. */
export interface EarlySocket {
  readonly socket: WebSocket;
  /** The access token it was opened with (the transport reconnects with it). */
  readonly token: string;
  /** Text frames received so far, oldest first. */
  readonly frames: unknown[];
  /** True once the socket opened (the stream started then). */
  opened: boolean;
  /** True once the socket closed (or failed to open). */
  closed: boolean;
  /** Settles with the first frame (the stream's snapshot) or the close, whichever is first. */
  readonly settled: Promise<void>;
}

/** The WebSocket URL of the server that served this page. */
export function serverSocketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
}

/** Opens the stream socket with the page's token and queues what it receives. */
export function openEarlySocket(token: string): EarlySocket {
  const socket = openStreamSocket(serverSocketUrl(), token);
  let settle = (): void => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const early: EarlySocket = { socket, token, frames: [], opened: false, closed: false, settled };
  socket.onopen = () => {
    mark('portlens:ws-open');
    early.opened = true;
  };
  socket.onmessage = (event: MessageEvent) => {
    if (!early.frames.length) mark('portlens:first-frame');
    early.frames.push(event.data);
    settle();
  };
  socket.onclose = () => {
    early.closed = true;
    settle();
  };
  return early;
}

/** A User Timing mark (first occurrence only) for the benchmark and e2e logs. */
export function mark(name: string): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName(name).length === 0)
    performance.mark(name);
}
