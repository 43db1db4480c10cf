/**
 * IP address text: canonical formatting (dotted quad; RFC 5952 for IPv6), parsing of the forms
 * `ss` and /proc print, and the scope of a local address.
 */
import type { Family, Scope } from '../model.js';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../contract/target-address.js';

// The grammar and the canonical forms are the contract's (one grammar for rows and targets).
export { formatIpv4, formatIpv6, parseIpv4, parseIpv6 };

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
