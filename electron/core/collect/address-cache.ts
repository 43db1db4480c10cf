/**
 * Formats raw addresses from netlink buffers, remembering the text of each address it has seen:
 * a 20,000-socket dump repeats a few addresses many times, and one poll per second should not
 * build 40,000 new strings.
 */
import { formatIpv4, formatIpv6 } from './address.js';

/** Forget everything past this many entries, so a scan across many peers cannot grow memory. */
const MAX_ENTRIES = 65_536;

interface Ipv6Entry {
  a: number;
  b: number;
  c: number;
  d: number;
  text: string;
}

/** Caching formatter of IPv4 / IPv6 addresses stored in network byte order in a DataView. */
export class AddressCache {
  private readonly v4 = new Map<number, string>();
  private readonly v6 = new Map<number, Ipv6Entry>();
  private readonly groups = new Uint16Array(8);

  /** Text of the 4-byte IPv4 address at `offset`. */
  ipv4(view: DataView, offset: number): string {
    const value = view.getUint32(offset, false);
    let text = this.v4.get(value);
    if (text === undefined) {
      if (this.v4.size >= MAX_ENTRIES) this.v4.clear();
      text = formatIpv4(value);
      this.v4.set(value, text);
    }
    return text;
  }

  /** Text of the 16-byte IPv6 address at `offset`. */
  ipv6(view: DataView, offset: number): string {
    const a = view.getUint32(offset, false);
    const b = view.getUint32(offset + 4, false);
    const c = view.getUint32(offset + 8, false);
    const d = view.getUint32(offset + 12, false);
    // Collisions only cost a re-format: the entry is checked word by word.
    const key = (Math.imul(a ^ (b >>> 7), 0x9e3779b1) ^ Math.imul(c ^ (d << 5), 0x85ebca6b) ^ d) | 0;
    const hit = this.v6.get(key);
    if (hit !== undefined && hit.a === a && hit.b === b && hit.c === c && hit.d === d) return hit.text;
    const g = this.groups;
    g[0] = a >>> 16;
    g[1] = a;
    g[2] = b >>> 16;
    g[3] = b;
    g[4] = c >>> 16;
    g[5] = c;
    g[6] = d >>> 16;
    g[7] = d;
    const text = formatIpv6(g);
    if (this.v6.size >= MAX_ENTRIES) this.v6.clear();
    this.v6.set(key, { a, b, c, d, text });
    return text;
  }
}
