/**
 * `openExternal` in browser mode: the page itself opens the URL in a new tab, and only loopback
 * http(s) URLs (what a port row links to); anything else is refused.
 */
import type { Result } from '@contract/api';

const LOOPBACK_HOST = /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/i;

/** True for http(s) URLs on 127.0.0.0/8, localhost or [::1]. */
export function isLoopbackHttpUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.hostname) && !url.username && !url.password;
}

/** Opens a loopback URL in a new tab (no opener, no referrer), or refuses it. */
export function openLoopbackUrl(text: string): Result<Record<string, never>> {
  if (!isLoopbackHttpUrl(text)) {
    return { ok: false, error: { code: 'refused', message: 'only http(s) URLs on this machine (127.0.0.1, localhost, [::1]) can be opened', detail: null } };
  }
  window.open(text, '_blank', 'noopener,noreferrer');
  return { ok: true, value: {} };
}
