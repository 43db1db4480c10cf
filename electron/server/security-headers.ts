/**
 * Response headers for browser mode. The Content-Security-Policy mirrors the one the renderer's
 * index.html declares in its <meta> tag (read by the contract's content-security-policy.ts, as
 * the Electron window's is, so both enforce the same rules),
 * adds our own WebSocket origins to `connect-src`, and adds `frame-ancestors`, which a <meta>
 * policy cannot express.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { formatPolicy, pagePolicy } from '../contract/content-security-policy.js';

/** The header policy for a server on `port`, derived from index.html's (or the fallback). */
export function contentSecurityPolicy(indexHtml: string | null, port: number): string {
  const directives = pagePolicy(indexHtml);
  // Narrow index.html's any-port WebSocket sources to our own port.
  const connect = (directives.get('connect-src') ?? []).filter((value) => value !== "'none'" && !/^wss?:\/\/.*:\*$/.test(value));
  for (const origin of [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]) {
    if (!connect.includes(origin)) connect.push(origin);
  }
  if (!connect.includes("'self'")) connect.unshift("'self'");
  directives.set('connect-src', connect);
  directives.set('frame-ancestors', ["'none'"]);
  return formatPolicy(directives);
}

/** Headers every response carries. */
export function baseSecurityHeaders(): OutgoingHttpHeaders {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
