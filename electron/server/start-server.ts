/**
 * Browser mode: the PortLens contract over HTTP + WebSocket, on 127.0.0.1 only, behind a
 * random token. The page is the same renderer Electron loads (dist/renderer); its web
 * transport talks to `/ws`.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Backend } from '../core/backend/backend.js';
import { SESSION_PATH } from '../contract/wire/ws-frames.js';
import { WS_MAX_MESSAGE_BYTES, WS_PATH, WS_STREAM_PROTOCOL } from '../contract/wire/ws-protocol.js';
import { bearerToken, hostAllowed, originAllowed, validTokenSource } from './request-guard.js';
import { answerClientError } from './client-error.js';
import { baseSecurityHeaders, contentSecurityPolicy } from './security-headers.js';
import { StaticFiles } from './static-files.js';
import { generateToken, tokenMatches } from './token.js';
import { attachSession, type SessionLimits } from './ws-session.js';

/** What `startServer` needs. */
export interface ServerOptions {
  backend: Backend;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer: dist/renderer (read into memory once, at start). */
  staticDir: string;
  /** A fixed token (tests); by default a fresh random one. */
  token?: string;
  /** Per-connection WebSocket limits (tests shrink them). */
  sessionLimits?: Partial<SessionLimits>;
  /** One-line operator notes (slow clients, backend failures); default: none. */
  log?: (line: string) => void;
}

/** A running browser-mode server. */
export interface RunningServer {
  /**
   * Open this to use PortLens: `http://127.0.0.1:PORT/#token=…`. The token is in the fragment,
   * which a browser never sends in a request or a Referer; the page keeps it in its own tab.
   */
  url: string;
  port: number;
  token: string;
  /** Settles when a page (or client) first connects with the token: the URL has been used. */
  firstConnection: Promise<void>;
  /** Closes every WebSocket and the listener. The backend stays open: its owner closes it. */
  close(): Promise<void>;
}

/** The only address we listen on: nothing off this machine may connect. */
const BIND_ADDRESS = '127.0.0.1';

/**
 * Node's default header limit is 16 KiB. A page on any other 127.0.0.1 port can fill the
 * browser's cookie jar for 127.0.0.1 (Chromium: 180 cookies of 4 KiB), and every request to us
 * then carries them all: we read up to 1 MiB of headers so that cannot lock the page out.
 */
const MAX_HEADER_BYTES = 1024 * 1024;

/** Starts the browser-mode server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? generateToken();
  const files = await StaticFiles.load(options.staticDir);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    // A page that asks for the stream protocol gets the stream from the first moment; we speak
    // no other subprotocol (a client that asks only for others is refused by its browser).
    handleProtocols: (protocols) => (protocols.has(WS_STREAM_PROTOCOL) ? WS_STREAM_PROTOCOL : false),
  });
  let port = 0;
  let headers: OutgoingHttpHeaders = {};

  let connected = (): void => undefined;
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));
  wss.on('connection', (socket) => {
    connected();
    attachSession(socket, { backend: options.backend, limits: options.sessionLimits, log: options.log });
  });

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request, response) => {
    try {
      handleHttp(request, response);
    } catch (error) {
      options.log?.(`portlens serve: request failed: ${String(error)}`);
      if (!response.headersSent) plain(response, 500, 'Internal error', headers);
      else response.destroy();
    }
  });

  function handleHttp(request: IncomingMessage, response: ServerResponse): void {
    if (!hostAllowed(request.headers.host, port)) return plain(response, 403, 'Forbidden: unknown Host', headers);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return plain(response, 405, 'Method not allowed', headers);
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === SESSION_PATH) {
      // The page asks this only when its socket was refused: was it the token, or is the server gone?
      if (!tokenMatches(token, bearerToken(request.headers.authorization))) {
        return plain(response, 401, 'Unauthorized: open PortLens with the URL `portlens serve` printed (it carries the token).', headers);
      }
      response.writeHead(204, { ...headers, 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    // The page and its code hold no secret: served to anyone who names our Host.
    if (files.serve(url.pathname, request, response, headers)) return;
    if (url.pathname === '/favicon.ico') {
      // Browsers ask for it unprompted; without one, answer "nothing" instead of logging a 404.
      response.writeHead(204, { ...headers, 'Cache-Control': 'no-cache' });
      response.end();
      return;
    }
    plain(response, 404, 'Not found', headers);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    let url: URL;
    try {
      // Node's parser accepts request targets WHATWG URL rejects (`GET http://[`): refuse, don't throw.
      url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return refuseUpgrade(socket, 400);
    }
    const refusal = !hostAllowed(request.headers.host, port)
      ? 403
      : !originAllowed(request.headers.origin, port)
        ? 403
        : !validTokenSource(request, token)
          ? 401
          : url.pathname !== WS_PATH
            ? 404
            : null;
    if (refusal !== null) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  server.on('clientError', answerClientError);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, BIND_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  headers = { ...baseSecurityHeaders(), 'Content-Security-Policy': contentSecurityPolicy(files.indexHtml(), port) };

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    firstConnection,
    async close() {
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        // Sockets that never answered the close handshake are cut after a moment.
        setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, 1000).unref();
      });
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/** Answers a refused WebSocket upgrade with a plain HTTP status, then closes the socket. */
function refuseUpgrade(socket: Duplex, status: number): void {
  const text = STATUS_TEXT[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

/** A short plain-text answer. */
function plain(response: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders): void {
  const body = `${text}\n`;
  response.writeHead(status, { ...headers, ...response.getHeaders(), 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(body);
}
