/**
 * The page's Content Security Policy as its index.html declares it, read once for both shells:
 * the Electron window's app:// responses (electron/shell/main/content-security-policy.ts) and browser
 * mode's (electron/server/security-headers.ts) derive their header policy from it, each adding
 * what only a header can say. Plain string code.
 */

/** Used when index.html declares no policy (or is unreadable): everything only from ourselves. */
export const FALLBACK_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The policy of a `<meta http-equiv="Content-Security-Policy">` tag in `html`, or null. */
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

/** A policy's directives: lower-cased name → its sources, in the policy's order. */
export type PolicyDirectives = Map<string, string[]>;

/** The directives of index.html's policy (`indexHtml` its text, null when unreadable), else of the fallback. */
export function pagePolicy(indexHtml: string | null): PolicyDirectives {
  const directives: PolicyDirectives = new Map();
  for (const part of ((indexHtml && metaPolicy(indexHtml)) || FALLBACK_POLICY).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** Directives back as a policy string. */
export function formatPolicy(directives: PolicyDirectives): string {
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}
