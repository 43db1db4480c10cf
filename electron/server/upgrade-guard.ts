/**
 * Who may open the browser-mode WebSocket: our Host, our Origin, a valid token (bearer or
 * subprotocol) and the WebSocket path. Anything else gets a plain HTTP refusal.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WS_PATH } from '../contract/wire/ws-protocol.js';
import { hostAllowed, originAllowed, validTokenSource } from './request-guard.js';

/** The HTTP status to refuse an upgrade with, or null when it may proceed. */
export function upgradeRefusal(request: IncomingMessage, token: string, port: number): number | null {
  let url: URL;
  try {
    // Node's parser accepts request targets WHATWG URL rejects (`GET http://[`): refuse, don't throw.
    url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return 400;
  }
  if (!hostAllowed(request.headers.host, port)) return 403;
  if (!originAllowed(request.headers.origin, port)) return 403;
  if (!validTokenSource(request, token)) return 401;
  if (url.pathname !== WS_PATH) return 404;
  return null;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

/** Answers a refused WebSocket upgrade with a plain HTTP status, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const text = STATUS_TEXT[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}
