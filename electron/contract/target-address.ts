/**
 * The one grammar of IP address text, and of the address an action may aim at (`Target`'s
 * `address`, the CLI's `address:port`). The CLI parser, the Target schema, core's socket matching
 * and the collectors all read addresses with these functions: text that is not an address is
 * refused at each boundary, and selects nothing even if it got past one.
 *
 * A target address is one of:
 * - an IPv4 literal: a strict dotted quad, each part 0-255 in decimal without leading zeros
 *   (`010.0.0.1` is octal 8.0.0.1 to inet_aton but 10.0.0.1 to others, so it is refused, as
 *   Node's `net.isIPv4` refuses it);
 * - an IPv6 literal in any RFC 4291 form (an embedded dotted-quad tail allowed), without a zone
 *   (`%eth0`): socket rows carry no zone, so a zone could not narrow anything and is refused
 *   rather than silently ignored. The CLI writes it in brackets (`[::1]:80`), the contract bare;
 * - `localhost` (any case): 127.0.0.1 and ::1;
 * - `*`: any address, the same as no address (null).
 * Host names are never resolved. Canonical form: dotted quad; RFC 5952 IPv6 (lower case,
 * compressed, IPv4-mapped written `::ffff:a.b.c.d`, which matching treats as that IPv4
 * address); `localhost`; and null for `*`.
 *
 * Browser-safe and free of imports: the one-shot `portlens list`/`who` read addresses with it
 * and must not load zod (~25 ms of start-up). The zod schema (`TargetAddress`) is in api.ts.
 */

/** The unsigned 32-bit value of a strict dotted quad (`a.b.c.d`, each 0-255, no leading zero), else null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Eight 16-bit groups of IPv6 text (any valid form; a dotted-quad tail only at the end), else null. */
export function parseIpv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  // The dotted-quad tail may end the address only: the second half, or the whole when no `::`.
  const head = parseGroups(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null; // `::` stands for at least one zero group
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** Groups of a `::`-free run such as `fe80:0:1` or `ffff:1.2.3.4`; a dotted-quad tail counts twice. */
function parseGroups(text: string, v4TailAllowed: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (v4TailAllowed && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups.length <= 8 ? groups : null;
}

/** Dotted quad for an IPv4 address held as an unsigned 32-bit number (first octet highest). */
export function formatIpv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/**
 * RFC 5952 text for an IPv6 address given as eight 16-bit groups: lower-case hex without
 * leading zeros, the longest run (first on a tie) of two or more zero groups shortened to `::`.
 * IPv4-mapped addresses (::ffff:0:0/96) keep their dotted tail, as RFC 5952 §5 recommends.
 */
export function formatIpv6(groups: ArrayLike<number>): string {
  const g = (i: number): number => (groups[i] ?? 0) & 0xffff;
  if (g(0) === 0 && g(1) === 0 && g(2) === 0 && g(3) === 0 && g(4) === 0 && g(5) === 0xffff) {
    return `::ffff:${formatIpv4(((g(6) << 16) | g(7)) >>> 0)}`;
  }
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never shortened
  for (let i = 0; i < 8;) {
    if (g(i) !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && g(end) === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  if (bestStart < 0) return hexGroups(g, 0, 8);
  return `${hexGroups(g, 0, bestStart)}::${hexGroups(g, bestStart + bestLength, 8)}`;
}

function hexGroups(g: (i: number) => number, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += (i === from ? '' : ':') + g(i).toString(16);
  return text;
}

/** An IP address as traffic sees it: IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is IPv4 `a.b.c.d`. */
export interface IpAddress {
  family: 4 | 6;
  /** Canonical text in that family. */
  address: string;
}

/** Reads an IP literal (no brackets, no zone) as traffic sees it, else null. */
export function readIp(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, address: formatIpv4(v4) };
  const groups = parseIpv6(text);
  if (groups === null) return null;
  const canonical = formatIpv6(groups);
  return canonical.startsWith('::ffff:') && canonical.includes('.')
    ? { family: 4, address: canonical.slice('::ffff:'.length) }
    : { family: 6, address: canonical };
}

/** Canonical text of an IP literal (dotted quad; RFC 5952 IPv6), else null. */
export function canonicalIp(text: string): string | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return formatIpv4(v4);
  const groups = parseIpv6(text);
  return groups === null ? null : formatIpv6(groups);
}

/** A target address read: canonical text (null: any address), or why the text is not one. */
export type TargetAddressRead = { ok: true; address: string | null } | { ok: false; reason: string };

/** What a target address may be, for messages. */
export const TARGET_ADDRESS_FORMS = 'an IPv4 address (127.0.0.1), an IPv6 address (::1), localhost or *';

/**
 * Reads a target address (bare, as the contract carries it): see the file comment for the
 * grammar. `forms` says, in a refusal, what the caller's user may write instead.
 */
export function readTargetAddress(text: string, forms = TARGET_ADDRESS_FORMS): TargetAddressRead {
  if (text === '*') return { ok: true, address: null };
  if (/^localhost$/i.test(text)) return { ok: true, address: 'localhost' }; // ASCII letters only
  const canonical = canonicalIp(text);
  if (canonical !== null) return { ok: true, address: canonical };
  return { ok: false, reason: whyNotAddress(text, forms) };
}

function whyNotAddress(text: string, forms: string): string {
  const shown = JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
  const lead = `${shown} is not an address`;
  if (text.includes('%') && canonicalIp(text.slice(0, text.indexOf('%'))) !== null)
    return `${lead}: IPv6 zones (%interface) are not supported, since sockets are listed without one`;
  if (/^\d+(\.\d+){3}$/.test(text) && text.split('.').some((part) => /^0\d/.test(part)))
    return `${lead}: leading zeros are ambiguous (octal to some tools); write each part in plain decimal`;
  if (/^(?=.*[a-z])[a-z\d-]+(?:\.[a-z\d-]+)*\.?$/i.test(text))
    return `${lead}: host names are not resolved; give ${forms}`;
  return `${lead}; give ${forms}`;
}
