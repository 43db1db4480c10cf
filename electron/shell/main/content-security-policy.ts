/**
 * Security checklist #7 (define a Content Security Policy): the app:// protocol sends the
 * policy as a response header. It is derived from the <meta> policy in renderer/index.html (read
 * by the contract's content-security-policy.ts, as browser mode's is) so the two cannot drift, minus what Electron does not need: the page talks to main over IPC,
 * so `connect-src` loses the WebSocket origins that browser mode uses.
 */

import { formatPolicy, pagePolicy } from '../../contract/content-security-policy.js';

/** The header policy for the Electron window, from index.html's text (or null when unreadable). */
export function electronPolicy(indexHtml: string | null): string {
  const directives = pagePolicy(indexHtml);
  const connect = (directives.get('connect-src') ?? ["'self'"]).filter((source) => !/^wss?:/i.test(source));
  directives.set('connect-src', connect.length ? connect : ["'none'"]);
  // Only expressible in a header: nobody may frame the app, and it frames nothing itself.
  directives.set('frame-ancestors', ["'none'"]);
  directives.set('frame-src', ["'none'"]);
  directives.set('object-src', ["'none'"]);
  return formatPolicy(directives);
}
