/**
 * Browser mode: the PortLens contract over HTTP + WebSocket, on 127.0.0.1 only, behind a
 * random token. The page is the same renderer Electron loads (dist/renderer); its web
 * transport talks to `/ws`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Backend } from '../core/backend/backend.js';
import { WS_MAX_MESSAGE_BYTES, WS_STREAM_PROTOCOL } from '../contract/wire/ws-protocol.js';
import { answerClientError } from './client-error.js';
import { httpHandler, type ServerSite } from './http-handler.js';
import { baseSecurityHeaders, contentSecurityPolicy } from './security-headers.js';
import { StaticFiles } from './static-files.js';
import { generateToken } from './token.js';
import { refuseUpgrade, upgradeRefusal } from './upgrade-guard.js';
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
  const site: ServerSite = { port: 0, headers: {} };
  const wss = createSocketServer();
  let connected = (): void => undefined;
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));
  wss.on('connection', (socket) => {
    connected();
    attachSession(socket, { backend: options.backend, limits: options.sessionLimits, log: options.log });
  });

  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES },
    httpHandler({ token, files, site, log: options.log, metrics: () => options.backend.call('metrics', {}) }),
  );
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(request, token, site.port);
    if (refusal !== null) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  server.on('clientError', answerClientError);

  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  site.port = port;
  site.headers = {
    ...baseSecurityHeaders(),
    'Content-Security-Policy': contentSecurityPolicy(files.indexHtml(), port),
  };

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    firstConnection,
    close: () => closeAll(server, wss),
  };
}

/** The WebSocket side: upgrades are handed to it only after `upgradeRefusal` passed them. */
function createSocketServer(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    // A page that asks for the stream protocol gets the stream from the first moment; we speak
    // no other subprotocol (a client that asks only for others is refused by its browser).
    handleProtocols: (protocols) => (protocols.has(WS_STREAM_PROTOCOL) ? WS_STREAM_PROTOCOL : false),
  });
}

/** Listens on our loopback address only; rejects when the port cannot be had. */
async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, BIND_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Closes every WebSocket and the listener. */
async function closeAll(server: Server, wss: WebSocketServer): Promise<void> {
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
}
