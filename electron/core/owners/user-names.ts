/** uid → user name from /etc/passwd, read once: process rows show names, not numbers. */
import { readFileSync } from 'node:fs';

let namesCache: Map<number, string> | null = null;

/**
 * Parses passwd(5) text into uid → name. Lines that are not `name:pw:uid:...` (comments, NIS
 * `+` entries) are skipped: they name nobody we could show. The first entry for a uid wins,
 * as in getpwuid().
 */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uidText] = line.split(':', 3);
    if (!name || !uidText || !/^\d+$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (!names.has(uid)) names.set(uid, name);
  }
  return names;
}

/** The name of `uid`, or the uid as a string when /etc/passwd does not list it. */
export function userName(uid: number): string {
  if (namesCache === null) {
    try {
      namesCache = parsePasswd(readFileSync('/etc/passwd', 'utf8'));
    } catch {
      namesCache = new Map();
    }
  }
  return namesCache.get(uid) ?? String(uid);
}
