/**
 * Response headers for browser mode. The Content-Security-Policy mirrors the one the renderer's
 * index.html declares in its <meta> tag (so Electron and the browser enforce the same rules),
 * adds our own WebSocket origins to `connect-src`, and adds `frame-ancestors`, which a <meta>
 * policy cannot express.
 */
import type { OutgoingHttpHeaders } from 'node:http';

/** Used when index.html declares no policy: scripts, styles and data only from ourselves. */
const FALLBACK_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Extracts the policy of a `<meta http-equiv="Content-Security-Policy">` tag, if any. */
export function metaPolicy(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue;
    const content = /content\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const policy = content?.[1] ?? content?.[2];
    if (policy) return policy.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  return null;
}

/** The header policy for a server on `port`, derived from index.html's (or the fallback). */
export function contentSecurityPolicy(indexHtml: string | null, port: number): string {
  const directives = new Map<string, string[]>();
  for (const part of (indexHtml ? metaPolicy(indexHtml) : null)?.split(';') ?? FALLBACK_POLICY.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  // Narrow index.html's any-port WebSocket sources to our own port.
  const connect = (directives.get('connect-src') ?? []).filter((value) => value !== "'none'" && !/^wss?:\/\/.*:\*$/.test(value));
  for (const origin of [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]) {
    if (!connect.includes(origin)) connect.push(origin);
  }
  if (!connect.includes("'self'")) connect.unshift("'self'");
  directives.set('connect-src', connect);
  directives.set('frame-ancestors', ["'none'"]);
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
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
