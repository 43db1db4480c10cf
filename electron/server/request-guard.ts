/**
 * Who may talk to the browser-mode server. Every request must name our loopback host and port
 * (DNS rebinding). Static files (the page and its code) hold no secret and need nothing more.
 * Everything that reads or changes the machine needs the token, which a browser page proves in
 * its WebSocket subprotocol list and any other client in `Authorization: Bearer`; the WebSocket
 * must also come from a page of our own origin (cross-site WebSocket hijacking).
 *
 * Never a cookie: cookies ignore ports, so a cookie for 127.0.0.1 would reach every other
 * server on 127.0.0.1, including one another local user runs (see README, "Security").
 */
import type { IncomingMessage } from 'node:http';
import { WS_TOKEN_PROTOCOL_PREFIX } from '../contract/wire/ws-frames.js';
import { tokenMatches } from './token.js';

/** Loopback host names a browser may put in the Host header for our server. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** True when the Host header is one of our loopback names with our port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_HOSTS.some((name) => lower === `${name}:${port}`);
}

/** The origins our own pages have (what the browser sends as Origin on the WebSocket). */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

/** True when the Origin header is exactly one of our origins. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedOrigins(port).includes(origin);
}

/** Where a request's valid token came from. */
export type TokenSource = 'bearer' | 'subprotocol';

/** The credentials of `Authorization: Bearer <token>` (the scheme is case-insensitive, RFC 7235). */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match ? (match[1] as string) : null;
}

/** The token a page offers among its WebSocket subprotocols (`portlens.token.<token>`). */
export function subprotocolToken(header: string | string[] | undefined): string | null {
  const values = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const value of values.split(',')) {
    const trimmed = value.trim();
    if (trimmed.startsWith(WS_TOKEN_PROTOCOL_PREFIX)) return trimmed.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
  }
  return null;
}

/**
 * Finds a valid token on the request: `Authorization: Bearer`, or (WebSocket upgrades only) the
 * token subprotocol. Every candidate is compared in constant time. Null when none is valid.
 */
export function validTokenSource(request: IncomingMessage, token: string): TokenSource | null {
  if (tokenMatches(token, bearerToken(request.headers.authorization))) return 'bearer';
  if (tokenMatches(token, subprotocolToken(request.headers['sec-websocket-protocol']))) return 'subprotocol';
  return null;
}
