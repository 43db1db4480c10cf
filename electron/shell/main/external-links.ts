/**
 * Security checklist #15 (never shell.openExternal untrusted content): only http(s) URLs on a
 * loopback host may leave the app for the default browser — the dev servers PortLens lists.
 * Everything else (file:, javascript:, custom schemes that launch programs, remote hosts) is
 * refused. URLs are parsed, never prefix-matched (`http://127.0.0.1.evil.com` is remote).
 */
import { isIP } from 'node:net';

/** The loopback http(s) URL normalized for opening, or null when it must not be opened. */
export function loopbackHttpUrl(raw: string): string | null {
  if (raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Credentials in a URL are a phishing device (http://localhost@evil.com is evil.com already,
  // but http://user:pw@localhost/ has no honest use here).
  if (url.username || url.password) return null;
  return isLoopbackHost(url.hostname) ? url.href : null;
}

/** localhost (and *.localhost, RFC 6761), 127.0.0.0/8, or [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  // IPv6 loopback, also written as IPv4-mapped ::ffff:127.x.y.z (WHATWG prints it in hex).
  if (host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)) return true;
  // WHATWG URL has already turned 2130706433, 0x7f.1 and friends into dotted quads.
  return isIP(host) === 4 && host.split('.')[0] === '127';
}
