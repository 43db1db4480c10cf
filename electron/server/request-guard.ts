/**
 * Who may talk to the browser-mode server: requests must name our loopback host and port
 * (DNS rebinding), carry our token (cookie, `?token=` or `Authorization: Bearer`), and, for the
 * WebSocket, come from a page of our own origin (cross-site WebSocket hijacking).
 */
import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './token.js';

/** Loopback host names a browser may put in the Host header for our server. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The cookie that carries the token. Cookies ignore ports, so the name includes ours: two
 * servers on one machine must not overwrite each other's cookie.
 */
export function tokenCookieName(port: number): string {
  return `portlens_token_${port}`;
}

/** True when the Host header is one of our loopback names with our port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_HOSTS.some((name) => lower === `${name}:${port}`);
}

/** The origins our own pages have (what the browser sends as Origin on the WebSocket). */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** True when the Origin header is exactly one of our origins. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedOrigins(port).includes(origin);
}

/** Where a request's token came from, or null when it carries a valid one nowhere. */
export type TokenSource = 'cookie' | 'query' | 'bearer';

/**
 * Finds a valid token on the request: a `?token=` query, an `Authorization: Bearer` header or
 * our cookie. Every candidate is compared in constant time.
 */
export function validTokenSource(request: IncomingMessage, url: URL, token: string, port: number): TokenSource | null {
  if (tokenMatches(token, url.searchParams.get('token'))) return 'query';
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ') && tokenMatches(token, authorization.slice('Bearer '.length).trim())) {
    return 'bearer';
  }
  if (tokenMatches(token, readCookie(request.headers.cookie, tokenCookieName(port)))) return 'cookie';
  return null;
}

/** Reads one cookie's value from a Cookie header (no decoding: our value is base64url). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The Set-Cookie value that stores the token for this browser session. */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
