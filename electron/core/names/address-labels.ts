/**
 * Names for addresses that need no lookup: loopback, private and other special-purpose ranges
 * (RFC 1918, 6598, 3927, 4193, 4291) are labelled from the address alone — asking DNS about
 * them leaks nothing useful and usually times out.
 */
import { parseIpv4, parseIpv6, readIp } from '../../contract/target-address.js';

const V4_RANGES: [base: string, bits: number, label: string][] = [
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private network'],
  ['172.16.0.0', 12, 'private network'],
  ['192.168.0.0', 16, 'private network'],
  ['100.64.0.0', 10, 'shared address space (CGNAT)'],
  ['169.254.0.0', 16, 'link-local'],
  ['0.0.0.0', 8, 'this network'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
];

function inV4(value: number, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((value & mask) >>> 0) === ((parseIpv4(base) as number) & mask) >>> 0;
}

/** The label of a special-purpose address, or null for one worth a reverse lookup. */
export function addressLabel(address: string): string | null {
  const ip = readIp(address);
  if (!ip) return null;
  if (ip.family === 4) {
    const value = parseIpv4(ip.address) as number;
    return V4_RANGES.find(([base, bits]) => inV4(value, base, bits))?.[2] ?? null;
  }
  const groups = parseIpv6(ip.address) as number[];
  const first = groups[0] as number;
  if (groups.every((g, i) => g === (i === 7 ? 1 : 0))) return 'loopback';
  if (groups.every((g) => g === 0)) return 'unspecified';
  if ((first & 0xfe00) === 0xfc00) return 'private network';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  return null;
}
