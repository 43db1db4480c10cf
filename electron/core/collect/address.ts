/**
 * IP address text: canonical formatting (dotted quad; RFC 5952 for IPv6), parsing of the forms
 * `ss` and /proc print, and the scope of a local address.
 */
import type { Family, Scope } from '../model.js';

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

/** The unsigned 32-bit value of a strict dotted quad (`a.b.c.d`, each 0-255), else null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Eight 16-bit groups of IPv6 text (any valid form, an embedded IPv4 tail allowed), else null. */
export function parseIpv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** Groups of a `::`-free run such as `fe80:0:1` or `ffff:1.2.3.4`; an IPv4 tail counts twice. */
function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
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

/** Canonical text of an address in the given family (brackets and zone not accepted), else null. */
export function canonicalAddress(text: string, family: Family): string | null {
  if (family === 4) {
    const value = parseIpv4(text);
    return value === null ? null : formatIpv4(value);
  }
  const groups = parseIpv6(text);
  return groups === null ? null : formatIpv6(groups);
}

/**
 * Who can reach a local address: `loopback` (127.0.0.0/8, ::1, ::ffff:127.x.x.x), `all`
 * (0.0.0.0, ::), else `address`. Takes canonical text; other valid forms are canonicalized.
 */
export function scopeOf(address: string): Scope {
  if (address === '0.0.0.0' || address === '::') return 'all';
  if (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')) {
    return 'loopback';
  }
  if (address.includes(':')) {
    const canonical = canonicalAddress(address, 6);
    if (canonical !== null && canonical !== address) return scopeOf(canonical);
  }
  return 'address';
}
