import { isIP, SocketAddress } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAddress, formatIpv4, formatIpv6, parseIpv4, parseIpv6, scopeOf } from './address.js';

const group = fc.integer({ min: 0, max: 0xffff });
/** Addresses rich in zero runs, where RFC 5952's `::` rules matter. */
const groups = fc.array(fc.oneof(group, fc.constant(0), fc.constant(0)), { minLength: 8, maxLength: 8 });

describe('formatIpv6', () => {
  it("agrees with Node's inet_ntop on every address outside ::/96", () => {
    fc.assert(
      fc.property(groups, (g) => {
        // Node prints IPv4-compatible ::a.b.c.d (deprecated by RFC 4291); RFC 5952 does not.
        fc.pre(g.slice(0, 6).some((x) => x !== 0));
        const text = g.map((x) => x.toString(16)).join(':');
        expect(formatIpv6(g)).toBe(new SocketAddress({ address: text, family: 'ipv6' }).address);
      }),
      { numRuns: 2000 },
    );
  });

  it('parses back to the same groups, and canonical text is a fixed point', () => {
    fc.assert(
      fc.property(groups, (g) => {
        const text = formatIpv6(g);
        expect(parseIpv6(text)).toEqual(g);
        expect(canonicalAddress(text, 6)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes loopback, any and IPv4-mapped addresses as the kernel tools do', () => {
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 1])).toBe('::1');
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
    expect(formatIpv6([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1])).toBe('::ffff:127.0.0.1');
    expect(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1'); // first longest run
    expect(formatIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe('2001:db8:0:1:1:1:1:1'); // one zero stays
  });
});

describe('parseIpv6 / parseIpv4', () => {
  it('rejects text that is not an address', () => {
    for (const bad of [
      '',
      ':',
      ':::',
      '1::2::3',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      'g::1',
      '::1.2.3',
      '12345::',
      '[::1]',
      '1.2.3.4::',
      '1.2.3.4::1',
      '::1.2.3.4:1',
      '::01.2.3.4',
    ]) {
      expect(parseIpv6(bad), bad).toBeNull();
    }
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.-4', '01234.1.1.1', ' 1.2.3.4', '010.0.0.1', '1.2.3.00']) {
      expect(parseIpv4(bad), bad).toBeNull();
    }
  });

  it("accepts exactly the text Node's net.isIP accepts (zones aside: PortLens takes none)", () => {
    const addressy = fc.oneof(
      fc.stringMatching(/^[0-9a-fA-F.:]{0,46}$/),
      fc.stringMatching(/^(?:[0-9a-f]{0,5}:){0,9}(?:[0-9a-f]{0,5}|\d{1,4}(?:\.\d{1,4}){0,4})$/),
      fc.ipV4Extended(),
      fc.ipV6(),
      fc.ipV4(),
      fc.string({ maxLength: 12 }),
      // One character of a valid address replaced, inserted or removed: the edge of the grammar.
      fc
        .tuple(fc.oneof(fc.ipV6(), fc.ipV4(), fc.ipV4().map((v4) => `::ffff:${v4}`)), fc.nat(), fc.constantFrom(':', '.', '0', 'f', '1', '9', ''))
        .chain(([ip, at, c]) => {
          const i = at % (ip.length + 1);
          return fc.constantFrom(ip.slice(0, i) + c + ip.slice(i), ip.slice(0, i) + c + ip.slice(i + 1));
        }),
    );
    fc.assert(
      fc.property(addressy, (text) => {
        fc.pre(!text.includes('%'));
        const ours = parseIpv4(text) !== null ? 4 : parseIpv6(text) !== null ? 6 : 0;
        expect(ours, text).toBe(isIP(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads any valid form to the canonical one', () => {
    expect(canonicalAddress('0:0:0:0:0:0:0:1', 6)).toBe('::1');
    expect(canonicalAddress('::FFFF:7F00:1', 6)).toBe('::ffff:127.0.0.1');
    expect(canonicalAddress('2001:DB8:0:0:0:0:0:1', 6)).toBe('2001:db8::1');
    expect(canonicalAddress('10.1.2.3', 4)).toBe('10.1.2.3');
  });

  it('formats and parses every IPv4 value both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        expect(parseIpv4(formatIpv4(value))).toBe(value);
      }),
    );
  });
});

describe('scopeOf', () => {
  it('names loopback, all-interfaces and specific addresses', () => {
    expect(scopeOf('127.0.0.1')).toBe('loopback');
    expect(scopeOf('127.53.1.9')).toBe('loopback');
    expect(scopeOf('::1')).toBe('loopback');
    expect(scopeOf('::ffff:127.0.0.1')).toBe('loopback');
    expect(scopeOf('0:0:0:0:0:0:0:1')).toBe('loopback');
    expect(scopeOf('0.0.0.0')).toBe('all');
    expect(scopeOf('::')).toBe('all');
    expect(scopeOf('192.168.1.10')).toBe('address');
    expect(scopeOf('fe80::1')).toBe('address');
    expect(scopeOf('::ffff:10.0.0.1')).toBe('address');
    expect(scopeOf('128.0.0.1')).toBe('address');
  });
});
