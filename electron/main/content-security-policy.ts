/**
 * Security checklist #7 (define a Content Security Policy): the app:// protocol sends the
 * policy as a response header. It is derived from the <meta> policy in renderer/index.html so
 * the two cannot drift, minus what Electron does not need: the page talks to main over IPC,
 * so `connect-src` loses the WebSocket origins that browser mode uses.
 */

/** Used when index.html declares no policy: everything only from ourselves. */
export const FALLBACK_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The policy of index.html's `<meta http-equiv="Content-Security-Policy">`, or null. */
export function metaPolicy(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue;
    const content = /content\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const policy = content?.[1] ?? content?.[2];
    if (policy)
      return policy
        .replace(/&#39;|&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
  }
  return null;
}

/** The header policy for the Electron window, from index.html's text (or null when unreadable). */
export function electronPolicy(indexHtml: string | null): string {
  const directives = new Map<string, string[]>();
  for (const part of ((indexHtml && metaPolicy(indexHtml)) || FALLBACK_POLICY).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  const connect = (directives.get('connect-src') ?? ["'self'"]).filter((source) => !/^wss?:/i.test(source));
  directives.set('connect-src', connect.length ? connect : ["'none'"]);
  // Only expressible in a header: nobody may frame the app, and it frames nothing itself.
  directives.set('frame-ancestors', ["'none'"]);
  directives.set('frame-src', ["'none'"]);
  directives.set('object-src', ["'none'"]);
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}
