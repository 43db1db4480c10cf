// The target-address grammar and the Target schema built on it: what is an address, its
// canonical form, and that text which is not one is refused as an `invalid-request`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Calls, Target } from './api.js';
import { ipLiteral, notAddress } from './testing/address-arbitraries.js';
import { TargetAddress } from './api.js';
import { canonicalIp, readIp, readTargetAddress } from './target-address.js';
import { parseCall } from './validate.js';

describe('readTargetAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['10.0.0.10', '10.0.0.10'],
    ['::', '::'],
    ['::1', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['FE80::0001', 'fe80::1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1'],
    ['::FFFF:7f00:1', '::ffff:127.0.0.1'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['localhost', 'localhost'],
    ['LocalHost', 'localhost'],
    ['*', null],
  ])('%j is the address %j', (text, canonical) => {
    expect(readTargetAddress(text)).toEqual({ ok: true, address: canonical });
  });

  it.each([
    ['no.such.host', /host names are not resolved/],
    ['[zz]', /is not an address; give an IPv4 address/],
    ['010.0.0.1', /leading zeros are ambiguous/],
    ['fe80::1%eth0', /zones .* not supported/],
    ['256.1.1.1', /is not an address/],
    ['', /"" is not an address/],
  ])('%j is refused with a reason that says why', (text, reason) => {
    const read = readTargetAddress(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(reason);
  });

  it('refuses every near miss and every host name', () => {
    fc.assert(
      fc.property(notAddress, (text) => {
        expect(readTargetAddress(text).ok).toBe(false);
        expect(canonicalIp(text)).toBeNull();
        expect(readIp(text)).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts every IP literal, and its canonical form is a fixed point', () => {
    fc.assert(
      fc.property(ipLiteral, (text) => {
        const read = readTargetAddress(text);
        if (!read.ok) throw new Error(read.reason);
        expect(read.address).toBe(canonicalIp(text));
        expect(readTargetAddress(read.address ?? '')).toEqual(read);
        expect(read.address).toBe(read.address?.toLowerCase());
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts nothing in random text but `*`, localhost and IP literals (zod agrees on IPv4)', () => {
    const ipv4 = z.ipv4();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.stringMatching(/^[0-9a-fA-F.:]{0,20}$/),
          fc.ipV4Extended(),
        ),
        (text) => {
          const read = readTargetAddress(text);
          if (!read.ok) return;
          if (text === '*' || text.toLowerCase() === 'localhost') return;
          // Otherwise it is made of address characters only, and IPv4 exactly when zod says so.
          expect(text).toMatch(/^[0-9a-fA-F.:]+$/);
          expect(readIp(text)?.family === 4 && !text.includes(':')).toBe(ipv4.safeParse(text).success);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('reads IPv4-mapped IPv6 as the IPv4 address it carries', () => {
    expect(readIp('::ffff:10.1.2.3')).toEqual({ family: 4, address: '10.1.2.3' });
    expect(readIp('::FFFF:0a01:0203')).toEqual({ family: 4, address: '10.1.2.3' });
    expect(readIp('10.1.2.3')).toEqual({ family: 4, address: '10.1.2.3' });
    expect(readIp('::1')).toEqual({ family: 6, address: '::1' });
    expect(readIp('::10.1.2.3')).toEqual({ family: 6, address: '::a01:203' });
  });
});

describe('Target (the contract schema)', () => {
  const port = (address: unknown): unknown => ({ kind: 'port', port: 3000, address });

  it('normalises the address: canonical text, `*` as null', () => {
    expect(Target.parse(port('0:0:0:0:0:0:0:1'))).toEqual({ kind: 'port', port: 3000, address: '::1' });
    expect(Target.parse(port('LOCALHOST'))).toEqual({ kind: 'port', port: 3000, address: 'localhost' });
    expect(Target.parse(port('*'))).toEqual({ kind: 'port', port: 3000, address: null });
    expect(Target.parse(port(null))).toEqual({ kind: 'port', port: 3000, address: null });
    expect(TargetAddress.parse('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
  });

  it('refuses anything that is not an address as a typed invalid-request, in every call that takes a Target', () => {
    fc.assert(
      fc.property(notAddress, (text) => {
        expect(Target.safeParse(port(text)).success).toBe(false);
        for (const name of ['killPreview', 'restartPreview'] as const) {
          const call = parseCall(name, port(text));
          expect(call.ok).toBe(false);
          if (!call.ok) expect(call.error.code).toBe('invalid-request');
        }
        const logs = parseCall('logs', { target: port(text), lines: 10 });
        expect(!logs.ok && logs.error.code).toBe('invalid-request');
      }),
      { numRuns: 2000 },
    );
  });

  it('says in the error what is wrong with the address', () => {
    const call = parseCall('killPreview', port('no.such.host'));
    expect(call.ok).toBe(false);
    if (!call.ok)
      expect(call.error.message).toMatch(
        /address: "no\.such\.host" is not an address: host names are not resolved/,
      );
    expect(Calls.killPreview.request).toBe(Target);
  });

  it('accepts every IP literal in a request, as its canonical form', () => {
    fc.assert(
      fc.property(ipLiteral, (text) => {
        const call = parseCall('killPreview', port(text));
        if (!call.ok) throw new Error(call.error.message);
        expect(call.value.request).toEqual({ kind: 'port', port: 3000, address: canonicalIp(text) });
      }),
    );
  });
});
